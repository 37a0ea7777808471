package io.cascaderadar.jobs.bench.functions;

import io.cascaderadar.avro.CascadeSignal;
import io.cascaderadar.connectors.influxdb.ShortestDecimal;
import io.cascaderadar.connectors.influxdb.SignalPoints;
import io.cascaderadar.jobs.sinks.SignalLines;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A {@link CascadeSignal} as InfluxDB line protocol ({@link SignalPoints#points}, as {@link SignalLines} calls it):
 * one point per window and one for the state, every number as text. Every active scope's every step makes one
 * signal; formatting them was a quarter of the breadth operator's thread before it moved behind a rebalance.
 */
@State(Scope.Thread)
public class SignalPointBenchmarks {
    private final CascadeSignal signal = SampleSignal.severeBitcoin();

    /** Floats as signals carry them: sums of USD amounts and ratios, mostly 16 or 17 significant digits. */
    private final double[] floats = new Random(20251010).doubles(256)
            .map(u -> u < 0.5 ? u * 8e7 : u - 0.5).toArray();
    private final StringBuilder text = new StringBuilder();
    private final byte[] bytes = new byte[ShortestDecimal.MAX_LENGTH];
    private int next;

    /**
     * The six points of the signal, as their bytes (named for what it measured before they were strings), each read
     * where it was made; since 2026-12-06 not copied into an array of its own.
     */
    @Benchmark
    public void cascadeSignalLines(Blackhole points) {
        SignalPoints.points(signal, (line, from, to) -> points.consume(line[to - 1]));
    }

    /** One float as the line points write it ({@link ShortestDecimal}, into their bytes). */
    @Benchmark
    public int floatAsShortestDecimal() {
        return ShortestDecimal.write(bytes, 0, floats[next++ & 255]);
    }

    /** One float as an estimate or statistic is written, to six significant digits ({@link ShortestDecimal#writeRounded}). */
    @Benchmark
    public int floatAsRoundedDecimal() {
        return ShortestDecimal.writeRounded(bytes, 0, floats[next++ & 255], SignalPoints.STATISTIC_DIGITS);
    }

    /** The same with the JVM's own {@code Double.toString}, for comparison (JDK 17's is the slow one). */
    @Benchmark
    public int floatAsJavaText() {
        text.setLength(0);
        text.append(floats[next++ & 255]);
        return text.length();
    }
}
