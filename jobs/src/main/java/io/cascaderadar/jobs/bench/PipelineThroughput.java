package io.cascaderadar.jobs.bench;

import io.cascaderadar.avro.FeedHealth;
import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.OpenInterestUpdate;
import io.cascaderadar.connectors.csv.CsvFileReader;
import io.cascaderadar.connectors.csv.LiquidationCsv;
import io.cascaderadar.connectors.validation.InputRules;
import io.cascaderadar.jobs.DetectorInputs;
import io.cascaderadar.jobs.DetectorJob;
import io.cascaderadar.jobs.DetectorOutputs;
import io.cascaderadar.jobs.config.DetectorConfig;
import io.cascaderadar.jobs.replay.AvroFileFormat;
import io.cascaderadar.jobs.replay.Replay;
import io.cascaderadar.jobs.sinks.LinesWithCount;
import io.cascaderadar.jobs.sinks.SignalLines;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Replay throughput against the limit of the machine, measured in one run on one synthetic history
 * ({@link SyntheticHistory}): events per second of reading and decoding the CSV, of reading and decoding the Avro
 * file a replay's job reads, of a Flink job that only passes those records through, and of the full detector
 * (event time, de-duplication, every signal, CEP, alerts, and the signals formatted as line protocol) with its
 * outputs discarded, so that disk and InfluxDB do not count. Rates are events over the job's net run time.
 */
public final class PipelineThroughput {
    private static final String ALERT_RECORDS = "bench-alert-records";

    /** What to run; a cascade at the end of every {@code cascadeEvery} of the history. */
    public record Options(long events, int assets, int venues, long seed, Duration cascadeEvery, int parallelism) {}

    private PipelineThroughput() {}

    public static void run(Options options, PrintStream out) throws Exception {
        Path dir = Files.createTempDirectory("radar-bench");
        try {
            Path avro = dir.resolve("liquidations.avro");
            Path csv = dir.resolve("liquidations.csv");
            long started = System.nanoTime();
            SyntheticHistory.Written history = SyntheticHistory.write(options.events(), options.assets(), options.venues(),
                    options.seed(), options.cascadeEvery(), avro, csv);
            out.printf(Locale.ROOT, "history   %,d liquidations, %d assets x %d venues, %s to %s (%.1f days), a cascade"
                            + " ending every %d min, seed %d, generated in %.1f s%n", history.events(), options.assets(),
                    options.venues(), history.first(), history.last(),
                    Duration.between(history.first(), history.last()).toMinutes() / 1440.0,
                    options.cascadeEvery().toMinutes(), options.seed(), seconds(started));
            out.printf(Locale.ROOT, "machine   %d cores, Flink parallelism %d, Java %s, max heap %,d MiB%n",
                    Runtime.getRuntime().availableProcessors(), options.parallelism(), Runtime.version(),
                    Runtime.getRuntime().maxMemory() >> 20);

            double csvRate = history.events() / timed(() -> decodeCsv(csv));
            double avroRate = history.events() / timed(() -> decodeAvro(avro));
            CpuUse cpu = CpuUse.start();
            JobExecutionResult passThrough = passThrough(avro, options.parallelism());
            double passRate = history.events() / (passThrough.getNetRuntime() / 1000.0);
            double passCores = cpu.cores();
            cpu = CpuUse.start();
            JobExecutionResult detector = detector(avro, history.last(), dir, environment(options.parallelism(), new Configuration()));
            double detectorRate = history.events() / (detector.getNetRuntime() / 1000.0);
            double detectorCores = cpu.cores();

            out.printf(Locale.ROOT, "%-44s %,12.0f events/s%n", "read + decode CSV (one thread)", csvRate);
            out.printf(Locale.ROOT, "%-44s %,12.0f events/s%n", "read + decode Avro (one thread)", avroRate);
            out.printf(Locale.ROOT, "%-44s %,12.0f events/s, %.1f cores busy%n", "Flink pass-through of the Avro file",
                    passRate, passCores);
            out.printf(Locale.ROOT, "%-44s %,12.0f events/s, %.1f cores busy = %.3f of pass-through (%,d signal points,"
                            + " %,d alert records)%n", "full detector", detectorRate, detectorCores, detectorRate / passRate,
                    (Long) detector.getAccumulatorResult(SignalLines.POINTS),
                    (Long) detector.getAccumulatorResult(ALERT_RECORDS));
        } finally {
            delete(dir);
        }
    }

