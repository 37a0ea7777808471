package io.cascaderadar.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.jobs.testing.Events;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ScopeStepSumsTest {
    private static final long STEP = 10_000;
    private static final long T0 = 1_760_000_000_000L;

    private OneInputStreamOperatorTestHarness<VenueLiquidation, ScopedLiquidations> harness;

    @BeforeEach
    void open() throws Exception {
        harness = newHarness(null);
    }

    private static OneInputStreamOperatorTestHarness<VenueLiquidation, ScopedLiquidations> newHarness(
            OperatorSubtaskState restored) throws Exception {
        var h = new OneInputStreamOperatorTestHarness<>(new ScopeStepSums(Duration.ofMillis(STEP)));
        if (restored != null) {
            h.initializeState(restored);
        }
        h.open();
        return h;
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void aStepsLiquidationsLeaveSummedForMarketVenueTypeAssetAndVenueWhenTheWatermarkPassesIt() throws Exception {
        add(Events.liquidation("aave-v3", "ETH", T0 + 4_000, 300, false));
        add(Events.liquidation("aave-v3", "ETH", T0 + 1_000, 100, true));
        add(Events.liquidation("aave-v3", "WBTC", T0 + 9_999, 50, true));
        add(Events.liquidation("aave-v3", "ETH", T0 + STEP, 7, true));
        harness.processWatermark(T0 + STEP - 2);
        assertThat(harness.extractOutputValues()).as("the step is still open").isEmpty();

        harness.processWatermark(T0 + STEP - 1);
        Map<String, ScopedLiquidations> sums = byScope(harness.extractOutputValues());
        assertThat(sums).containsOnlyKeys("MARKET:ALL", "MARKET:DEFI", "ASSET:ETH", "ASSET:WBTC", "VENUE:aave-v3");
        ScopedLiquidations market = sums.get("MARKET:ALL");
        assertThat(market.stepStart).isEqualTo(T0);
        assertThat(market.usd).isEqualTo(450);
        assertThat(market.count).isEqualTo(3);
        assertThat(market.longUsd).isEqualTo(150);
        assertThat(market.longCount).isEqualTo(2);
        assertThat(market.quantityBase).isEqualTo(4.5);
        assertThat(market.lastTime).isEqualTo(T0 + 9_999);
        assertThat(sums.get("ASSET:ETH").usd).isEqualTo(400);
        assertThat(sums.get("ASSET:WBTC").count).isEqualTo(1);
        assertThat(sums.get("VENUE:aave-v3").usd).isEqualTo(450);

        harness.processWatermark(T0 + 2 * STEP - 1);
        assertThat(harness.extractOutputValues()).hasSize(5 + 4);
    }

    /** Liquidations that alternate between two open steps (their sources' order) each count in their own step. */
    @Test
    void liquidationsAlternatingBetweenTwoOpenStepsEachCountInTheirOwn() throws Exception {
        add(Events.liquidation("bybit", "BTC", T0 + 1_000, 100, false));
        add(Events.liquidation("bybit", "BTC", T0 + STEP + 1_000, 20, false));
        add(Events.liquidation("bybit", "BTC", T0 + 2_000, 300, false));
        add(Events.liquidation("bybit", "BTC", T0 + STEP + 2_000, 4, false));
        harness.processWatermark(T0 + 2 * STEP - 1);
        Map<Long, Double> usdByStep = harness.extractOutputValues().stream()
                .filter(s -> s.scopeId.equals("ASSET:BTC"))
                .collect(Collectors.toMap(s -> s.stepStart, s -> s.usd));
        assertThat(usdByStep).containsOnly(Map.entry(T0, 400.0), Map.entry(T0 + STEP, 24.0));
    }

    @Test
    void openStepsAreCheckpointedAndLeaveAfterARestore() throws Exception {
        add(Events.liquidation("bybit", "BTC", T0 + 1_000, 1_000, false));
        OperatorSubtaskState snapshot = harness.snapshot(1, T0 + 2_000);
        harness.close();

        harness = newHarness(snapshot);
        add(Events.liquidation("bybit", "BTC", T0 + 2_000, 500, true));
        harness.processWatermark(T0 + STEP - 1);
        Map<String, ScopedLiquidations> sums = byScope(harness.extractOutputValues());
        assertThat(sums).containsOnlyKeys("MARKET:ALL", "MARKET:CEX", "ASSET:BTC", "VENUE:bybit");
        assertThat(sums.get("ASSET:BTC").usd).isEqualTo(1_500);
        assertThat(sums.get("ASSET:BTC").count).isEqualTo(2);
    }

    @Test
    void aLiquidationOfAStepTheWatermarkHasPassedLeavesAtOnceAlone() throws Exception {
        harness.processWatermark(T0 + 3 * STEP);
        add(Events.liquidation("bybit", "BTC", T0 + 5_000, 1_000, false));
        List<ScopedLiquidations> out = harness.extractOutputValues();
        assertThat(out).hasSize(4).allSatisfy(s -> {
            assertThat(s.stepStart).isEqualTo(T0);
            assertThat(s.usd).isEqualTo(1_000);
            assertThat(s.count).isEqualTo(1);
        });
        harness.processWatermark(T0 + 10 * STEP);
        assertThat(harness.extractOutputValues()).as("nothing left open").hasSize(4);
    }

    @Test
    void afterARescaleTheOpenStepsOfTwoSubtasksLeaveAsOneSumPerScope() throws Exception {
        add(Events.liquidation("bybit", "BTC", T0 + 1_000, 1_000, false));
        OperatorSubtaskState first = harness.snapshot(1, T0 + 2_000);
        var other = newHarness(null);
        other.processElement(VenueLiquidation.of(Events.liquidation("okx", "BTC", T0 + 3_000, 250, true)), T0 + 3_000);
        OperatorSubtaskState second = other.snapshot(1, T0 + 3_000);
        other.close();
        harness.close();

        harness = newHarness(OneInputStreamOperatorTestHarness.repackageState(first, second));
        add(Events.liquidation("okx", "BTC", T0 + 4_000, 50, false));
        harness.processWatermark(T0 + STEP - 1);
        // One sum per scope (a second would fail the collection by scope id): the restored and the new together.
        Map<String, ScopedLiquidations> sums = byScope(harness.extractOutputValues());
        assertThat(sums).containsOnlyKeys("MARKET:ALL", "MARKET:CEX", "ASSET:BTC", "VENUE:bybit", "VENUE:okx");
        assertThat(sums.get("ASSET:BTC").usd).isEqualTo(1_300);
        assertThat(sums.get("ASSET:BTC").count).isEqualTo(3);
        assertThat(sums.get("ASSET:BTC").longCount).isEqualTo(1);
        assertThat(sums.get("VENUE:okx").usd).isEqualTo(300);
    }

    @Test
    void aRetractionCountsNegativelyAndAloneOnlyTakesBack() throws Exception {
        LiquidationEvent e = Events.liquidation("aave-v3", "ETH", T0 + 1_000, 100, true);
        add(e);
        add(LiquidationEvent.newBuilder(e).setRetracted(true).build());
        harness.processWatermark(T0 + STEP - 1);
        assertThat(harness.extractOutputValues()).hasSize(4).allSatisfy(s -> {
            assertThat(s.usd).isZero();
            assertThat(s.count).isZero();
            assertThat(s.onlyRetractions()).isFalse();
        });

        add(LiquidationEvent.newBuilder(e).setRetracted(true).build());
        assertThat(harness.extractOutputValues().subList(4, 8)).allSatisfy(s -> {
            assertThat(s.usd).isEqualTo(-100);
            assertThat(s.count).isEqualTo(-1);
            assertThat(s.onlyRetractions()).isTrue();
        });
    }

    private void add(LiquidationEvent e) throws Exception {
        harness.processElement(VenueLiquidation.of(e), e.getEventTime().toEpochMilli());
    }

    private static Map<String, ScopedLiquidations> byScope(List<ScopedLiquidations> sums) {
        return sums.stream().collect(Collectors.toMap(s -> s.scopeId, Function.identity()));
    }
}
