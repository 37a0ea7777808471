package io.cascaderadar.jobs.replay;

import io.cascaderadar.avro.FeedHealth;
import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.OpenInterestUpdate;
import io.cascaderadar.avro.PriceUpdate;
import io.cascaderadar.connectors.csv.FeedHealthCsv;
import io.cascaderadar.connectors.csv.InputFileException;
import io.cascaderadar.connectors.csv.LiquidationCsv;
import io.cascaderadar.connectors.csv.OpenInterestCsv;
import io.cascaderadar.connectors.csv.PriceCsv;
import io.cascaderadar.connectors.influxdb.InfluxConfig;
import io.cascaderadar.connectors.influxdb.InfluxHttpClient;
import io.cascaderadar.connectors.influxdb.InfluxSchema;
import io.cascaderadar.connectors.validation.DeadLetter;
import io.cascaderadar.connectors.validation.InputRules;
import io.cascaderadar.connectors.validation.RejectReason;
import io.cascaderadar.jobs.DetectorInputs;
import io.cascaderadar.jobs.DetectorJob;
import io.cascaderadar.jobs.DetectorOutputs;
import io.cascaderadar.jobs.FileTrees;
import io.cascaderadar.jobs.config.DetectorConfig;
import io.cascaderadar.jobs.ingest.Deduplicator;
import io.cascaderadar.jobs.ingest.InputStream;
import io.cascaderadar.jobs.ingest.SourceGate;
import io.cascaderadar.jobs.signals.BreadthAssembler;
import io.cascaderadar.jobs.sinks.ChartRenderer;
import io.cascaderadar.jobs.sinks.DeadLetterJson;
import io.cascaderadar.jobs.sinks.DeadLetterTarget;
import io.cascaderadar.jobs.sinks.InfluxOutputs;
import io.cascaderadar.jobs.sinks.SignalLines;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The research path: history files through the detector's job graph in a local Flink mini cluster, event-time
 * exact, with the outputs of {@link ReplayOutputs}, a progress bar on a terminal and a summary at the end.
 */
public final class Replay {
    /** How far, in event time, a paced file may be read ahead of the slowest: {@link #avroFile}. */
    private static final Duration MAX_DRIFT = Duration.ofDays(1);
    private static final String PACED_FILES = "replay-files";
    /**
     * How often the paced files' watermarks are compared. A source reads on for about three of these before it
     * pauses (Flink samples the watermarks for alignment); each comparison is a round of messages through the
     * coordinator, which at 10 ms took a core-second of a 25-second replay.
     */
    private static final Duration PACE_CHECKS = Duration.ofMillis(100);

    /**
     * What to replay and where to write: normalized files, recorded wire messages ({@code VENUE:FILE}), the output
     * directory, InfluxDB where {@code influx} is not null, and prices (context: price moves beside the signals).
     */
    public record Options(List<Path> liquidations, List<Path> openInterest, List<Path> feedHealth, List<String> raw,
            Path out, int parallelism, boolean printAlerts, String title, InfluxConfig influx, List<Path> prices) {

        /** Without prices. */
        public Options(List<Path> liquidations, List<Path> openInterest, List<Path> feedHealth, List<String> raw,
                Path out, int parallelism, boolean printAlerts, String title, InfluxConfig influx) {
            this(liquidations, openInterest, feedHealth, raw, out, parallelism, printAlerts, title, influx, List.of());
        }
    }

    private Replay() {}

