package io.cascaderadar.jobs.signals;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascaderadar.avro.CascadeSignal;
import io.cascaderadar.avro.FeedHealth;
import io.cascaderadar.avro.FeedState;
import io.cascaderadar.avro.IntensityLevel;
import io.cascaderadar.avro.Scope;
import io.cascaderadar.jobs.config.IntensityConfig;
import io.cascaderadar.jobs.ingest.ScopedLiquidation;
import io.cascaderadar.jobs.patterns.Signals;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CascadeIntensityFunctionTest {
    private static final long T0 = 1_760_000_000_000L - 1_760_000_000_000L % 3_600_000L;

    private KeyedBroadcastOperatorTestHarness<String, ScopedLiquidation, FeedHealth, CascadeSignal> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new CascadeIntensityFunction(IntensityConfig.defaults(), Duration.ofMinutes(15)),
                s -> s.scopeId, Types.STRING, CascadeIntensityFunction.FEED_GAPS);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void countsEveryLiquidationInItsStep() throws Exception {
        for (long t = T0; t < T0 + 180_000; t += 2_000) {
            harness.processElement(new StreamRecord<>(liq(t, 1_000), t));
            harness.watermark(t - 1);
        }
        harness.watermark(T0 + 180_000);
        List<CascadeSignal> out = signals();
        assertThat(out).hasSizeGreaterThanOrEqualTo(18);
        assertThat(out).allSatisfy(s -> assertThat(Signals.window(s, 10).getCount()).isEqualTo(5));
    }

    @Test
    void aQuietScopeStopsItsTimersAndKeepsOnlyItsBaseline() throws Exception {
        for (long t = T0; t < T0 + 600_000; t += 5_000) {
            harness.processElement(new StreamRecord<>(liq(t, 1_000), t));
        }
        harness.watermark(T0 + 8 * 3_600_000L);
        assertThat(harness.numEventTimeTimers()).isZero();
        // Only the baseline is left: its ring and activity are gone.
        assertThat(keyedStateEntries()).isEqualTo(1);
        long steps = signals().size();
        assertThat(steps).isGreaterThan(360).isLessThan(3 * 360);
    }

    @Test
    void stepsInsideAFeedGapAreNeverCalmAndTheOthersAre() throws Exception {
        harness.processBroadcastElement(health(FeedState.GAP, T0 + 60_000, T0 + 60_000, null), T0 + 60_000);
        harness.processBroadcastElement(health(FeedState.RECOVERED, T0 + 90_000, T0 + 60_000, T0 + 90_000), T0 + 90_000);
        for (long t = T0; t < T0 + 180_000; t += 2_000) {
            harness.processElement(new StreamRecord<>(liq(t, 1_000), t));
        }
        harness.watermark(T0 + 180_000);
        List<Long> gapSteps = signals().stream().filter(s -> !s.getCoverageGaps().isEmpty())
                .map(s -> s.getStepEnd().toEpochMilli() - T0).toList();
        assertThat(gapSteps).containsExactly(70_000L, 80_000L, 90_000L);
    }

    private static FeedHealth health(FeedState state, long time, Long start, Long end) {
        return FeedHealth.newBuilder().setVenue("okx").setChannel(FeedGaps.LIQUIDATIONS_CHANNEL).setState(state)
                .setEventTime(java.time.Instant.ofEpochMilli(time))
                .setGapStart(start == null ? null : java.time.Instant.ofEpochMilli(start))
                .setGapEnd(end == null ? null : java.time.Instant.ofEpochMilli(end)).build();
    }

    private int keyedStateEntries() {
        AbstractStreamOperator<?> operator = (AbstractStreamOperator<?>) harness.getTwoInputOperator();
        return ((HeapKeyedStateBackend<?>) operator.getKeyedStateBackend()).numKeyValueStateEntries();
    }

    private List<CascadeSignal> signals() {
        return harness.extractOutputValues();
    }

    private static ScopedLiquidation liq(long t, double usd) {
        return new ScopedLiquidation(Scope.MARKET, "ALL", "bybit", t, usd, usd / 100, true, false);
    }
}
