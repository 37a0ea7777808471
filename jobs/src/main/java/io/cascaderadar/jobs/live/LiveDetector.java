package io.cascaderadar.jobs.live;

import io.cascaderadar.avro.FeedHealth;
import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.OpenInterestUpdate;
import io.cascaderadar.avro.PriceUpdate;
import io.cascaderadar.connectors.influxdb.InfluxSchema;
import io.cascaderadar.connectors.registry.RegistryConfig;
import io.cascaderadar.jobs.DetectorInputs;
import io.cascaderadar.jobs.DetectorJob;
import io.cascaderadar.jobs.DetectorOutputs;
import io.cascaderadar.jobs.FileTrees;
import io.cascaderadar.jobs.config.DetectorConfig;
import io.cascaderadar.jobs.config.EventTimeConfig;
import io.cascaderadar.jobs.config.RadarSettings;
import io.cascaderadar.jobs.ingest.InputStream;
import io.cascaderadar.jobs.sinks.DeadLetterTarget;
import io.cascaderadar.jobs.sinks.InfluxOutputs;
import io.cascaderadar.jobs.sinks.KafkaSinks;
import io.cascaderadar.jobs.sinks.SignalLines;
import io.cascaderadar.jobs.sources.KafkaInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The detector on Kafka, as {@code radar run} starts it: the input topics through the schema registry, alerts to
 * {@code deleveraging-alerts} exactly once, every record that cannot be used to the dead-letter topic, and, where
 * {@code influx.url} is set, signals and alerts to InfluxDB at least once.
 */
public final class LiveDetector {

    private LiveDetector() {}

    /**
     * The job graph on Kafka; tests call it with their own environment, as {@link #environment} configures one.
     *
     * @return the detector's outputs, for a caller that sends them somewhere more
     */
    public static DetectorOutputs defineWorkflow(StreamExecutionEnvironment env, RadarSettings settings,
            KafkaInput.Range range, DetectorConfig config) {
        return defineWorkflow(env, settings, range, config, UnaryOperator.identity());
    }

    /** The same, with the liquidation input wrapped: for tests that make a running job fail. */
    public static DetectorOutputs defineWorkflow(StreamExecutionEnvironment env, RadarSettings settings,
            KafkaInput.Range range, DetectorConfig config, UnaryOperator<InputStream<LiquidationEvent>> liquidationInput) {
        // Latency: a record waits for neither a full network buffer nor the next periodic watermark for long.
        env.setBufferTimeout(settings.bufferTimeout().toMillis());
        env.getConfig().setAutoWatermarkInterval(settings.watermarkInterval().toMillis());
        RadarSettings.Topics topics = settings.topics();
        KafkaInput.Connection kafka = new KafkaInput.Connection(settings.kafkaClient(),
                RegistryConfig.fromMap(settings.registry()), settings.groupId(), range);
        KafkaInput<LiquidationEvent> liquidations = KafkaInput.liquidations(topics.liquidations(), kafka);
        KafkaInput<OpenInterestUpdate> openInterest = KafkaInput.openInterest(topics.openInterest(), kafka);
        KafkaInput<FeedHealth> feedHealth = KafkaInput.feedHealth(topics.feedHealth(), kafka);
        KafkaInput<PriceUpdate> prices = KafkaInput.prices(topics.prices(), kafka);

        Instant end = range == KafkaInput.Range.TO_LATEST ? HistoryEnd.of(settings).orElse(null) : null;
        DetectorOutputs outputs = DetectorJob.defineWorkflow(env,
                new DetectorInputs(liquidationInput.apply(liquidations), openInterest, feedHealth, prices, end), config);
        settings.influx().ifPresent(influx -> InfluxOutputs.attach(outputs, SignalLines.of(outputs), influx,
                target(range), DeadLetterTarget.kafka(settings)));

        outputs.alerts()
                .sinkTo(KafkaSinks.alerts(settings.kafkaClient(), kafka.registry(), topics.alerts(),
                        settings.alertDelivery(), settings.transactionalIdPrefix()))
                .uid("alerts-kafka").name(topics.alerts()).setParallelism(1);
        outputs.deadLetters()
                .union(liquidations.deadLetters(), openInterest.deadLetters(), feedHealth.deadLetters(), prices.deadLetters())
                .sinkTo(KafkaSinks.deadLetters(settings.kafkaClient(), topics.deadLetter()))
                .uid("dead-letter-kafka").name(topics.deadLetter());
        return outputs;
    }

