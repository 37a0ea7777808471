package io.cascaderadar.jobs.bench;

import io.cascaderadar.connectors.influxdb.InfluxConfig;
import io.cascaderadar.connectors.influxdb.InfluxHttpClient;
import io.cascaderadar.connectors.influxdb.InfluxSchema;
import io.cascaderadar.connectors.influxdb.LinePoint;
import io.cascaderadar.connectors.influxdb.SignalPoints;
import io.cascaderadar.jobs.sinks.DeadLetterTarget;
import io.cascaderadar.jobs.sinks.InfluxDbSink;
import io.cascaderadar.jobs.sinks.LineFormat;
import io.cascaderadar.jobs.sinks.InfluxOutputs;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Points per second into InfluxDB: the sink in a Flink job (batches of 5,000 lines, one in flight while the next
 * fills), plain and with gzip, against raw line-protocol batches of 5,000 lines posted one after another, on the same server in the same run, each into a database of its own. The
 * points have the shape and tag cardinality of {@code cascade_intensity} (20 assets, 5 windows, 10 fields).
 */
public final class InfluxThroughput {
    private static final int RAW_BATCH = 5_000;
    private static final String[] WINDOWS = {"10s", "1m", "5m", "15m", "1h"};

    private InfluxThroughput() {}

    /** Prints points/s of raw batches, of the sink as configured by default (plain), and of the sink with gzip. */
    public static void run(String url, int points, PrintStream out) throws Exception {
        String suffix = Long.toString(System.currentTimeMillis());
        out.printf("%,d points of cascade_intensity; raw: plain batches of %,d lines posted one after another%n",
                points, RAW_BATCH);
        // A first round of a tenth of the points warms the JIT and Flink's classes, so that the order of the runs
        // does not decide which is faster.
        int warmUp = Math.max(RAW_BATCH, points / 10);
        rawBatches(database(url, "bench_warm_raw_" + suffix, false), warmUp);
        throughSink(database(url, "bench_warm_sink_" + suffix, false), warmUp);
        throughSink(database(url, "bench_warm_gzip_" + suffix, true), warmUp);

        double raw = rawBatches(database(url, "bench_raw_" + suffix, false), points);
        out.printf("raw batches     %,12.0f points/s%n", raw);
        double sink = throughSink(database(url, "bench_sink_" + suffix, false), points);
        out.printf("sink            %,12.0f points/s (%.2f of raw; the time includes the Flink job's start)%n", sink, sink / raw);
        double gzipSink = throughSink(database(url, "bench_gzip_" + suffix, true), points);
        out.printf("sink with gzip  %,12.0f points/s (%.2f of raw)%n", gzipSink, gzipSink / raw);
    }

    private static double rawBatches(InfluxConfig config, int points) throws Exception {
        InfluxHttpClient client = new InfluxHttpClient(config);
        long started = System.nanoTime();
        List<String> batch = new ArrayList<>(RAW_BATCH);
        for (int i = 0; i < points; i++) {
            batch.add(line(i));
            if (batch.size() == RAW_BATCH || i == points - 1) {
                client.write(batch);
                batch.clear();
            }
        }
        double perSecond = rate(points, started);
        check(client, points);
        return perSecond;
    }

    private static double throughSink(InfluxConfig config, int points) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        Path deadLetters = Files.createTempFile("bench-influx", ".jsonl");
        env.fromSequence(0, points - 1).map(i -> line(i.intValue())).returns(Types.STRING).uid("points").name("points")
                .sinkTo(new InfluxDbSink<String>(config, (line, lines) -> lines.line(LineFormat.utf8(line)),
                        DeadLetterTarget.file(deadLetters)))
                .uid("influxdb").name("InfluxDB");
        long started = System.nanoTime();
        env.execute("cascade-radar InfluxDB throughput");
        double perSecond = rate(points, started);
        check(new InfluxHttpClient(config), points);
        Files.deleteIfExists(deadLetters);
        return perSecond;
    }

    private static double rate(int points, long startedNanos) {
        return points / ((System.nanoTime() - startedNanos) / 1e9);
    }

    private static InfluxConfig database(String url, String name, boolean gzip) throws Exception {
        InfluxConfig config = InfluxConfig.fromMap(Map.of("url", url, "database", name,
                "retention.policy", InfluxSchema.HISTORY, "gzip", Boolean.toString(gzip)));
        InfluxOutputs.prepare(config);
        return config;
    }

    /** The i-th point: a 10 s step every 100 points, 20 assets, 5 windows. */
    static String line(int i) {
        int asset = i % 20;
        return LinePoint.measurement(SignalPoints.CASCADE_INTENSITY).tag("scope", "ASSET").tag("asset", "ASSET" + asset)
                .tag("window", WINDOWS[(i / 20) % WINDOWS.length])
                .field("usd", 1000.0 + i % 997).field("count", (long) (i % 13)).field("long_usd", 600.0 + i % 991)
                .field("short_usd", 400.0 + i % 983).field("long_count", (long) (i % 7)).field("short_count", (long) (i % 6))
                .field("expected_usd", 800.0).field("excess", 1.25).field("expected_count", 3.5).field("count_excess", 0.5)
                .time(Instant.ofEpochMilli(1_600_000_000_000L + (i / 100) * 10_000L)).toLine();
    }

    /** Every point arrived; then the benchmark's database goes. */
    private static void check(InfluxHttpClient client, int points) throws Exception {
        long stored = client.aggregate("SELECT count(usd) FROM history.cascade_intensity");
        client.execute("DROP DATABASE " + InfluxSchema.quote(client.config().database()));
        if (stored != points) {
            throw new IllegalStateException(client.config().database() + " held " + stored + " points, not " + points);
        }
    }
}
