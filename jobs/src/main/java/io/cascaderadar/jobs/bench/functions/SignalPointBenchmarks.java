package io.cascaderadar.jobs.bench.functions;

import io.cascaderadar.avro.CascadeSignal;
import io.cascaderadar.avro.IntensityLevel;
import io.cascaderadar.avro.WindowStats;
import io.cascaderadar.connectors.influxdb.ShortestDecimal;
import io.cascaderadar.connectors.influxdb.SignalPoints;
import io.cascaderadar.jobs.sinks.SignalLines;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * A {@link CascadeSignal} as InfluxDB line protocol ({@link SignalPoints#lines}, as {@link SignalLines} calls it):
 * one point per window and one for the state, every number as text. Every active scope's every step makes one
 * signal; formatting them was a quarter of the breadth operator's thread before it moved behind a rebalance.
 */
@State(Scope.Thread)
public class SignalPointBenchmarks {
    private static final double BASELINE_USD_PER_MINUTE = 48_250.7;
    private static final double BASELINE_COUNT_PER_MINUTE = 3.4;

    /** Bitcoin at the end of the fifth minute of a cascade: SEVERE, five windows, one feed gap. */
    private final CascadeSignal signal = CascadeSignal.newBuilder()
            .setScope(io.cascaderadar.avro.Scope.ASSET)
            .setScopeKey("BTC")
            .setStepStart(Instant.parse("2025-10-10T21:04:50Z"))
            .setStepEnd(Instant.parse("2025-10-10T21:05:00Z"))
            .setLevel(IntensityLevel.SEVERE)
            .setWindows(List.of(
                    window(10, 2_418_337.52, 41, 0.91),
                    window(60, 11_903_215.08, 188, 0.88),
                    window(300, 38_774_901.6, 702, 0.86),
                    window(900, 41_208_119.93, 779, 0.85),
                    window(3_600, 44_371_560.27, 903, 0.83)))
            .setBaselineUsdPerMinute(BASELINE_USD_PER_MINUTE)
            .setRobustZ(7.418256)
            .setBranchingRatio(0.7613)
            .setAcceleration(4.332)
            .setBaselineMinutes(10_080)
            .setSampledShare(0.3725)
            .setCalmSeconds(0)
            .setBreadthAssets(14)
            .setBreadthVenues(5)
            .setCoverageGaps(List.of("okx"))
            .build();

    /** Floats as signals carry them: sums of USD amounts and ratios, mostly 16 or 17 significant digits. */
    private final double[] floats = new Random(20251010).doubles(256)
            .map(u -> u < 0.5 ? u * 8e7 : u - 0.5).toArray();
    private final StringBuilder text = new StringBuilder();
    private int next;

    /** The six points of the signal. */
    @Benchmark
    public List<String> cascadeSignalLines() {
        return SignalPoints.lines(signal);
    }

    /** One float as the line points write it ({@link ShortestDecimal}). */
    @Benchmark
    public int floatAsShortestDecimal() {
        text.setLength(0);
        ShortestDecimal.append(text, floats[next++ & 255]);
        return text.length();
    }

    /** The same with the JVM's own {@code Double.toString}, for comparison (JDK 17's is the slow one). */
    @Benchmark
    public int floatAsJavaText() {
        text.setLength(0);
        text.append(floats[next++ & 255]);
        return text.length();
    }

    private static WindowStats window(int seconds, double usd, long count, double longShare) {
        double minutes = seconds / 60.0;
        long longCount = Math.round(count * longShare);
        return WindowStats.newBuilder()
                .setWindowSeconds(seconds)
                .setUsd(usd)
                .setCount(count)
                .setLongUsd(usd * longShare)
                .setShortUsd(usd * (1 - longShare))
                .setLongCount(longCount)
                .setShortCount(count - longCount)
                .setExpectedUsd(BASELINE_USD_PER_MINUTE * minutes)
                .setExcess(usd / (BASELINE_USD_PER_MINUTE * minutes))
                .setExpectedCount(BASELINE_COUNT_PER_MINUTE * minutes)
                .setCountExcess(count / (BASELINE_COUNT_PER_MINUTE * minutes))
                .build();
    }
}
