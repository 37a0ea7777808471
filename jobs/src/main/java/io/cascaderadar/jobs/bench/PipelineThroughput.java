package io.cascaderadar.jobs.bench;

import io.cascaderadar.avro.DeleveragingAlert;
import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.connectors.csv.CsvFileReader;
import io.cascaderadar.connectors.csv.InputFileException;
import io.cascaderadar.connectors.csv.LiquidationCsv;
import io.cascaderadar.connectors.validation.InputRules;
import io.cascaderadar.jobs.DetectorInputs;
import io.cascaderadar.jobs.DetectorJob;
import io.cascaderadar.jobs.DetectorOutputs;
import io.cascaderadar.jobs.FileTrees;
import io.cascaderadar.jobs.config.DetectorConfig;
import io.cascaderadar.jobs.replay.AvroFileFormat;
import io.cascaderadar.jobs.replay.Replay;
import io.cascaderadar.jobs.sinks.LineFormat;
import io.cascaderadar.jobs.sinks.LinesWithCount;
import io.cascaderadar.jobs.sinks.SignalLines;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Replay throughput against the limit of the machine, measured in one run on one simulated history
 * ({@link SimulatedHistory}): events per second of reading and decoding the liquidations' CSV, of reading and
 * decoding the Avro file a replay's job reads, of a Flink job that only passes those records through, and of the
 * full detector (event time, de-duplication, every signal, open interest, prices, CEP, alerts, and the signals
 * formatted as line protocol) with its outputs discarded, so that disk and InfluxDB do not count; and of the
 * detector's graph built up to each of its stages ({@link Stage}), which tells each stage's share. Rates are
 * liquidations over the job's net run time.
 */
public final class PipelineThroughput {
    private static final String ALERT_RECORDS = "bench-alert-records";

    /**
     * What to run: liquidations, the simulator's first seed, Flink's parallelism, runs of the jobs, and where to keep
     * the history for later runs (null: a temporary directory, deleted after); before the runs, each job once over a
     * history of {@code warmUp} liquidations (none when 0), not measured.
     */
    public record Options(long events, long seed, int parallelism, int runs, Path history, long warmUp) {
        public Options {
            if (runs < 1) {
                throw new IllegalArgumentException("--runs " + runs + ": at least one run");
            }
            if (warmUp < 0) {
                throw new IllegalArgumentException("--warm-up " + warmUp + ": no fewer than none");
            }
        }
    }

    private PipelineThroughput() {}

    public static void run(Options options, PrintStream out) throws Exception {
        Path dir = options.history() != null ? Files.createDirectories(options.history())
                : Files.createTempDirectory("radar-bench");
        try {
            PreparedHistory prepared = history(options.events(), options, dir);
            print(prepared, options, out);
            SimulatedHistory.Written history = prepared.written();
            // The collector is part of the figures: `radar bench pipeline` runs on the parallel one, as a replay does.
            out.printf(Locale.ROOT, "machine   %d cores, Flink parallelism %d, Java %s, max heap %,d MiB, collectors %s%n",
                    Runtime.getRuntime().availableProcessors(), options.parallelism(), Runtime.version(),
                    Runtime.getRuntime().maxMemory() >> 20, ManagementFactory.getGarbageCollectorMXBeans().stream()
                            .map(GarbageCollectorMXBean::getName).collect(Collectors.joining(" + ")));

            if (options.warmUp() > 0) {
                warmUp(options, dir.resolve("warm-up"), out);
            }
            AvroHistory files = history.files();
            Path csv = dir.resolve("liquidations.csv");
            double csvRate = history.liquidations() / timed(() -> decodeCsv(csv));
            double avroRate = history.liquidations() / timed(() -> decodeAvro(files.liquidations()));
            // The jobs in turn, run after run: the machine's pace drifts (two runs of the same code differ by a tenth
            // and more on a shared VM), and the ratio is taken within a run.
            List<Run> runs = new ArrayList<>();
            for (int i = 1; i <= options.runs(); i++) {
                Run run = eachJob(history, options.parallelism());
                runs.add(run);
                if (options.runs() > 1) {
                    StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                            "run %d of %d: pass-through %,.0f/s", i, options.runs(), run.passThrough().rate()));
                    run.stages().forEach((stage, job) -> line.append(String.format(Locale.ROOT, ", %s %,.0f/s (%.3f)",
                            stage.label, job.rate(), run.ratio(job))));
                    out.println(line);
                }
            }
            Run median = runs.stream().sorted(Comparator.comparingDouble(r -> r.ratio(r.full()))).toList()
                    .get((runs.size() - 1) / 2);
            String of = options.runs() == 1 ? "" : String.format(Locale.ROOT, " (the run of median ratio of %d)", runs.size());

