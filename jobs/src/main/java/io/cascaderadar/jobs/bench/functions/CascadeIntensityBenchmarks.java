package io.cascaderadar.jobs.bench.functions;

import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.jobs.config.IntensityConfig;
import io.cascaderadar.jobs.ingest.ScopedLiquidations;
import io.cascaderadar.jobs.ingest.VenueLiquidation;
import io.cascaderadar.jobs.signals.Baseline;
import io.cascaderadar.jobs.signals.BinRing;
import io.cascaderadar.jobs.signals.CascadeIntensityFunction;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The arithmetic of {@link CascadeIntensityFunction}, without its Flink state: per liquidation, adding it to its scope's
 * sums of its step; per step of every active scope, the sums of every window over the ring of bins, the baseline's
 * minute and the branching ratio. Scope: one asset, with the default configuration (10-second steps, windows of
 * 10 s, 1, 5, 15 and 60 minutes) and a ring holding an hour that ends in a cascade.
 */
@State(Scope.Thread)
public class CascadeIntensityBenchmarks {
    private static final int CALM_ARRIVALS_PER_BIN = 2;
    private static final int CASCADE_ARRIVALS_PER_BIN = 30;
    private static final Duration CASCADE = Duration.ofMinutes(15);

    private final IntensityConfig config = IntensityConfig.defaults();
    private final Baseline.Params params = config.baselineParams(io.cascaderadar.avro.Scope.ASSET);
    private final int[] windowBins = config.windows().stream()
            .mapToInt(w -> (int) (w.toMillis() / config.step().toMillis())).toArray();
    private VenueLiquidation[] liquidations;
    private ScopedLiquidations stepSums;
    private BinRing ring;
    /** The hour's bins, in the order they filled the ring: they enter it again, one a step. */
    private ScopedLiquidations[] hourBins;
    private long lastBin;
    private double[] usdPerMinute;
    private long[] countPerMinute;
    private Baseline baseline;
    private long minute;
    private int next;

    /** The samples; a ring filled with an hour, calm, then 15 minutes of cascade. */
    @Setup
    public void fillRing() {
        List<LiquidationEvent> events = SampleLiquidations.generate();
        liquidations = events.stream().map(VenueLiquidation::of).toArray(VenueLiquidation[]::new);
        stepSums = newStepSums();

        long stepMillis = config.step().toMillis();
        int bins = config.bins();
        int cascadeBins = (int) (CASCADE.toMillis() / stepMillis);
        lastBin = Math.floorDiv(SampleLiquidations.START.toEpochMilli(), stepMillis) - 1;
        ring = BinRing.withBins(bins);
        hourBins = new ScopedLiquidations[bins];
        SplittableRandom random = new SplittableRandom(7);
        for (long b = lastBin - bins + 1; b <= lastBin; b++) {
            int mean = b > lastBin - cascadeBins ? CASCADE_ARRIVALS_PER_BIN : CALM_ARRIVALS_PER_BIN;
            ScopedLiquidations bin = newStepSums();
            for (int arrivals = random.nextInt(2 * mean + 1); arrivals > 0; arrivals--) {
                bin.add(liquidations[random.nextInt(liquidations.length)]);
            }
            ring.put(b, bin);
            hourBins[(int) Math.floorMod(b, (long) bins)] = bin;
        }

        int stepsPerMinute = config.stepsPerMinute();
        int minutes = bins / stepsPerMinute;
        usdPerMinute = new double[minutes];
        countPerMinute = new long[minutes];
        for (int m = 0; m < minutes; m++) {
            BinRing.Sums sums = ring.sum(lastBin - (long) (minutes - 1 - m) * stepsPerMinute, stepsPerMinute);
            usdPerMinute[m] = sums.usd;
            countPerMinute[m] = sums.count;
        }
        baseline = new Baseline();
        minute = Math.floorDiv(SampleLiquidations.START.toEpochMilli(), 60_000L) - Duration.ofDays(7).toMinutes();
        while (baseline.minutes < Duration.ofDays(7).toMinutes()) {
            learnAndScoreMinute();
        }
    }

    /**
     * A liquidation into one scope's sums of its step, where they wait for the watermark (fresh sums every 1,024);
     * each liquidation is added to four scopes.
     */
    @Benchmark
    public ScopedLiquidations addToStepSums() {
        int i = next++ & SampleLiquidations.MASK;
        if (i == 0) {
            stepSums = newStepSums();
        }
        return stepSums.add(liquidations[i]);
    }

    private static ScopedLiquidations newStepSums() {
        return new ScopedLiquidations(io.cascaderadar.avro.Scope.ASSET, "BTC", SampleLiquidations.START.toEpochMilli());
    }

    /**
     * The USD and counts, long and short, of every window at the end of a busy scope's step: the step's bin enters the
     * ring (one of the hour's again), then the windows are summed, as cascade intensity does at each step.
     */
    @Benchmark
    public BinRing.Sums[] windowSumsOfStep() {
        long next = ++lastBin;
        ring.put(next, hourBins[(int) Math.floorMod(next, (long) hourBins.length)]);
        return ring.sums(next, windowBins);
    }

    /**
     * The baseline learns a completed minute, then scores it: the robust z of its USD and the hour-adjusted
     * expected USD and count per minute, after a week of minutes.
     */
    @Benchmark
    public double baselineMinute() {
        return learnAndScoreMinute();
    }

    /** The Hawkes branching ratio of a step: arrivals in the last 60 bins, then their Fano factor. */
    @Benchmark
    public Double branchingRatio() {
        return ring.branchingRatio(lastBin, config.branchingBins(), config.branchingMinArrivals());
    }

    private double learnAndScoreMinute() {
        int m = (int) Math.floorMod(minute, (long) usdPerMinute.length);
        baseline.observe(minute, usdPerMinute[m], countPerMinute[m], params);
        double z = baseline.z(usdPerMinute[m], minute, params);
        double expected = baseline.rateAt(minute, params) + baseline.countRateAt(minute, params);
        minute++;
        return z + expected;
    }
}
