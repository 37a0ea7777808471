package io.cascaderadar.jobs.signals;

import io.cascaderadar.avro.CascadeSignal;
import io.cascaderadar.avro.FeedHealth;
import io.cascaderadar.avro.IntensityLevel;
import io.cascaderadar.avro.Scope;
import io.cascaderadar.avro.WindowStats;
import io.cascaderadar.jobs.config.IntensityConfig;
import io.cascaderadar.jobs.ingest.ScopedLiquidations;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Cascade intensity of one scope (keyed by scope id), as {@link CascadeSignal}s at the ends of evaluation steps.
 *
 * <p>Liquidations wait in step-sized bins until the watermark passes their step; an event-time timer then moves
 * them into a ring covering the longest window, computes every window, compares it with the {@link Baseline}
 * and classifies the step. A scope is evaluated at every step while it is not CALM; while CALM only at steps
 * that bring liquidations, at the step where a calm after an elevated period reaches the resolution time, and
 * once when it goes quiet: a calm scope with nothing new can only grow calmer, and sparse history (a lending
 * protocol, an altcoin) costs signals only where something happens. The baseline learns every completed minute
 * from the ring, whether or not a step was evaluated in it.
 *
 * <p>A liquidation late by less than the allowed lateness, and a retraction of a counted one, amend the ring
 * instead: steps already emitted stay as they were, the next one sees the change.
 *
 * <p>Feed gaps arrive as broadcast {@link FeedHealth}: a step inside a gap is never CALM, and a minute inside one
 * does not teach the baseline. A quiet, settled scope drops its ring and timers and keeps its baseline and a few
 * fields, so state is bounded by the number of scopes.
 */
