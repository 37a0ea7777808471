package io.cascaderadar.jobs.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cascaderadar.avro.PriceKind;
import io.cascaderadar.avro.PriceMove;
import io.cascaderadar.avro.PriceUpdate;
import io.cascaderadar.jobs.config.OpenInterestConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PriceMoveFunctionTest {
    private static final long T0 = 1_760_000_000_000L - 1_760_000_000_000L % 3_600_000L;
    private static final long MINUTE = 60_000;

    private KeyedOneInputStreamOperatorTestHarness<String, PriceUpdate, PriceMove> harness;

    @BeforeEach
    void open() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(
                new PriceMoveFunction(OpenInterestConfig.defaults().windows(), Duration.ofMinutes(5))),
                PriceUpdate::getBaseAsset, Types.STRING);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void theMedianOfTheVenuesFallsAndTheChangesAndDrawdownFollowIt() throws Exception {
        // Three venues, 100 at first, then 1% lower each minute from minute 30; one venue 10% off (the median ignores it).
        for (int m = 1; m <= 90; m++) {
            double p = m < 30 ? 100 : 100 * Math.pow(0.99, m - 29);
            price("binance-usdm", T0 + m * MINUTE, p);
            price("bybit", T0 + m * MINUTE - 20_000, p);
            price("okx", T0 + m * MINUTE - 30_000, p * 1.1);
            harness.processWatermark(new Watermark(T0 + m * MINUTE));
        }
        List<PriceMove> out = harness.extractOutputValues();
        assertThat(out).hasSize(90);
        PriceMove last = out.get(89);
        assertThat(last.getEventTime()).isEqualTo(Instant.ofEpochMilli(T0 + 90 * MINUTE));
        assertThat(last.getInstruments()).isEqualTo(3);
        assertThat(last.getPrice()).isCloseTo(100 * Math.pow(0.99, 61), within(1e-9));
        assertThat(change(last, 300)).isCloseTo((Math.pow(0.99, 5) - 1) * 100, within(1e-9));
        assertThat(change(last, 3600)).isCloseTo((Math.pow(0.99, 60) - 1) * 100, within(1e-9));
        assertThat(last.getHighPrice()).as("the high of the last hour, 60 minutes back").isCloseTo(100 * Math.pow(0.99, 2), within(1e-9));
        assertThat(last.getDrawdownPct()).isCloseTo((Math.pow(0.99, 59) - 1) * 100, within(1e-9));
        assertThat(change(out.get(10), 3600)).as("no price an hour before minute 11").isNull();
    }

    @Test
    void aStaleVenueLeavesTheMedianAndAPriceBehindTheWatermarkCountsFromTheNextMinute() throws Exception {
        price("okx", T0 + MINUTE, 200);
        price("bybit", T0 + MINUTE, 100);
        harness.processWatermark(new Watermark(T0 + MINUTE));
        price("bybit", T0 + 8 * MINUTE, 102);
        harness.processWatermark(new Watermark(T0 + 8 * MINUTE));
        price("okx", T0 + 7 * MINUTE, 104);
        harness.processWatermark(new Watermark(T0 + 9 * MINUTE));

        List<PriceMove> out = harness.extractOutputValues();
        assertThat(out).extracting(PriceMove::getPrice).containsExactly(150.0, 102.0, 103.0);
        assertThat(out.get(2).getEventTime()).isEqualTo(Instant.ofEpochMilli(T0 + 9 * MINUTE));
    }

    @Test
    void anAssetWithoutPricesForTheLongestWindowLeavesNoStateNorTimers() throws Exception {
        for (int m = 1; m <= 3; m++) {
            price("bybit", T0 + m * MINUTE, 100 + m);
        }
        harness.processWatermark(new Watermark(T0 + 3 * MINUTE));
        assertThat(harness.numKeyedStateEntries()).isPositive();
        harness.processWatermark(new Watermark(T0 + 3 * MINUTE + Duration.ofHours(1).toMillis()));
        assertThat(harness.numKeyedStateEntries()).as("priced within the longest window").isPositive();
        harness.processWatermark(new Watermark(T0 + 3 * MINUTE + Duration.ofHours(2).toMillis() + 1));
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void anAssetPricedAgainAfterTheLongestWindowBeforeItsCleanUpStartsAfresh() throws Exception {
        for (int m = 1; m <= 3; m++) {
            pricedAt("okx", m, 100);
        }
        pricedAt("bybit", 64, 50);
        long again = T0 + 64 * MINUTE;
        assertThat(harness.numEventTimeTimers()).as("the first minutes' clean-up still to come").isPositive();

        PriceMove move = harness.extractOutputValues().get(3);
        assertThat(move.getEventTime()).isEqualTo(Instant.ofEpochMilli(again));
        assertThat(move.getInstruments()).as("okx's price is stale").isEqualTo(1);
        assertThat(move.getPrice()).isEqualTo(50.0);
        assertThat(move.getChanges()).allSatisfy(c -> assertThat(c.getChangePct()).as("no price that long ago").isNull());
        assertThat(move.getHighPrice()).isEqualTo(50.0);
        assertThat(move.getDrawdownPct()).isZero();
    }

    @Test
    void anAssetPricedEveryMinuteHoldsAFewTimersNotOneForEachMinuteOfTheLongestWindow() throws Exception {
        for (int m = 1; m <= 150; m++) {
            pricedAt("bybit", m, 100);
            assertThat(harness.numEventTimeTimers()).as("after minute %d", m).isLessThanOrEqualTo(3);
        }
        assertThat(harness.extractOutputValues()).hasSize(150);
        assertThat(harness.numKeyedStateEntries()).isPositive();
    }

    @Test
    void pricesAheadOfTheWatermarkWaitWithOneTimerAndEveryMinuteOfThemIsEvaluated() throws Exception {
        // Twenty minutes priced, an hour without, ten more: all before any watermark.
        for (int m = 1; m <= 90; m = m == 20 ? 81 : m + 1) {
            price("bybit", T0 + m * MINUTE, m);
        }
        assertThat(harness.numEventTimeTimers()).as("the earliest waiting minute's").isEqualTo(1);
        harness.processWatermark(new Watermark(T0 + 90 * MINUTE));

        assertThat(harness.extractOutputValues()).hasSize(30)
                .allSatisfy(move -> assertThat(move.getPrice()).isEqualTo((move.getEventTime().toEpochMilli() - T0) / MINUTE));
    }

    /** A price at the end of a minute after T0, and the watermark to it. */
    private void pricedAt(String venue, int minute, double price) throws Exception {
        price(venue, T0 + minute * MINUTE, price);
        harness.processWatermark(new Watermark(T0 + minute * MINUTE));
    }

    private void price(String venue, long time, double price) throws Exception {
        harness.processElement(PriceUpdate.newBuilder().setVenue(venue).setInstrument("BTCUSDT").setBaseAsset("BTC")
                .setPrice(price).setPriceKind(PriceKind.MARK).setEventTime(Instant.ofEpochMilli(time)).build(), time);
    }

    private static Double change(PriceMove move, int windowSeconds) {
        return move.getChanges().stream().filter(c -> c.getWindowSeconds() == windowSeconds).findFirst()
                .orElseThrow().getChangePct();
    }
}
