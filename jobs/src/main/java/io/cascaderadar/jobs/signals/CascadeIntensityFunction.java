package io.cascaderadar.jobs.signals;

import io.cascaderadar.avro.CascadeSignal;
import io.cascaderadar.avro.FeedHealth;
import io.cascaderadar.avro.IntensityLevel;
import io.cascaderadar.avro.Scope;
import io.cascaderadar.avro.WindowStats;
import io.cascaderadar.jobs.config.IntensityConfig;
import io.cascaderadar.jobs.ingest.ScopedLiquidation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Cascade intensity of one scope (keyed by scope id), one {@link CascadeSignal} per evaluation step while the
 * scope is active. Liquidations land in a ring of step-sized bins; when the watermark passes the end of a step
 * an event-time timer computes every window, compares it with the {@link Baseline} and classifies the step.
 * Feed gaps arrive as broadcast {@link FeedHealth}: a step inside a gap is never CALM and does not teach the
 * baseline. A scope stops (its ring, activity and timers go) once it has been quiet and calm long enough; its
 * baseline stays, so state is bounded by the number of scopes.
 */
public class CascadeIntensityFunction
        extends KeyedBroadcastProcessFunction<String, ScopedLiquidation, FeedHealth, CascadeSignal> {

    public static final MapStateDescriptor<String, long[]> FEED_GAPS = new MapStateDescriptor<>(
            "feed-gaps", Types.STRING, PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);

    private static final long MINUTE = 60_000L;

    private final IntensityConfig config;
    private final long resolveAfterMillis;
    private final long stepMillis;
    private final int[] windowBins;
    private final int idx1m;
    private final int idx5m;
    private final int idx15m;

    private transient ValueState<BinRing> ring;
    private transient ValueState<Baseline> baseline;
    private transient ValueState<ScopeActivity> activity;

    public CascadeIntensityFunction(IntensityConfig config, Duration resolveAfter) {
        this.config = config;
        this.resolveAfterMillis = resolveAfter.toMillis();
        this.stepMillis = config.step().toMillis();
        this.windowBins = config.windows().stream().mapToInt(w -> (int) (w.toMillis() / stepMillis)).toArray();
        this.idx1m = config.windowIndex(Duration.ofMinutes(1));
        this.idx5m = config.windowIndex(Duration.ofMinutes(5));
        this.idx15m = config.windowIndex(Duration.ofMinutes(15));
    }

    @Override
    public void open(OpenContext openContext) {
        ring = getRuntimeContext().getState(new ValueStateDescriptor<>("ring", BinRing.class));
        baseline = getRuntimeContext().getState(new ValueStateDescriptor<>("baseline", Baseline.class));
        activity = getRuntimeContext().getState(new ValueStateDescriptor<>("activity", ScopeActivity.class));
    }

    @Override
    public void processElement(ScopedLiquidation e, ReadOnlyContext ctx, Collector<CascadeSignal> out) throws Exception {
        long binIndex = Math.floorDiv(e.time, stepMillis);
        BinRing bins = ring.value();
        if (bins == null) {
            bins = BinRing.withBins(config.bins());
        }
        bins.add(binIndex, e);
        ring.update(bins);

        ScopeActivity a = activity.value();
        if (a == null) {
            a = new ScopeActivity();
            a.scope = e.scope;
            a.key = e.key;
        }
        a.lastEventTime = Math.max(a.lastEventTime, e.time);
        if (a.scheduledStepEnd < 0) {
            a.scheduledStepEnd = (binIndex + 1) * stepMillis;
            ctx.timerService().registerEventTimeTimer(a.scheduledStepEnd - 1);
        }
        activity.update(a);
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
        BinRing bins = ring.value();
        Baseline base = baseline.value();
        if (base == null) {
            base = new Baseline();
        }
        long stepEnd = timestamp + 1;
        long stepStart = stepEnd - stepMillis;
        long lastBin = stepEnd / stepMillis - 1;
        long minute = Math.floorDiv(stepEnd - 1, MINUTE);
        Baseline.Params params = config.baselineParams(a.scope);
        base.catchUp(minute - 1, params);

        List<String> gaps = gapsDuring(ctx.getBroadcastState(FEED_GAPS), a, stepStart, stepEnd);
        CascadeSignal signal = evaluate(a, bins, base, params, minute, lastBin, stepStart, stepEnd, gaps);
        out.collect(signal);

        if (stepEnd % MINUTE == 0) {
            double usdMinute = bins.sum(lastBin, config.stepsPerMinute()).usd;
            if (gaps.isEmpty()) {
                base.observe(minute, usdMinute, params);
            } else {
                base.skip(minute);
            }
        }
        baseline.update(base);

        boolean quiet = stepEnd - a.lastEventTime >= config.activeFor().toMillis();
        boolean settled = signal.getCalmSeconds() * 1000 >= resolveAfterMillis
                || stepEnd - a.lastEventTime >= config.maxSilence().toMillis();
        if (quiet && settled) {
            ring.clear();
            activity.clear();
        } else {
            a.scheduledStepEnd = stepEnd + stepMillis;
            ctx.timerService().registerEventTimeTimer(a.scheduledStepEnd - 1);
            activity.update(a);
        }
    }

    private CascadeSignal evaluate(ScopeActivity a, BinRing bins, Baseline base, Baseline.Params params, long minute,
            long lastBin, long stepStart, long stepEnd, List<String> gaps) {
        double rate = Math.max(base.rateAt(minute, params), params.floorUsdPerMinute());
        List<WindowStats> windows = new ArrayList<>(windowBins.length);
        BinRing.Sums[] sums = new BinRing.Sums[windowBins.length];
        for (int i = 0; i < windowBins.length; i++) {
            BinRing.Sums s = bins.sum(lastBin, windowBins[i]);
            sums[i] = s;
            double expected = rate * windowBins[i] * stepMillis / (double) MINUTE;
            windows.add(WindowStats.newBuilder()
                    .setWindowSeconds((int) (windowBins[i] * stepMillis / 1000))
                    .setUsd(s.usd)
                    .setCount(s.count)
                    .setLongUsd(s.longUsd)
                    .setShortUsd(s.shortUsd())
                    .setLongCount(s.longCount)
                    .setShortCount(s.shortCount())
                    .setExpectedUsd(expected)
                    .setExcess(s.usd / expected)
                    .build());
        }
        double z = base.z(sums[idx1m].usd, minute, params);
        double excess5 = windows.get(idx5m).getExcess();
        double excess15 = windows.get(idx15m).getExcess();
        double warmupFactor = Math.min(10.0, Math.max(1.0, config.warmup() / (double) Math.max(1, base.minutes)));

        boolean elevated = excess5 >= config.elevatedExcess5m() * warmupFactor
                && z >= config.elevatedZ()
                && sums[idx5m].count >= config.elevatedMinCount5m();
        boolean severe = elevated
                && excess15 >= config.severeExcess15m() * warmupFactor
                && sums[idx15m].count >= config.severeMinCount15m();
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
        return CascadeSignal.newBuilder()
                .setScope(a.scope)
                .setScopeKey(a.key)
                .setStepStart(Instant.ofEpochMilli(stepStart))
                .setStepEnd(Instant.ofEpochMilli(stepEnd))
                .setLevel(level)
                .setWindows(windows)
                .setBaselineUsdPerMinute(rate)
                .setRobustZ(z)
                .setBranchingRatio(HawkesBranching.estimate(
                        bins.arrivals(lastBin, config.branchingBins(), config.branchingMinArrivals()),
                        config.branchingMinArrivals()))
                .setAcceleration(rate15 > 0 ? sums[idx1m].usd / rate15 : 0.0)
                .setBaselineMinutes(base.minutes)
                .setSampledShare(sums[idx15m].usd > 0 ? sums[idx15m].sampledUsd / sums[idx15m].usd : 0.0)
                .setCalmSeconds(a.calmSince < 0 ? 0 : (stepEnd - a.calmSince) / 1000)
                .setCoverageGaps(gaps)
                .build();
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
