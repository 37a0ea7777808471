package io.cascaderadar.jobs.signals;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascaderadar.avro.CascadeSignal;
import io.cascaderadar.avro.FeedHealth;
import io.cascaderadar.avro.FeedState;
import io.cascaderadar.avro.IntensityLevel;
import io.cascaderadar.avro.Scope;
import io.cascaderadar.avro.WindowStats;
import io.cascaderadar.jobs.config.IntensityConfig;
import io.cascaderadar.jobs.ingest.ScopedLiquidations;
import io.cascaderadar.jobs.patterns.Signals;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CascadeIntensityFunctionTest {
    private static final long T0 = 1_760_000_000_000L - 1_760_000_000_000L % 3_600_000L;

    private KeyedBroadcastOperatorTestHarness<String, ScopedLiquidations, FeedHealth, CascadeSignal> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new CascadeIntensityFunction(IntensityConfig.defaults(), Duration.ofMinutes(15), null),
                s -> s.scopeId, Types.STRING, CascadeIntensityFunction.FEED_GAPS);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void aSnapshotFromBeforeTheRingKeptCentsRestoresItsBaselineAndStartsItsWindowsAgain() throws Exception {
        // Written by this function at 6d6a993 (this class's harness, OperatorSnapshotUtil.writeStateHandle), when the
        // ring kept USD as floats in fields since renamed, after two hours of a liquidation of $1,000.25 every 10 s
        // in the whole market's scope. By Flink's rules for POJOs the removed fields are dropped and the added ones
        // left null, and the function starts the ring again.
        String snapshot = Path.of(getClass().getResource("/savepoints/cascade-intensity-6d6a993.snapshot").toURI())
                .toString();
        harness.close();
        harness = new KeyedBroadcastOperatorTestHarness<>(new CoBroadcastWithKeyedOperator<>(
                new CascadeIntensityFunction(IntensityConfig.defaults(), Duration.ofMinutes(15), null),
                List.of(CascadeIntensityFunction.FEED_GAPS)), s -> s.scopeId, Types.STRING, 1, 1, 0);
        harness.setup();
        harness.initializeState(OperatorSnapshotUtil.readStateHandle(snapshot));
        harness.open();

        long restored = T0 + 2 * 3_600_000L;
        for (long t = restored; t < restored + 600_000; t += 10_000) {
            harness.processElement(new StreamRecord<>(liq(t, 1_000.25), t));
            harness.watermark(t - 1);
        }
        harness.watermark(restored + 600_000 - 1);

        CascadeSignal last = signals().get(signals().size() - 1);
        assertThat(last.getStepEnd().toEpochMilli()).isEqualTo(restored + 600_000);
        assertThat(last.getBaselineMinutes()).isGreaterThan(120); // learned before the snapshot, and after
        WindowStats hour = Signals.window(last, 3_600);
        assertThat(hour.getCount()).isEqualTo(60); // the ten minutes since, not the hour before
        assertThat(hour.getUsd()).isEqualTo(60 * 1_000.25);
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
    void theSignalsAreTheSameWhetherTheWatermarkFollowsEachStepOrJumpsOverHours() throws Exception {
        // Calm, a burst, a silence of two hours (longer than the windows), calm again: a replay's watermark jumps
        // over all of it at once, a live one follows it.
        List<Long> times = new ArrayList<>();
        for (long t = T0; t < T0 + 6 * 3_600_000L; t += 7_000) {
            boolean silent = t > T0 + 3 * 3_600_000L && t < T0 + 5 * 3_600_000L;
            if (!silent) {
                times.add(t);
            }
        }
        List<String> following = signalsOf(times, true);
        List<String> jumping = signalsOf(times, false);

        assertThat(following).hasSizeGreaterThan(1_000);
        assertThat(jumping).isEqualTo(following);
    }

    @Test
    void waitingBinsHoldOneTimerAndGiveTheSameSignalsInWhateverOrderTheyArrive() throws Exception {
        // Dense steps, then sparse ones further apart than the bins looked up by index, a burst, and silences.
        List<Long> times = new ArrayList<>();
        for (long t = T0; t < T0 + 4 * 3_600_000L; t += t < T0 + 3_600_000L ? 7_000 : 170_000) {
            times.add(t);
        }
        for (long t = T0 + 2 * 3_600_000L; t < T0 + 2 * 3_600_000L + 600_000; t += 3_000) {
            times.add(t);
        }
        times.sort(null);
        for (long t : times) {
            harness.processElement(new StreamRecord<>(liq(t, 1_000), t));
        }
        assertThat(harness.numEventTimeTimers()).as("one timer for every waiting bin").isEqualTo(1);
        harness.close();
        open();

        List<Long> shuffled = new ArrayList<>(times);
        Collections.shuffle(shuffled, new Random(7));
        List<String> inOrder = signalsOf(times, false);
        assertThat(inOrder).hasSizeGreaterThan(500);
        assertThat(signalsOf(shuffled, false)).isEqualTo(inOrder);
    }

    @Test
    void aCalmScopeWithLiquidationsAtEveryStepKeepsAFewTimersNotOnePerStep() throws Exception {
        for (long t = T0; t < T0 + 3 * 3_600_000L; t += 9_000) {
            harness.processElement(new StreamRecord<>(liq(t, 1_000), t));
            harness.watermark(t - 1);
            // Its next step's bin, a check for going quiet, and perhaps one for the resolution time.
            assertThat(harness.numEventTimeTimers()).as("timers at %d", t).isLessThanOrEqualTo(3);
        }
        assertThat(signals()).as("every step (each has liquidations) but the last").hasSize(3 * 360 - 1);
    }

    /**
     * The signals of liquidations at these times (larger in the {@link #burst}), the watermark following each or
     * passing them all at the end; the harness is a new one after.
     */
    private List<String> signalsOf(List<Long> times, boolean watermarkFollows) throws Exception {
        for (long t : times) {
            harness.processElement(new StreamRecord<>(liq(t, burst(t) ? 80_000 : 1_000), t));
            if (watermarkFollows) {
                harness.watermark(t - 1);
            }
        }
        harness.watermark(Long.MAX_VALUE);
        assertThat(harness.numEventTimeTimers()).isZero();
        List<String> signals = signals().stream().map(Object::toString).toList();
        harness.close();
        open();
        return signals;
    }

    private static boolean burst(long t) {
        return t >= T0 + 2 * 3_600_000L && t < T0 + 2 * 3_600_000L + 600_000;
    }

    @Test
    void aQuietScopeStopsItsTimersAndKeepsOnlyItsBaseline() throws Exception {
        for (long t = T0; t < T0 + 600_000; t += 5_000) {
            harness.processElement(new StreamRecord<>(liq(t, 1_000), t));
        }
        harness.watermark(T0 + 8 * 3_600_000L);
        assertThat(harness.numEventTimeTimers()).isZero();
        // Only the baseline and the scope's few fields are left: the ring and the pending bins are gone.
        assertThat(keyedStateEntries()).isEqualTo(2);
        // A calm scope is evaluated at the steps that bring liquidations, and once when it goes quiet.
        assertThat(signals().size()).as("60 steps with liquidations and the quiet one").isEqualTo(60 + 1);
        assertThat(signals()).allSatisfy(s -> assertThat(s.getLevel()).isIn(IntensityLevel.CALM, IntensityLevel.NORMAL));
    }

    @Test
    void aBurstOverAnHourOfCalmGoesElevatedThenSevereAndBackToCalm() throws Exception {
        long burst = T0 + 3_600_000;
        for (long t = T0; t < burst; t += 6_000) {
            harness.processElement(new StreamRecord<>(liq(t, 3_000), t));       // $30k a minute
        }
        for (long t = burst; t < burst + 600_000; t += 500) {
            harness.processElement(new StreamRecord<>(liq(t, 15_000), t));      // $1.8M a minute for ten minutes
        }
        harness.watermark(burst + 3 * 3_600_000L);
        List<CascadeSignal> out = signals();
        CascadeSignal firstElevated = out.stream().filter(s -> s.getLevel() == IntensityLevel.ELEVATED).findFirst().orElseThrow();
        CascadeSignal firstSevere = out.stream().filter(s -> s.getLevel() == IntensityLevel.SEVERE).findFirst().orElseThrow();
        assertThat(firstElevated.getStepEnd().toEpochMilli() - burst).isLessThanOrEqualTo(30_000);
        assertThat(firstSevere.getStepEnd()).isAfter(firstElevated.getStepEnd());
        assertThat(firstSevere.getStepEnd().toEpochMilli() - burst).isLessThan(300_000);
        assertThat(firstSevere.getBaselineMinutes()).isBetween(60L, 65L);
        assertThat(Signals.window(firstSevere, 900).getExcess()).isGreaterThanOrEqualTo(10);
        CascadeSignal last = out.get(out.size() - 1);
        assertThat(last.getLevel()).isEqualTo(IntensityLevel.CALM);
        assertThat(last.getCalmSeconds()).isGreaterThanOrEqualTo(15 * 60);
    }

    @Test
    void oneLargeLiquidationAloneIsNoCascade() throws Exception {
        for (long t = T0; t < T0 + 3_600_000; t += 6_000) {
            harness.processElement(new StreamRecord<>(liq(t, 3_000), t));
        }
        long whale = T0 + 3_600_000;
        harness.processElement(new StreamRecord<>(liq(whale, 5_000_000), whale));
        harness.watermark(whale + 600_000);
        assertThat(signals()).noneMatch(s -> Signals.atLeast(s, IntensityLevel.ELEVATED));
        CascadeSignal atWhale = signals().stream().filter(s -> Signals.window(s, 10).getUsd() >= 5_000_000)
                .findFirst().orElseThrow();
        assertThat(Signals.window(atWhale, 300).getExcess()).as("huge in USD").isGreaterThan(20);
        assertThat(Signals.window(atWhale, 300).getCountExcess()).as("ordinary in count").isLessThan(2);
    }

    @Test
    void withoutHistoryABurstIsHeldToHigherThresholds() throws Exception {
        for (long t = T0; t < T0 + 300_000; t += 500) {
            harness.processElement(new StreamRecord<>(liq(t, t < T0 + 120_000 ? 300 : 15_000), t));
        }
        harness.watermark(T0 + 600_000);
        assertThat(signals()).noneMatch(s -> s.getLevel() == IntensityLevel.SEVERE);
        assertThat(signals().get(signals().size() - 1).getBaselineMinutes()).isLessThan(60);
    }

    @Test
    void aColdStartOnOrdinaryFlowFarAboveTheFloorIsNeverElevated() throws Exception {
        // The market at $20M a minute from the first second, steady: against the floor ($25k a minute) its first
        // steps are 100 times the expected, beyond the warm-up's tenfold thresholds; under the absolute $250M in 15 minutes.
        for (long t = T0; t < T0 + 480_000; t += 500) {
            harness.processElement(new StreamRecord<>(liq(t, 166_666), t));
        }
        harness.watermark(T0 + 480_000);
        assertThat(signals()).hasSizeGreaterThanOrEqualTo(47)
                .noneMatch(s -> Signals.atLeast(s, IntensityLevel.ELEVATED));
        assertThat(Signals.window(signals().get(3), 300).getExcess()).as("the first steps, against the floor")
                .isGreaterThan(50);
    }

    @Test
    void aRecordingThatStartsInsideAHugeCascadeStillSeesIt() throws Exception {
        // $30M a minute from the first second: the baseline is the cascade itself, but $250M in 15 minutes is one.
        for (long t = T0; t < T0 + 900_000; t += 1_000) {
            harness.processElement(new StreamRecord<>(liq(t, 500_000), t));
        }
        harness.watermark(T0 + 900_000);
        CascadeSignal firstSevere = signals().stream().filter(s -> s.getLevel() == IntensityLevel.SEVERE)
                .findFirst().orElseThrow();
        assertThat(Signals.window(firstSevere, 900).getUsd()).isGreaterThanOrEqualTo(250e6);
        assertThat(firstSevere.getStepEnd().toEpochMilli() - T0).isLessThanOrEqualTo(510_000);
    }

    @Test
    void liquidationsAfterALongSilenceStillAddUpInTheWindows() throws Exception {
        long later = T0 + 3 * 3_600_000L;
        harness.processElement(new StreamRecord<>(liq(T0, 1_000), T0));
        harness.processElement(new StreamRecord<>(liq(later, 1_000), later));
        harness.processElement(new StreamRecord<>(liq(later + 120_000, 1_000), later + 120_000));
        harness.watermark(later + 130_000);
        CascadeSignal last = signals().get(signals().size() - 1);
        assertThat(Signals.window(last, 300).getCount()).as("both liquidations after the silence").isEqualTo(2);
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

    @Test
    void aLateLiquidationAmendsTheWindowsOfTheStepsAfterItAndLeavesThoseEmitted() throws Exception {
        for (long t = T0; t < T0 + 180_000; t += 2_000) {
            harness.processElement(new StreamRecord<>(liq(t, 1_000), t));
            harness.watermark(t - 1);
        }
        harness.watermark(T0 + 180_000 - 1);
        List<CascadeSignal> before = List.copyOf(signals());
        long late = T0 + 125_000;
        harness.processElement(new StreamRecord<>(liq(late, 70_000), late));
        assertThat(signals()).as("no step is evaluated again").isEqualTo(before);

        harness.watermark(T0 + 190_000 - 1);
        CascadeSignal next = signals().get(signals().size() - 1);
        assertThat(next.getStepEnd().toEpochMilli()).isEqualTo(T0 + 190_000);
        assertThat(Signals.window(next, 300).getUsd()).isEqualTo(90 * 1_000 + 70_000.0);
        assertThat(Signals.window(next, 300).getCount()).isEqualTo(91);
        assertThat(Signals.window(next, 10).getCount()).as("the step itself had none").isZero();
    }

    @Test
    void aLateLiquidationInAQuietScopeIsEvaluatedAtTheNextStep() throws Exception {
        harness.processElement(new StreamRecord<>(liq(T0, 1_000), T0));
        harness.watermark(T0 + 3_600_000L);
        int before = signals().size();
        long late = T0 + 3_600_000L - 120_000;
        harness.processElement(new StreamRecord<>(liq(late, 50_000), late));
        harness.watermark(T0 + 3_610_000L);

        assertThat(signals()).hasSize(before + 1);
        CascadeSignal next = signals().get(before);
        assertThat(next.getStepEnd().toEpochMilli()).isEqualTo(T0 + 3_610_000L);
        assertThat(Signals.window(next, 300).getUsd()).isEqualTo(50_000.0);
        assertThat(Signals.window(next, 60).getUsd()).as("two minutes before the step").isZero();

        harness.watermark(T0 + 8 * 3_600_000L);
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aRetractionTakesItsLiquidationBackOutOfEveryWindowStillHoldingIt() throws Exception {
        for (long t = T0; t < T0 + 180_000; t += 2_000) {
            harness.processElement(new StreamRecord<>(liq(t, 1_000), t));
        }
        long withdrawn = T0 + 100_000;
        harness.processElement(new StreamRecord<>(single(withdrawn, 40_000, false), withdrawn));
        harness.watermark(T0 + 180_000 - 1);
        CascadeSignal counted = signals().get(signals().size() - 1);
        assertThat(Signals.window(counted, 300).getUsd()).isEqualTo(90 * 1_000 + 40_000.0);

        harness.processElement(new StreamRecord<>(retraction(withdrawn, 40_000), withdrawn));
        harness.watermark(T0 + 190_000 - 1);
        CascadeSignal after = signals().get(signals().size() - 1);
        assertThat(Signals.window(after, 300).getUsd()).isEqualTo(90 * 1_000.0);
        assertThat(Signals.window(after, 300).getCount()).isEqualTo(90);
        assertThat(Signals.window(after, 300).getLongCount()).isEqualTo(90);
    }

    @Test
    void aRetractionForAScopeThatWentQuietChangesNothing() throws Exception {
        harness.processElement(new StreamRecord<>(liq(T0, 1_000), T0));
        harness.watermark(T0 + 8 * 3_600_000L);
        int signalsBefore = signals().size();
        int stateBefore = keyedStateEntries();

        harness.processElement(new StreamRecord<>(retraction(T0, 1_000), T0));
        harness.watermark(T0 + 9 * 3_600_000L);
        assertThat(signals()).hasSize(signalsBefore);
        assertThat(keyedStateEntries()).isEqualTo(stateBefore);
        assertThat(harness.numEventTimeTimers()).isZero();
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

    private static ScopedLiquidations liq(long t, double usd) {
        return single(t, usd, false);
    }

    private static ScopedLiquidations retraction(long t, double usd) {
        return single(t, usd, true);
    }

    /** One long liquidation, or its retraction, as the step sums send it when it is late. */
    private static ScopedLiquidations single(long t, double usd, boolean retraction) {
        long stepStart = t - Math.floorMod(t, 10_000L);
        return new ScopedLiquidations(Scope.MARKET, "ALL", stepStart).add(t, usd, usd / 100, true, false, retraction);
    }
}