    /**
     * The detector's configuration for a range: live reads with idleness and stamps alerts with the wall clock;
     * history read to the latest offsets is a replay through Kafka, with the replay's configuration, so that it
     * gives what {@code radar replay} gives for the same input. Either takes the disorder, lateness and
     * de-duplication horizon the settings allow; a live one also their idleness.
     */
    public static DetectorConfig config(KafkaInput.Range range, RadarSettings settings) {
        DetectorConfig config = range == KafkaInput.Range.LIVE ? DetectorConfig.live() : DetectorConfig.replay();
        EventTimeConfig eventTime = config.eventTime();
        Duration idleness = range == KafkaInput.Range.LIVE ? settings.idleness() : eventTime.idleness();
        return config.withEventTime(new EventTimeConfig(settings.maxOutOfOrderness(), settings.allowedLateness(),
                idleness, settings.dedupHorizon()));
    }

    /** Where InfluxDB keeps what a range writes: history read to the latest offsets is a replay. */
    public static InfluxSchema.Target target(KafkaInput.Range range) {
        return range == KafkaInput.Range.LIVE ? InfluxSchema.Target.LIVE : InfluxSchema.Target.REPLAY;
    }

    /**
     * A local Flink environment with exactly-once checkpoints in the settings' checkpoint directory, retained when
     * the job stops or dies, resumed from the latest one that a previous run left (unless {@code fresh}), and the
     * REST API on loopback.
     */
    public static StreamExecutionEnvironment environment(RadarSettings settings, int parallelism, boolean fresh)
            throws IOException {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, settings.checkpointInterval());
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, settings.checkpointDir().toUri().toString());
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(RestOptions.ADDRESS, "127.0.0.1");
        conf.set(RestOptions.PORT, settings.restPort());
        if (!fresh) {
            latestCheckpoint(settings.checkpointDir())
                    .ifPresent(checkpoint -> conf.set(StateRecoveryOptions.SAVEPOINT_PATH, checkpoint.toUri().toString()));
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        return env;
    }

    /**
     * The newest completed checkpoint ({@code <job>/chk-<n>/_metadata}) under a checkpoint directory. Flink removes
     * subsumed checkpoints while this looks, even after a cancel returned: a directory that vanishes is passed over.
     */
    public static Optional<Path> latestCheckpoint(Path checkpointDir) {
        return entries(checkpointDir).stream()
                .flatMap(job -> entries(job).stream())
                .filter(chk -> chk.getFileName().toString().startsWith("chk-") && Files.exists(chk.resolve("_metadata")))
                .max(Comparator.comparing(chk -> modified(chk.resolve("_metadata"))));
    }

    /** The entries of a directory; none where it is not (or no longer) there. */
    private static List<Path> entries(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.toList();
        } catch (IOException | UncheckedIOException gone) {
            return List.of();
        }
    }

    /**
     * After a job finished, its work is committed: its checkpoints (and those it resumed from) must not be resumed
     * by the next run.
     */
    public static void forgetCheckpoints(Path checkpointDir) throws IOException {
        FileTrees.deleteContents(checkpointDir);
    }

    /** When a checkpoint completed; one that Flink removed meanwhile (subsumed) sorts first, never chosen. */
    private static java.nio.file.attribute.FileTime modified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException gone) {
            return java.nio.file.attribute.FileTime.fromMillis(0);
        }
    }
}
