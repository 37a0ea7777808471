package io.cascaderadar.jobs.bench;

import io.cascaderadar.avro.FeedHealth;
import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.OpenInterestUpdate;
import io.cascaderadar.avro.PriceUpdate;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Replay throughput against the limit of the machine, measured in one run on one simulated history
 * ({@link SimulatedHistory}): events per second of reading and decoding the liquidations' CSV, of reading and
 * decoding the Avro file a replay's job reads, of a Flink job that only passes those records through, and of the
 * full detector (event time, de-duplication, every signal, open interest, prices, CEP, alerts, and the signals
 * formatted as line protocol) with its outputs discarded, so that disk and InfluxDB do not count; and of the same
 * detector with its records discarded unformatted, which tells the line protocol's share. Rates are liquidations
 * over the job's net run time.
 */
public final class PipelineThroughput {
    private static final String ALERT_RECORDS = "bench-alert-records";

    /** What to run: liquidations, the simulator's first seed, Flink's parallelism, runs of the three jobs. */
    public record Options(long events, long seed, int parallelism, int runs) {
        public Options {
            if (runs < 1) {
                throw new IllegalArgumentException("--runs " + runs + ": at least one run");
            }
        }
    }

    private PipelineThroughput() {}

    public static void run(Options options, PrintStream out) throws Exception {
        Path dir = Files.createTempDirectory("radar-bench");
        try {
            long started = System.nanoTime();
            SimulatedHistory.Written history = SimulatedHistory.write(options.events(), options.seed(), dir);
            out.printf(Locale.ROOT, "history   %,d liquidations, %,d open-interest updates, %,d prices, %,d feed-health"
                            + " records: the simulator's %s run %d times back to back (seeds %d to %d), %d assets x %d"
                            + " venues, %s to %s (%.1f days), generated in %.1f s%n", history.liquidations(),
                    history.openInterest(), history.prices(), history.feedHealth(), SimulatedHistory.SCENARIO,
                    history.runs(), options.seed(),
                    options.seed() + history.runs() - 1, history.assets(), history.venues(), history.first(),
                    history.last(), Duration.between(history.first(), history.last()).toMinutes() / 1440.0,
                    seconds(started));
            out.printf(Locale.ROOT, "machine   %d cores, Flink parallelism %d, Java %s, max heap %,d MiB%n",
                    Runtime.getRuntime().availableProcessors(), options.parallelism(), Runtime.version(),
                    Runtime.getRuntime().maxMemory() >> 20);

            AvroHistory files = history.files();
            Path csv = dir.resolve("liquidations.csv");
            double csvRate = history.liquidations() / timed(() -> decodeCsv(csv));
            double avroRate = history.liquidations() / timed(() -> decodeAvro(files.liquidations()));
            // The three jobs in turn, run after run: the machine's pace drifts (two runs of the same code differ by
            // a tenth and more on a shared VM), and the ratio is taken within a run.
            List<Run> runs = new ArrayList<>();
            for (int i = 1; i <= options.runs(); i++) {
                Job passThrough = Job.timed(history.liquidations(), () -> passThrough(files.liquidations(), options.parallelism()));
                Job unformatted = Job.timed(history.liquidations(), () -> detector(files, history.last(),
                        environment(options.parallelism(), new Configuration()), Outputs.RECORDS));
                Job full = Job.timed(history.liquidations(), () -> detector(files, history.last(),
                        environment(options.parallelism(), new Configuration()), Outputs.LINE_PROTOCOL));
                Run run = new Run(passThrough, unformatted, full);
                runs.add(run);
                if (options.runs() > 1) {
                    out.printf(Locale.ROOT, "run %d of %d: pass-through %,.0f/s, detector without line protocol %,.0f/s"
                                    + " (%.3f), full detector %,.0f/s (%.3f)%n", i, options.runs(), passThrough.rate(),
                            unformatted.rate(), run.ratio(unformatted), full.rate(), run.ratio(full));
                }
            }
            Run median = runs.stream().sorted(Comparator.comparingDouble(r -> r.ratio(r.full()))).toList()
                    .get((runs.size() - 1) / 2);
            String of = options.runs() == 1 ? "" : String.format(Locale.ROOT, " (the run of median ratio of %d)", runs.size());

            out.printf(Locale.ROOT, "%-44s %,12.0f events/s%n", "read + decode CSV (one thread)", csvRate);
            out.printf(Locale.ROOT, "%-44s %,12.0f events/s%n", "read + decode Avro (one thread)", avroRate);
            out.printf(Locale.ROOT, "%-44s %,12.0f events/s, %.1f cores busy%s%n", "Flink pass-through of the Avro file",
                    median.passThrough().rate(), median.passThrough().cores(), of);
            out.printf(Locale.ROOT, "%-44s %,12.0f events/s, %.1f cores busy = %.3f of pass-through%n",
                    "detector without line protocol", median.unformatted().rate(), median.unformatted().cores(),
                    median.ratio(median.unformatted()));
            out.printf(Locale.ROOT, "%-44s %,12.0f events/s, %.1f cores busy = %.3f of pass-through (%,d signal points,"
                            + " %,d alert records)%n", "full detector", median.full().rate(), median.full().cores(),
                    median.ratio(median.full()), (Long) median.full().result().getAccumulatorResult(SignalLines.POINTS),
                    (Long) median.full().result().getAccumulatorResult(ALERT_RECORDS));
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

    /** What the detector's outputs become before they are discarded. */
    enum Outputs {
        /** The records themselves: the detector's own cost. */
        RECORDS,
        /** The signals formatted as line protocol, as a replay writes them and the InfluxDB sink sends them. */
        LINE_PROTOCOL
    }

    /** The replay's job graph over the history's Avro files, its outputs discarded. */
    static JobExecutionResult detector(AvroHistory files, Instant end, StreamExecutionEnvironment env, Outputs outputs)
            throws Exception {
        DetectorOutputs detected = DetectorJob.defineWorkflow(env, new DetectorInputs(
                Replay.avroFile(files.liquidations(), LiquidationEvent.class, DetectorJob.LIQUIDATIONS),
                Replay.avroFile(files.openInterest(), OpenInterestUpdate.class, DetectorJob.OPEN_INTEREST),
                Replay.avroFile(files.feedHealth(), FeedHealth.class, DetectorJob.FEED_HEALTH),
                Replay.avroFile(files.prices(), PriceUpdate.class, DetectorJob.PRICES),
                end), DetectorConfig.replay());
        if (outputs == Outputs.LINE_PROTOCOL) {
            SignalLines.of(detected).sinkTo(new DiscardingSink<>()).name("discard signal points");
        } else {
            detected.scopeSignals().sinkTo(new DiscardingSink<>()).name("discard scope signals");
            detected.marketSignals().sinkTo(new DiscardingSink<>()).name("discard market signals");
            detected.openInterestStress().sinkTo(new DiscardingSink<>()).name("discard open-interest stress");
            if (detected.priceMoves() != null) {
                detected.priceMoves().sinkTo(new DiscardingSink<>()).name("discard price moves");
            }
        }
        detected.alerts()
                .flatMap(new LinesWithCount<>(ALERT_RECORDS, (alert, lines) -> lines.accept(alert.getAlertId())))
                .returns(Types.STRING).name("count alerts")
                .sinkTo(new DiscardingSink<>()).name("discard alerts");
        detected.deadLetters().sinkTo(new DiscardingSink<>()).name("discard dead letters");
        return env.execute("bench: detector");
    }

    static StreamExecutionEnvironment environment(int parallelism, Configuration conf) {
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        return env;
    }

    private static double timed(Callable<Long> work) throws Exception {
        long started = System.nanoTime();
        work.call();
        return seconds(started);
    }

    /** One job's run: liquidations per second of its net run time, and the cores the JVM kept busy meanwhile. */
    private record Job(JobExecutionResult result, double rate, double cores) {
        static Job timed(long liquidations, Callable<JobExecutionResult> job) throws Exception {
            CpuUse cpu = CpuUse.start();
            JobExecutionResult result = job.call();
            return new Job(result, liquidations / (result.getNetRuntime() / 1000.0), cpu.cores());
        }
    }

    /** The three jobs of one run, one after another. */
    private record Run(Job passThrough, Job unformatted, Job full) {
        double ratio(Job job) {
            return job.rate() / passThrough.rate();
        }
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