    static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static long decodeCsv(Path csv) throws Exception {
        AtomicLong decoded = new AtomicLong();
        CsvFileReader.read(csv, new LiquidationCsv(InputRules.defaults(), Instant.now()), e -> decoded.incrementAndGet(),
                rejected -> { throw new IllegalStateException("the synthetic history has a bad row: " + rejected.detail); });
        return decoded.get();
    }

    private static long decodeAvro(Path avro) throws IOException {
        long decoded = 0;
        try (DataFileReader<LiquidationEvent> in = new DataFileReader<>(avro.toFile(), new SpecificDatumReader<>(LiquidationEvent.class))) {
            LiquidationEvent reuse = null;
            while (in.hasNext()) {
                reuse = in.next(reuse);
                decoded++;
            }
        }
        return decoded;
    }

    private static JobExecutionResult passThrough(Path avro, int parallelism) throws Exception {
        StreamExecutionEnvironment env = environment(parallelism, new Configuration());
        env.fromSource(FileSource.forRecordStreamFormat(new AvroFileFormat<>(LiquidationEvent.class),
                        new org.apache.flink.core.fs.Path(avro.toUri())).build(),
                        WatermarkStrategy.noWatermarks(), "liquidations").setParallelism(1)
                .sinkTo(new DiscardingSink<>());
        return env.execute("bench: pass-through");
    }

    /** The replay's job graph over the Avro file, its outputs discarded; {@code dir} takes its empty inputs. */
    static JobExecutionResult detector(Path avro, Instant end, Path dir, StreamExecutionEnvironment env) throws Exception {
        DetectorOutputs outputs = DetectorJob.defineWorkflow(env, new DetectorInputs(
                Replay.avroFile(avro, LiquidationEvent.class, DetectorJob.LIQUIDATIONS),
                Replay.avroFile(empty(dir.resolve("open-interest.avro"), OpenInterestUpdate.getClassSchema()),
                        OpenInterestUpdate.class, DetectorJob.OPEN_INTEREST),
                Replay.avroFile(empty(dir.resolve("feed-health.avro"), FeedHealth.getClassSchema()),
                        FeedHealth.class, DetectorJob.FEED_HEALTH),
                end), DetectorConfig.replay());
        SignalLines.of(outputs).sinkTo(new DiscardingSink<>()).name("discard signal points");
        outputs.alerts()
                .flatMap(new LinesWithCount<>(ALERT_RECORDS, (alert, lines) -> lines.accept(alert.getAlertId())))
                .returns(Types.STRING).name("count alerts")
                .sinkTo(new DiscardingSink<>()).name("discard alerts");
        outputs.deadLetters().sinkTo(new DiscardingSink<>()).name("discard dead letters");
        return env.execute("bench: detector");
    }

    static StreamExecutionEnvironment environment(int parallelism, Configuration conf) {
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        return env;
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> Path empty(Path file, Schema schema) throws IOException {
        try (DataFileWriter<T> writer = new DataFileWriter<>(new SpecificDatumWriter<>(schema))) {
            writer.create(schema, file.toFile());
        }
        return file;
    }

    private interface Counted {
        long run() throws Exception;
    }

    private static double timed(Counted work) throws Exception {
        long started = System.nanoTime();
        work.run();
        return seconds(started);
    }

    /** How many cores the JVM kept busy since the start: every thread's CPU time (the JIT's and GC's too) over wall time. */
    private record CpuUse(long cpuAtStart, long wallAtStart) {
        static CpuUse start() {
            return new CpuUse(cpuNanos(), System.nanoTime());
        }

        double cores() {
            return (double) (cpuNanos() - cpuAtStart) / (System.nanoTime() - wallAtStart);
        }

        private static long cpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        }
    }

    static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