    public static ReplaySummary run(Options options, DetectorConfig config)
            throws InputFileException, Exception {
        long started = System.nanoTime();
        Path out = options.out();
        Files.createDirectories(out);
        Path work = Files.createTempDirectory("radar-replay");
        try {
            Map<RejectReason, Long> rejected = new EnumMap<>(RejectReason.class);
            SortedInput liquidations;
            SortedInput openInterest;
            SortedInput feedHealth;
            SortedInput prices;
            Instant now = Instant.now();
            InputRules rules = InputRules.defaults();
            try (BufferedWriter deadLetters = Files.newBufferedWriter(out.resolve(ReplayOutputs.DEAD_LETTERS), StandardCharsets.UTF_8)) {
                java.util.function.Consumer<DeadLetter> reject = d -> {
                    rejected.merge(d.reason, 1L, Long::sum);
                    try {
                        deadLetters.write(DeadLetterJson.toJson(d));
                        deadLetters.write('\n');
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                };
                List<Path> liquidationFiles = new ArrayList<>(options.liquidations());
                List<Path> openInterestFiles = new ArrayList<>(options.openInterest());
                if (!options.raw().isEmpty()) {
                    RawRecordings.Normalized decoded = RawRecordings.decode(options.raw(), work, reject);
                    Stream.ofNullable(decoded.liquidations()).forEach(liquidationFiles::add);
                    Stream.ofNullable(decoded.openInterest()).forEach(openInterestFiles::add);
                }
                liquidations = SortedInput.prepare(liquidationFiles, new LiquidationCsv(rules, now),
                        LiquidationEvent.class, LiquidationEvent::getEventTime, work.resolve("liquidations.avro"), reject);
                openInterest = SortedInput.prepare(openInterestFiles, new OpenInterestCsv(rules, now),
                        OpenInterestUpdate.class, OpenInterestUpdate::getEventTime, work.resolve("open-interest.avro"), reject);
                feedHealth = SortedInput.prepare(options.feedHealth(), new FeedHealthCsv(rules, now),
                        FeedHealth.class, FeedHealth::getEventTime, work.resolve("feed-health.avro"), reject);
                prices = SortedInput.prepare(options.prices(), new PriceCsv(rules, now),
                        PriceUpdate.class, PriceUpdate::getEventTime, work.resolve("prices.avro"), reject);
            }

            Configuration conf = new Configuration();
            // Accumulators reach the client with heartbeats: every second, for the progress bar.
            conf.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, Duration.ofSeconds(1));
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
            env.setParallelism(options.parallelism());
            DetectorInputs inputs = inputs(liquidations.avroFile(), openInterest.avroFile(), feedHealth.avroFile(),
                    options.prices().isEmpty() ? null : prices.avroFile(),
                    Stream.of(liquidations.last(), openInterest.last(), feedHealth.last()).filter(java.util.Objects::nonNull)
                            .max(Instant::compareTo).orElse(null));
            DetectorOutputs outputs = DetectorJob.defineWorkflow(env, inputs, config);
            DataStream<byte[]> signalLines = SignalLines.of(outputs);
            ReplayOutputs.attach(outputs, signalLines, out, options.printAlerts());
            if (options.influx() != null) {
                InfluxOutputs.prepare(options.influx());
                InfluxOutputs.attach(outputs, signalLines, options.influx(), InfluxSchema.Target.REPLAY,
                        DeadLetterTarget.file(out.resolve(ReplayOutputs.INFLUX_DEAD_LETTERS)));
            }

            JobClient job = env.executeAsync("cascade-radar replay");
            Progress progress = new Progress(liquidations.records(), liquidations.first(), liquidations.last());
            JobExecutionResult result = awaitWithProgress(job, progress);
            progress.finish();

            ChartRenderer.render(out.resolve(ReplayOutputs.SIGNALS), out.resolve(ReplayOutputs.ALERTS),
                    out.resolve(ReplayOutputs.CHART), options.title());
            long late = 0;
            for (String stream : List.of(DetectorJob.LIQUIDATIONS, DetectorJob.OPEN_INTEREST, DetectorJob.FEED_HEALTH,
                    DetectorJob.PRICES)) {
                Long l = result.getAccumulatorResult(SourceGate.lateAccumulator(stream));
                late += l == null ? 0 : l;
            }
            if (late > 0) {
                rejected.merge(RejectReason.LATE_EVENT, late, Long::sum);
            }
            Long duplicates = result.getAccumulatorResult(Deduplicator.DUPLICATES);
            Long signalPoints = result.getAccumulatorResult(SignalLines.POINTS);
            if (options.influx() != null && liquidations.first() != null) {
                // Continuous queries only downsample what arrives live: history is downsampled here.
                InfluxConfig influx = options.influx();
                String policy = InfluxSchema.Target.REPLAY.signals(influx);
                InfluxSchema.downsample(new InfluxHttpClient(influx), policy, policy, liquidations.first(), liquidations.last());
            }
            return ReplaySummary.of(out, liquidations, openInterest, feedHealth, prices, rejected,
                    duplicates == null ? 0 : duplicates, signalPoints == null ? 0 : signalPoints,
                    (System.nanoTime() - started) / 1e9);
        } finally {
            FileTrees.delete(work);
        }
    }