            out.printf(Locale.ROOT, "%-44s %,12.0f events/s%n", "read + decode CSV (one thread)", csvRate);
            out.printf(Locale.ROOT, "%-44s %,12.0f events/s%n", "read + decode Avro (one thread)", avroRate);
            out.printf(Locale.ROOT, "%-44s %,12.0f events/s, %.1f cores busy%s%n", "Flink pass-through of the Avro file",
                    median.passThrough().rate(), median.passThrough().cores(), of);
            for (Stage stage : Stage.values()) {
                Job job = median.stages().get(stage);
                out.printf(Locale.ROOT, "%-44s %,12.0f events/s, %.1f cores busy = %.3f of pass-through", stage.label,
                        job.rate(), job.cores(), median.ratio(job));
                if (stage == Stage.LINE_PROTOCOL) {
                    out.printf(Locale.ROOT, " (%,d signal points, %,d alert records)",
                            (Long) job.result().getAccumulatorResult(SignalLines.POINTS),
                            (Long) job.result().getAccumulatorResult(ALERT_RECORDS));
                }
                out.println();
            }
            printCpuByTask(median.full(), history.liquidations(), out);
        } finally {
            if (options.history() == null) {
                FileTrees.delete(dir);
            }
        }
    }

    /** The pass-through, then the detector up to each stage, each timed. */
    private static Run eachJob(SimulatedHistory.Written history, int parallelism) throws Exception {
        AvroHistory files = history.files();
        Job passThrough = Job.timed(history.liquidations(), () -> passThrough(files.liquidations(), parallelism));
        EnumMap<Stage, Job> stages = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            stages.put(stage, Job.timed(history.liquidations(), () -> detector(files, history.last(),
                    environment(parallelism, new Configuration()), stage)));
        }
        return new Run(passThrough, stages);
    }

    /**
     * Each job once over a shorter history, not measured, so that the runs time the jobs compiled: in a JVM's first
     * run the JIT compiler worked 11 s of the full detector's 25, and 0.7 s by the third (benchmarks/README.md,
     * twentieth round), while the pass-through, a smaller graph, is compiled sooner. A replay of months pays that
     * once; a run of 10M liquidations measured it as much as the detector.
     */
    private static void warmUp(Options options, Path dir, PrintStream out) throws Exception {
        long started = System.nanoTime();
        eachJob(history(options.warmUp(), options, Files.createDirectories(dir)).written(), options.parallelism());
        out.printf(Locale.ROOT, "warm-up   each job once over %,d liquidations of the simulator, not measured (%.1f s)%n",
                options.warmUp(), seconds(started));
    }

    /** The threads that took a hundredth of the job's CPU or more, the JVM's own work, and the rest in one line. */
    private static void printCpuByTask(Job job, long liquidations, PrintStream out) {
        out.printf(Locale.ROOT, "where the full detector's CPU went: %.1f core-s, %.2f core-us a liquidation, by task"
                + " (a task's subtasks together)%n", job.cpuSeconds(), job.cpuSeconds() * 1e6 / liquidations);
        double rest = 0;
        for (Map.Entry<String, Double> thread : job.cpuByThread().entrySet()) {
            double share = thread.getValue() / job.cpuSeconds();
            if (share >= 0.01 || thread.getKey().equals(TaskCpu.JVM_ITSELF)) {
                String name = thread.getKey().length() <= 100 ? thread.getKey() : thread.getKey().substring(0, 99) + "…";
                out.printf(Locale.ROOT, "  %5.1f%% %7.2f s  %s%n", 100 * share, thread.getValue(), name);
            } else {
                rest += thread.getValue();
            }
        }
        out.printf(Locale.ROOT, "  %5.1f%% %7.2f s  every other thread%n", 100 * rest / job.cpuSeconds(), rest);
    }

    /** A simulated history, and where it came from: kept by an earlier run, or written now and how long that took. */
    private record PreparedHistory(SimulatedHistory.Written written, String origin) {}

    /** The history of {@code events} liquidations kept in {@code dir} by an earlier run, or else written now. */
    private static PreparedHistory history(long events, Options options, Path dir)
            throws IOException, InputFileException {
        long started = System.nanoTime();
        SimulatedHistory.Written history = options.history() == null ? null
                : SimulatedHistory.kept(events, options.seed(), dir);
        String origin;
        if (history != null) {
            origin = "kept in " + dir + " by an earlier run";
        } else {
            history = SimulatedHistory.write(events, options.seed(), dir);
            origin = String.format(Locale.ROOT, "generated in %.1f s%s", seconds(started),
                    options.history() == null ? "" : ", kept in " + dir);
        }
        return new PreparedHistory(history, origin);
    }

    private static void print(PreparedHistory prepared, Options options, PrintStream out) {
        SimulatedHistory.Written history = prepared.written();
        out.printf(Locale.ROOT, "history   %,d liquidations, %,d open-interest updates, %,d prices, %,d feed-health"
                        + " records: the simulator's %s run %d times back to back (seeds %d to %d), %d assets x %d"
                        + " venues, %s to %s (%.1f days), %s%n", history.liquidations(),
                history.openInterest(), history.prices(), history.feedHealth(), SimulatedHistory.SCENARIO,
                history.runs(), options.seed(),
                options.seed() + history.runs() - 1, history.assets(), history.venues(), history.first(),
                history.last(), Duration.between(history.first(), history.last()).toMinutes() / 1440.0,
                prepared.origin());
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

    /** How much of the detector's graph a job builds before its records are discarded: its stages, one more each. */
    enum Stage {
        /** The gates, event time, de-duplication and the scopes' step sums ({@link DetectorJob#ingest}). */
        INGEST("detector's ingest alone"),
        /** And every signal: intensity, breadth, open-interest stress, price moves ({@link DetectorJob#signals}). */
        SIGNALS("detector up to its signals"),
        /** And the CEP patterns and the alerts' lifecycle: the whole detector, its records discarded unformatted. */
        ALERTS("detector without line protocol"),
        /** And the signals formatted as line protocol, as a replay writes them and the InfluxDB sink sends them. */
        LINE_PROTOCOL("full detector");

        final String label;

        Stage(String label) {
            this.label = label;
        }
    }

    /** The replay's job graph over the history's Avro files, up to a stage, its outputs discarded. */
    static JobExecutionResult detector(AvroHistory files, Instant end, StreamExecutionEnvironment env, Stage stage)
            throws Exception {
        DetectorInputs inputs = Replay.inputs(files.liquidations(), files.openInterest(), files.feedHealth(),
                files.prices(), end);
        DetectorConfig config = DetectorConfig.replay();
        DetectorJob.Ingested ingested = DetectorJob.ingest(env, inputs, config);
        discard(ingested.deadLetters(), "dead letters");
        if (stage == Stage.INGEST) {
            Stream.of(ingested.liquidations(), ingested.openInterest(), ingested.feedHealth(), ingested.prices())
                    .filter(Objects::nonNull).forEach(records -> discard(records, "ingested records"));
            return env.execute("bench: detector's ingest");
        }
        DetectorJob.Signals signals = DetectorJob.signals(ingested, config, end);
        if (stage == Stage.SIGNALS) {
            discardSignals(signals);
            return env.execute("bench: detector up to its signals");
        }
        DataStream<DeleveragingAlert> alerts = DetectorJob.alerts(signals, config);
        discard(alerts.flatMap(new LinesWithCount<>(ALERT_RECORDS,
                        (alert, lines) -> lines.line(LineFormat.utf8(alert.getAlertId()))))
                .returns(PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO).name("count alerts"), "alerts");
        if (stage == Stage.LINE_PROTOCOL) {
            discard(SignalLines.of(DetectorOutputs.of(ingested, signals, alerts)), "signal points");
        } else {
            discardSignals(signals);
        }
        return env.execute("bench: detector");
    }

    private static void discardSignals(DetectorJob.Signals signals) {
        Stream.of(signals.scopeSignals(), signals.marketSignals(), signals.openInterestStress(), signals.priceMoves())
                .filter(Objects::nonNull).forEach(records -> discard(records, "signals"));
    }

    private static void discard(DataStream<?> records, String what) {
        records.sinkTo(new DiscardingSink<>()).name("discard " + what);
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

    /**
     * One job's run: liquidations per second of its net run time, the cores the JVM kept busy meanwhile (every
     * thread's CPU time, the JIT's and GC's too, over wall time), and where that CPU time went.
     */
    private record Job(JobExecutionResult result, double rate, double cores, double cpuSeconds,
            Map<String, Double> cpuByThread) {
        static Job timed(long liquidations, Callable<JobExecutionResult> job) throws Exception {
            long started = System.nanoTime();
            JobExecutionResult result;
            TaskCpu cpu = TaskCpu.start();
            try {
                result = job.call();
            } finally {
                cpu.close();
            }
            return new Job(result, liquidations / (result.getNetRuntime() / 1000.0),
                    cpu.processSeconds() / seconds(started), cpu.processSeconds(), cpu.seconds());
        }
    }

    /** The jobs of one run, one after another. */
    private record Run(Job passThrough, EnumMap<Stage, Job> stages) {
        Job full() {
            return stages.get(Stage.LINE_PROTOCOL);
        }

        double ratio(Job job) {
            return job.rate() / passThrough.rate();
        }
    }

    static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