public class CascadeIntensityFunction
        extends KeyedBroadcastProcessFunction<String, ScopedLiquidations, FeedHealth, CascadeSignal> {

    public static final MapStateDescriptor<String, long[]> FEED_GAPS = new MapStateDescriptor<>(
            "feed-gaps", Types.STRING, PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);

    private static final long MINUTE = 60_000L;

    private final IntensityConfig config;
    private final long resolveAfterMillis;
    private final Long inputEnd;
    private final long stepMillis;
    private final int[] windowBins;
    private final int idx1m;
    private final int idx5m;
    private final int idx15m;

    private transient MapState<Long, ScopedLiquidations> pending;
    private transient ValueState<BinRing> ring;
    private transient ValueState<Baseline> baseline;
    private transient ValueState<ScopeActivity> activity;

    /**
     * @param inputEnd for bounded inputs (replay), the event time at which they end, or null: after the last
     *     watermark the steps up to it are evaluated, whatever the pace of the watermarks before
     */
    public CascadeIntensityFunction(IntensityConfig config, Duration resolveAfter, Instant inputEnd) {
        this.config = config;
        this.resolveAfterMillis = resolveAfter.toMillis();
        this.inputEnd = inputEnd == null ? null : inputEnd.toEpochMilli();
        this.stepMillis = config.step().toMillis();
        this.windowBins = config.windows().stream().mapToInt(w -> (int) (w.toMillis() / stepMillis)).toArray();
        this.idx1m = config.windowIndex(Duration.ofMinutes(1));
        this.idx5m = config.windowIndex(Duration.ofMinutes(5));
        this.idx15m = config.windowIndex(Duration.ofMinutes(15));
    }

    @Override
    public void open(OpenContext openContext) {
        pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending", Types.LONG,
                TypeInformation.of(ScopedLiquidations.class)));
        ring = getRuntimeContext().getState(new ValueStateDescriptor<>("ring", BinRing.class));
        baseline = getRuntimeContext().getState(new ValueStateDescriptor<>("baseline", Baseline.class));
        activity = getRuntimeContext().getState(new ValueStateDescriptor<>("activity", ScopeActivity.class));
    }

    @Override
    public void processElement(ScopedLiquidations e, ReadOnlyContext ctx, Collector<CascadeSignal> out) throws Exception {
        long binIndex = Math.floorDiv(e.stepStart, stepMillis);
        ScopedLiquidations bin = pending.get(binIndex);
        long watermark = ctx.timerService().currentWatermark();
        if (bin == null && (binIndex + 1) * stepMillis - 1 <= watermark) {
            amendEvaluated(e, binIndex, watermark, ctx);
            return;
        }
        if (bin == null) {
            if (e.onlyRetractions()) {
                return; // their liquidations went the late way, into the ring, or not at all
            }
            pending.put(binIndex, e);
            ScopeActivity a = activityOf(e);
            long end = (binIndex + 1) * stepMillis;
            if (end < a.nextBinEnd) {
                a.nextBinEnd = end;
                activity.update(a);
                ctx.timerService().registerEventTimeTimer(end - 1);
            }
        } else {
            bin.add(e);
            pending.put(binIndex, bin);
        }
    }

    /**
     * Liquidations that arrived after their step was evaluated (allowed lateness), or retractions of ones counted
     * there, change their bin in the ring; the next step the watermark has not reached is evaluated with it, even
     * in a calm or quiet scope. Steps already evaluated stay as they were emitted.
     */
    private void amendEvaluated(ScopedLiquidations e, long binIndex, long watermark, ReadOnlyContext ctx) throws Exception {
        BinRing bins = ringOrNew();
        if (!bins.amend(binIndex, e)) { // retractions a new ring does not hold: their liquidations left every window
            return;
        }
        ring.update(bins);
        ScopeActivity a = activityOf(e);
        a.lastEventTime = Math.max(a.lastEventTime, e.lastTime);
        a.amended = true;
        activity.update(a);
        ctx.timerService().registerEventTimeTimer((Math.floorDiv(watermark + 1, stepMillis) + 1) * stepMillis - 1);
    }

    private ScopeActivity activityOf(ScopedLiquidations e) throws Exception {
        ScopeActivity a = activity.value();
        if (a == null) {
            a = new ScopeActivity();
            a.scope = e.scope;
            a.key = e.key;
            activity.update(a);
        }
        return a;
    }

    @Override
    public void processBroadcastElement(FeedHealth h, Context ctx, Collector<CascadeSignal> out) throws Exception {
        if (!FeedGaps.LIQUIDATIONS_CHANNEL.equals(h.getChannel())) {
            return;
        }
        BroadcastState<String, long[]> gaps = ctx.getBroadcastState(FEED_GAPS);
        gaps.put(h.getVenue(), FeedGaps.apply(gaps.get(h.getVenue()), h));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CascadeSignal> out) throws Exception {
        ScopeActivity a = activity.value();
        long stepEnd = timestamp + 1;
        if (stepEnd == a.quietCheck) {
            a.quietCheck = Long.MAX_VALUE;
        }
        evaluateStep(stepEnd, a, ctx, out);
        if (stepEnd == a.nextBinEnd) {
            // Only the earliest waiting bin has a timer, which hands on to the next: a timer per bin made the timer
            // queue as long as the bins a replay's watermark jumps over, for every scope.
            long next = EarliestTimer.firstAfter(pending, stepEnd / stepMillis - 1, 1);
            a.nextBinEnd = next == Long.MAX_VALUE ? Long.MAX_VALUE : (next + 1) * stepMillis;
            if (next != Long.MAX_VALUE) {
                ctx.timerService().registerEventTimeTimer(a.nextBinEnd - 1);
            }
        }
        activity.update(a);
    }

    /** Evaluates the step ending at {@code stepEnd} if it is due, and sets the scope's next timers. */
    private void evaluateStep(long stepEnd, ScopeActivity a, OnTimerContext ctx, Collector<CascadeSignal> out)
            throws Exception {
        if (stepEnd <= a.lastStepEnd) {
            return; // a step already evaluated
        }
        boolean inputOver = ctx.timerService().currentWatermark() == Long.MAX_VALUE;
        if (inputOver && stepEnd - stepMillis > endOfInput(a)) {
            // After the end of the input nothing is known: no step that starts after it, not a made-up calm.
            ring.clear();
            a.goQuiet();
            return;
        }
        long lastBin = stepEnd / stepMillis - 1;
        if (!pending.contains(lastBin) && !a.hot && !a.amended && stepEnd != a.resolutionCheck && stepEnd < quietAt(a)) {
            scheduleQuietCheck(a, ctx); // an earlier quiet time, overtaken by newer liquidations
            return;
        }
        a.amended = false;
        ReadOnlyBroadcastState<String, long[]> gapState = ctx.getBroadcastState(FEED_GAPS);
        BinRing bins = ringOrNew();
        a.lastEventTime = Math.max(a.lastEventTime, moveArrivedBins(a, bins, lastBin));
        Baseline base = baseline.value();
        if (base == null) {
            base = new Baseline();
        }
        Baseline.Params params = config.baselineParams(a.scope);
        long minute = Math.floorDiv(stepEnd - 1, MINUTE);
        learnCompletedMinutes(base, bins, params, minute - 1, a, gapState);

        long stepStart = stepEnd - stepMillis;
        List<String> gaps = gapsDuring(gapState, a, stepStart, stepEnd);
        CascadeSignal signal = evaluate(a, bins, base, params, minute, lastBin, stepStart, stepEnd, gaps);
        out.collect(signal);
        a.lastStepEnd = stepEnd;
        a.hot = signal.getLevel() != IntensityLevel.CALM || !gaps.isEmpty();
        if (signal.getLevel().compareTo(IntensityLevel.ELEVATED) >= 0) {
            a.unresolved = true;
        } else if (signal.getCalmSeconds() * 1000 >= resolveAfterMillis) {
            a.unresolved = false;
        }

        boolean inputEnded = inputOver && nextEvaluation(a, stepEnd) - stepMillis > endOfInput(a);
        boolean quietTime = stepEnd >= quietAt(a);
        boolean silent = stepEnd - a.lastEventTime >= config.maxSilence().toMillis();
        if (inputEnded || (!a.hot && quietTime && (!a.unresolved || silent))) {
            learnCompletedMinutes(base, bins, params, Math.floorDiv(stepEnd, MINUTE) - 1, a, gapState);
            baseline.update(base);
            ring.clear();
            a.goQuiet();
            return;
        }
        baseline.update(base);
        ring.update(bins);
        if (a.hot) {
            ctx.timerService().registerEventTimeTimer(stepEnd + stepMillis - 1);
        } else {
            if (a.unresolved) {
                a.resolutionCheck = resolutionCheck(a, stepEnd);
                ctx.timerService().registerEventTimeTimer(a.resolutionCheck - 1);
            }
            scheduleQuietCheck(a, ctx);
        }
    }

    /**
     * The scope's ring, or a new one: for a scope without, and for one restored from a savepoint of a version that
     * kept USD as floats (its fields are gone), whose windows start again from the upgrade on.
     */
    private BinRing ringOrNew() throws IOException {
        BinRing bins = ring.value();
        return bins == null || bins.usdCents == null ? BinRing.withBins(config.bins()) : bins;
    }

    /**
     * A calm scope's check for going quiet, at its quiet time (no earlier than the next step), unless one is pending:
     * that one comes first and, overtaken by newer liquidations, schedules the next. A check at each evaluation
     * instead kept an hour of them per calm scope in the timer queue, each to fire for nothing.
     */
    private void scheduleQuietCheck(ScopeActivity a, OnTimerContext ctx) {
        if (a.quietCheck == Long.MAX_VALUE) {
            a.quietCheck = Math.max(a.lastStepEnd + stepMillis, quietAt(a));
            ctx.timerService().registerEventTimeTimer(a.quietCheck - 1);
        }
    }

    /** The end of the next step this scope would evaluate. */
    private long nextEvaluation(ScopeActivity a, long stepEnd) throws Exception {
        return a.hot ? stepEnd + stepMillis
                : Math.min(Math.min(quietAt(a), nextArrivals()), a.unresolved ? resolutionCheck(a, stepEnd) : Long.MAX_VALUE);
    }

    /** The event time up to which, once the input is over, steps are still evaluated. */
    private long endOfInput(ScopeActivity a) throws Exception {
        if (inputEnd != null) {
            return inputEnd;
        }
        long latest = a.lastEventTime;
        for (ScopedLiquidations bin : pending.values()) {
            latest = Math.max(latest, bin.lastTime);
        }
        return latest;
    }

    /** The step at which the current calm reaches the resolution time. */
    private long resolutionCheck(ScopeActivity a, long stepEnd) {
        return Math.max(stepEnd + stepMillis, alignUp(a.calmSince + resolveAfterMillis));
    }

    /** The step at which the scope has had no liquidation for the activity period. */
    private long quietAt(ScopeActivity a) {
        return alignUp(a.lastEventTime + config.activeFor().toMillis());
    }

    private long alignUp(long t) {
        return Math.floorDiv(t + stepMillis - 1, stepMillis) * stepMillis;
    }

    /** End of the earliest step still waiting for its liquidations' watermark. */
    private long nextArrivals() throws Exception {
        long next = Long.MAX_VALUE;
        for (Long b : pending.keys()) {
            next = Math.min(next, (b + 1) * stepMillis);
        }
        return next;
    }

    /**
     * Moves the bins the watermark has passed into the ring; returns the time of their latest liquidation.
     * Only these count as seen: what runs ahead of the watermark may not change decisions, or results would
     * depend on the pace of the watermarks.
     *
     * <p>A replay's watermark jumps: at each jump a scope holds every bin the jump covers (hundreds in a calm hour),
     * and each of its steps is evaluated in turn. The bins are looked up by index from the step after the last one
     * evaluated (every earlier bin amended the ring instead), not found by iterating them all at every step, which
     * made a sparse replay quadratic. Only a scope's first evaluation, or one after a long quiet, iterates them.
     */
    private long moveArrivedBins(ScopeActivity a, BinRing bins, long lastBin) throws Exception {
        long firstUnevaluated = a.lastStepEnd / stepMillis;
        List<Long> arrived = new ArrayList<>();
        if (a.lastStepEnd == 0 || lastBin - firstUnevaluated >= config.bins()) {
            for (Long b : pending.keys()) {
                if (b <= lastBin) {
                    arrived.add(b);
                }
            }
            arrived.sort(null);
        } else {
            for (long b = firstUnevaluated; b <= lastBin; b++) {
                if (pending.contains(b)) {
                    arrived.add(b);
                }
            }
        }
        long latest = Long.MIN_VALUE;
        for (Long b : arrived) {
            ScopedLiquidations bin = pending.get(b);
            bins.put(b, bin);
            latest = Math.max(latest, bin.lastTime);
            pending.remove(b);
        }
        return latest;
    }

    /**
     * Teaches the baseline every minute up to {@code upTo} not yet learned, from the ring (zero where it holds
     * nothing), skipping minutes in a feed gap and any before a silence longer than the hold limit.
     */
    private void learnCompletedMinutes(Baseline base, BinRing bins, Baseline.Params params, long upTo,
            ScopeActivity a, ReadOnlyBroadcastState<String, long[]> gapState) throws Exception {
        long from = base.lastMinute < 0 ? upTo : base.lastMinute + 1;
        from = Math.max(from, upTo - params.maxSilenceMinutes() + 1);
        int perMinute = config.stepsPerMinute();
        for (long m = from; m <= upTo; m++) {
            long start = m * MINUTE;
            if (!gapsDuring(gapState, a, start, start + MINUTE).isEmpty()) {
                base.skip(m);
                continue;
            }
            BinRing.Sums s = bins.sum((m + 1) * perMinute - 1, perMinute);
            base.observe(m, s.usd, s.count, params);
        }
        base.skip(upTo);
    }

    private CascadeSignal evaluate(ScopeActivity a, BinRing bins, Baseline base, Baseline.Params params, long minute,
            long lastBin, long stepStart, long stepEnd, List<String> gaps) {
        double rate = Math.max(base.rateAt(minute, params), params.floorUsdPerMinute());
        double countRate = Math.max(base.countRateAt(minute, params), params.floorCountPerMinute());
        List<WindowStats> windows = new ArrayList<>(windowBins.length);
        BinRing.Sums[] sums = bins.sums(lastBin, windowBins);
        for (int i = 0; i < windowBins.length; i++) {
            BinRing.Sums s = sums[i];
            double minutes = windowBins[i] * stepMillis / (double) MINUTE;
            double expected = rate * minutes;
            double expectedCount = countRate * minutes;
            WindowStats w = new WindowStats();
            w.setWindowSeconds((int) (windowBins[i] * stepMillis / 1000));
            w.setUsd(s.usd);
            w.setCount(s.count);
            w.setLongUsd(s.longUsd);
            w.setShortUsd(s.shortUsd);
            w.setLongCount(s.longCount);
            w.setShortCount(s.shortCount());
            w.setExpectedUsd(expected);
            w.setExcess(s.usd / expected);
            w.setExpectedCount(expectedCount);
            w.setCountExcess(s.count / expectedCount);
            windows.add(w);
        }
        double z = base.z(sums[idx1m].usd, minute, params);
        double excess5 = windows.get(idx5m).getExcess();
        double excess15 = windows.get(idx15m).getExcess();
        double warmupFactor = Math.min(10.0, Math.max(1.0, config.warmup() / (double) Math.max(1, base.minutes)));
        // A short history has no reliable scale (and a rising one inflates it): the z gate waits for the warmup.
        boolean warmedUp = base.minutes >= config.warmup();

        // The 5-minute window against a baseline of fewer minutes (at first the materiality floor, then partial
        // minutes) makes any cold start look like a cascade: relative levels wait for that many minutes.
        boolean baselineFormed = base.minutes * MINUTE >= windowBins[idx5m] * stepMillis;

        boolean elevated = baselineFormed && excess5 >= config.elevatedExcess5m() * warmupFactor
                && (!warmedUp || z >= config.elevatedZ())
                && sums[idx5m].count >= config.elevatedMinCount5m()
                && windows.get(idx5m).getCountExcess() >= config.elevatedCountExcess5m();
        boolean enoughCount15 = sums[idx15m].count >= config.severeMinCount15m();
        // Some amounts are a cascade without any baseline: a recording that starts inside one still sees it.
        boolean extreme = sums[idx15m].usd >= config.extremeUsd15m(a.scope) && enoughCount15;
        boolean severe = extreme || (elevated
                && excess15 >= config.severeExcess15m() * warmupFactor
                && enoughCount15);
        boolean calm = excess5 < config.calmExcess5m() && excess15 < config.calmExcess15m();
        IntensityLevel level = severe ? IntensityLevel.SEVERE
                : elevated ? IntensityLevel.ELEVATED
                : calm ? IntensityLevel.CALM : IntensityLevel.NORMAL;

        if (level == IntensityLevel.CALM && gaps.isEmpty()) {
            if (a.calmSince < 0) {
                a.calmSince = stepStart;
            }
        } else {
            a.calmSince = -1;
        }
        double rate15 = sums[idx15m].usd / 15.0;
        // Made field by field rather than by Avro's builder, which copies the schema's fields for every record and
        // looks up the default of every field left unset (a tenth of what cascade intensity allocated).
        CascadeSignal signal = new CascadeSignal();
        signal.setScope(a.scope);
        signal.setScopeKey(a.key);
        signal.setStepStart(Instant.ofEpochMilli(stepStart));
        signal.setStepEnd(Instant.ofEpochMilli(stepEnd));
        signal.setLevel(level);
        signal.setWindows(windows);
        signal.setBaselineUsdPerMinute(rate);
        signal.setRobustZ(z);
        signal.setBranchingRatio(bins.branchingRatio(lastBin, config.branchingBins(), config.branchingMinArrivals()));
        signal.setAcceleration(rate15 > 0 ? sums[idx1m].usd / rate15 : 0.0);
        signal.setBaselineMinutes(base.minutes);
        signal.setSampledShare(sums[idx15m].usd > 0 ? sums[idx15m].sampledUsd / sums[idx15m].usd : 0.0);
        signal.setCalmSeconds(a.calmSince < 0 ? 0 : (stepEnd - a.calmSince) / 1000);
        // Breadth is the market's, added by BreadthAssembler: none here.
        signal.setBreadthAssets(0);
        signal.setBreadthVenues(0);
        signal.setElevatedAssets(List.of());
        signal.setElevatedVenues(List.of());
        signal.setLiveVenues(List.of());
        signal.setCoverageGaps(gaps);
        return signal;
    }

    private static List<String> gapsDuring(ReadOnlyBroadcastState<String, long[]> state, ScopeActivity a,
            long start, long end) throws Exception {
        List<String> venues = new ArrayList<>();
        for (Map.Entry<String, long[]> venue : state.immutableEntries()) {
            boolean relevant = a.scope != Scope.VENUE || a.key.equals(venue.getKey());
            if (relevant && FeedGaps.overlaps(venue.getValue(), start, end)) {
                venues.add(venue.getKey());
            }
        }
        venues.sort(null);
        return venues;
    }
}