    /** The detector's inputs from sorted Avro container files (prices may be null), each read by one reader. */
    public static DetectorInputs inputs(Path liquidations, Path openInterest, Path feedHealth, Path prices, Instant end) {
        return new DetectorInputs(avroFile(liquidations, LiquidationEvent.class, DetectorJob.LIQUIDATIONS, true),
                avroFile(openInterest, OpenInterestUpdate.class, DetectorJob.OPEN_INTEREST, true),
                avroFile(feedHealth, FeedHealth.class, DetectorJob.FEED_HEALTH, false),
                prices == null ? null : avroFile(prices, PriceUpdate.class, DetectorJob.PRICES, false), end);
    }

    /**
     * An Avro container file of sorted records as an input: one reader, in file order. A paced file's reader waits
     * while it is more than {@link #MAX_DRIFT} ahead, in event time, of the slowest paced file (Flink's watermark
     * alignment). The liquidations and open interest are paced together: unpaced, the smaller file (open interest in
     * the bench's history, a tenth of the liquidations) is read days ahead of the other, and open-interest stress,
     * which joins the two, keeps what runs ahead until the watermark passes it: objects that live for seconds, which
     * the collector copies, promotes and collects again (benchmarks/README.md, seventeenth round). Prices and feed
     * health are not paced: nothing joins prices with another input, and feed health's records can be hours apart,
     * so the others would wait on each gap until its next record is read.
     */
    private static <T extends SpecificRecordBase> InputStream<T> avroFile(Path avro, Class<T> type, String name,
            boolean paced) {
        org.apache.flink.core.fs.Path path = new org.apache.flink.core.fs.Path(avro.toUri());
        return (env, watermarks) -> {
            WatermarkStrategy<T> strategy = watermarks;
            if (paced) {
                // A file is one split (its format is not splittable), so the source pausing as a whole is exact:
                // Flink would otherwise ask the file reader to pause single splits, which it cannot.
                env.configure(new Configuration().set(PipelineOptions.ALLOW_UNALIGNED_SOURCE_SPLITS, true));
                strategy = watermarks.withWatermarkAlignment(PACED_FILES, MAX_DRIFT, PACE_CHECKS);
            }
            return env.fromSource(FileSource.forRecordStreamFormat(new AvroFileFormat<>(type), path).build(), strategy,
                    name).uid("source-" + name).setParallelism(1);
        };
    }

    private static JobExecutionResult awaitWithProgress(JobClient job, Progress progress) throws Exception {
        CompletableFuture<JobExecutionResult> done = job.getJobExecutionResult();
        while (true) {
            try {
                return done.get(500, TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillRunning) {
                try {
                    Map<String, Object> acc = job.getAccumulators().get(2, TimeUnit.SECONDS);
                    Object records = acc.get(SourceGate.recordsAccumulator(DetectorJob.LIQUIDATIONS));
                    Object time = acc.get(BreadthAssembler.PROGRESS);
                    progress.show(records instanceof Long r ? r : 0, time instanceof Long t ? t : Long.MIN_VALUE);
                } catch (TimeoutException | java.util.concurrent.ExecutionException | IllegalStateException notNow) {
                    // The job is starting or finishing: no accumulators to show this time.
                }
            }
        }
    }
}
