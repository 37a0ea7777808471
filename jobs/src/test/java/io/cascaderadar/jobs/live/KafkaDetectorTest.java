package io.cascaderadar.jobs.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.OpenInterestUpdate;
import io.cascaderadar.connectors.csv.CsvFileReader;
import io.cascaderadar.connectors.csv.LiquidationCsv;
import io.cascaderadar.connectors.influxdb.InfluxHttpClient;
import io.cascaderadar.connectors.influxdb.InfluxSchema;
import io.cascaderadar.connectors.influxdb.SignalPoints;
import io.cascaderadar.connectors.json.AvroJson;
import io.cascaderadar.connectors.validation.InputRules;
import io.cascaderadar.connectors.validation.RejectReason;
import io.cascaderadar.jobs.config.RadarSettings;
import io.cascaderadar.jobs.replay.ReplayOutputs;
import io.cascaderadar.jobs.sinks.DeadLetterRecords;
import io.cascaderadar.jobs.sinks.InfluxOutputs;
import io.cascaderadar.jobs.sources.KafkaInput;
import io.cascaderadar.jobs.testing.AlertsFile;
import io.cascaderadar.jobs.testing.Flink;
import io.cascaderadar.jobs.testing.KafkaTopics;
import io.cascaderadar.jobs.testing.RecordedLiquidations;
import io.cascaderadar.jobs.testing.RecordedPrices;
import io.cascaderadar.jobs.testing.SchemaV2Producer;
import io.cascaderadar.jobs.testing.StoredPoints;
import io.cascaderadar.stack.testing.TestStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The detector on the real local stack (a Kafka broker and Apicurio Registry as child processes, started by the
 * same launcher as {@code radar stack up}): recorded Aave v2 history published to the input topics must give,
 * read back {@code read_committed} from the alerts topic, exactly the alerts {@code radar replay} gives, also
 * when a task fails in the middle, when half the records are written with a newer schema and when the input
 * topics carry records that cannot be decoded.
 */
class KafkaDetectorTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = Flink.miniCluster();

    @TempDir
    static Path dir;

    private static Path history;
    private static Path prices;
    private static List<String> replayed;

    @BeforeAll
    static void replayTheHistory() throws Exception {
        history = RecordedLiquidations.aaveV2AprilMay2021(dir);
        prices = RecordedPrices.binanceBtcusdtMinutes(dir);
        replayed = Files.readAllLines(AlertsFile.replay(history, List.of(prices), dir.resolve("replay")), StandardCharsets.UTF_8);
        assertThat(replayed).as("the replay raises alerts, so that equality below means something").hasSizeGreaterThan(3);
    }

    @Test
    void historyPublishedToKafkaGivesTheAlertsOfTheReplay() throws Exception {
        RadarSettings settings = KafkaTopics.fresh("history", dir);
        publish(settings);

        runToLatest(settings, null);

        assertThat(comparable(committedAlerts(settings))).isEqualTo(comparable(replayed));
        assertThat(KafkaTopics.read(settings, settings.topics().deadLetter(), Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void aTaskFailingInTheMiddleNeitherDuplicatesNorLosesAnAlertOrAPoint() throws Exception {
        RadarSettings settings = withInflux(KafkaTopics.fresh("failure", dir).with("kafka.max.poll.records", "10"));
        publish(settings);
        FailOnce.FAILED.set(false);
        FailOnce.CHECKPOINTS.set(0);

        runToLatest(settings, new FailOnce(900, 2));

        assertThat(FailOnce.FAILED).as("a task failed and the job was restored from its checkpoint").isTrue();
        assertThat(transactionalIds(settings)).as("the alerts sink's transactional ids are pooled, not one per"
                + " checkpoint (%d checkpoints)", FailOnce.CHECKPOINTS.get()).hasSizeBetween(1, 3);
        assertThat(FailOnce.CHECKPOINTS).as("enough checkpoints for one id each to show").hasValueGreaterThan(6);
        assertThat(KafkaTopics.read(settings, settings.topics().deadLetter(), Duration.ofSeconds(2)))
                .as("nothing late, nothing rejected: every partition was read in order").isEmpty();
        List<String> committed = committedAlerts(settings);
        assertThat(committed).doesNotHaveDuplicates();
        assertThat(comparable(committed)).isEqualTo(comparable(replayed));
        // InfluxDB got, at least once, exactly the series of the uninterrupted replay.
        InfluxHttpClient influx = new InfluxHttpClient(settings.influx().orElseThrow());
        Map<String, Map<String, Map<String, Object>>> replayedPoints =
                StoredPoints.fromFile(dir.resolve("replay").resolve(ReplayOutputs.SIGNALS));
        assertThat(replayedPoints).containsKeys(SignalPoints.CASCADE_INTENSITY, SignalPoints.CASCADE_STATE, SignalPoints.PRICE);
        for (Map.Entry<String, Map<String, Map<String, Object>>> measurement : replayedPoints.entrySet()) {
            assertThat(StoredPoints.differences(measurement.getValue(),
                    StoredPoints.fromInflux(influx, InfluxSchema.HISTORY, measurement.getKey()))).as(measurement.getKey()).isEmpty();
        }
    }

    @Test
    void newerSchemasAreReadAndUndecodableRecordsGoToTheDeadLetterTopic() throws Exception {
        RadarSettings settings = KafkaTopics.fresh("evolution", dir);
        TopicSetup.ensure(settings);
        String topic = settings.topics().liquidations();
        List<LiquidationEvent> events = new ArrayList<>();
        CsvFileReader.read(history, new LiquidationCsv(InputRules.defaults(), Instant.now()), events::add, rejected -> { });
        events.sort(Comparator.comparing(LiquidationEvent::getEventTime));

        try (SchemaV2Producer producer = new SchemaV2Producer(settings)) {
            producer.requireBackwardCompatibility(topic);
            assertThatThrownBy(() -> producer.registerIncompatible(topic))
                    .hasMessageContaining(topic + "-value").hasMessageContaining("incompatible");

            byte[] valid = producer.v1(topic, events.get(0));
            OpenInterestUpdate notALiquidation = OpenInterestUpdate.newBuilder().setVenue("binance").setInstrument("BTCUSDT")
                    .setBaseAsset("BTC").setOpenInterestBase(1.0).setOpenInterestUsd(1.0e5)
                    .setSidedness(io.cascaderadar.avro.Sidedness.ONE_SIDED).setEventTime(events.get(0).getEventTime()).build();
            Map<RejectReason, byte[]> poison = Map.of(
                    RejectReason.NOT_WIRE_FORMAT, withFirstByte(valid, 1),
                    RejectReason.UNKNOWN_SCHEMA_ID, withSchemaId(valid, 987_654_321),
                    RejectReason.CORRUPT_AVRO, Arrays.copyOf(valid, valid.length / 2),
                    RejectReason.INCOMPATIBLE_SCHEMA, producer.v1(settings.topics().openInterest(), notALiquidation));
            List<RejectReason> poisonOrder = List.copyOf(poison.keySet());
            int every = events.size() / (poison.size() + 1);
            for (int i = 0; i < events.size(); i++) {
                LiquidationEvent e = events.get(i);
                byte[] value = i % 2 == 0 ? producer.v1(topic, e) : producer.v2(topic, e);
                producer.send(topic, e.getBaseAsset(), value);
                if (i % every == every - 1 && i / every < poisonOrder.size()) {
                    producer.send(topic, e.getBaseAsset(), poison.get(poisonOrder.get(i / every)));
                }
            }
            producer.flush();

            runToLatest(settings, null);

            assertThat(comparable(committedAlerts(settings))).isEqualTo(comparable(replayed));
            List<ConsumerRecord<byte[], byte[]>> deadLetters =
                    KafkaTopics.read(settings, settings.topics().deadLetter(), Duration.ofSeconds(10), poison.size());
            assertThat(deadLetters).hasSize(poison.size()).allSatisfy(letter -> {
                RejectReason reason = RejectReason.valueOf(KafkaTopics.header(letter, DeadLetterRecords.REASON));
                assertThat(letter.value()).as("the undecodable bytes, kept as read").isEqualTo(poison.get(reason));
                assertThat(KafkaTopics.header(letter, DeadLetterRecords.SOURCE)).startsWith(topic + "[");
                assertThat(KafkaTopics.header(letter, DeadLetterRecords.DETAIL)).isNotBlank();
            });
            assertThat(deadLetters).extracting(l -> RejectReason.valueOf(KafkaTopics.header(l, DeadLetterRecords.REASON)))
                    .containsExactlyInAnyOrderElementsOf(poison.keySet());
        }
    }

    /** InfluxDB in a database of the test's own, created as {@code radar run} does. */
    private static RadarSettings withInflux(RadarSettings settings) throws Exception {
        RadarSettings withInflux = settings.with("influx.url", TestStack.influxUrl())
                .with("influx.database", settings.groupId().replace('-', '_'));
        InfluxOutputs.prepare(withInflux.influx().orElseThrow());
        return withInflux;
    }

    private static void publish(RadarSettings settings) throws Exception {
        TopicSetup.ensure(settings);
        try (HistoryPublisher publisher = new HistoryPublisher(settings)) {
            publisher.liquidations(List.of(history));
            publisher.prices(List.of(prices));
            assertThat(publisher.finish().published()).containsKeys(settings.topics().liquidations(), settings.topics().prices());
        }
    }

    /**
     * The job on the test's mini cluster, in the environment {@code radar run} makes (exactly-once checkpoints in
     * the checkpoint directory), reading history to the latest offsets; with a failure injected, restarted from
     * its latest checkpoint.
     */
    private static void runToLatest(RadarSettings settings, FailOnce failure) throws Exception {
        TopicSetup.ensure(settings);
        StreamExecutionEnvironment env = LiveDetector.environment(settings, 2, false);
        KafkaInput.Range range = KafkaInput.Range.TO_LATEST;
        if (failure == null) {
            LiveDetector.defineWorkflow(env, settings, range, LiveDetector.config(range, settings));
        } else {
            Configuration restart = new Configuration();
            restart.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            restart.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 1);
            restart.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
            env.configure(restart);
            LiveDetector.defineWorkflow(env, settings, range, LiveDetector.config(range, settings),
                    input -> (e, watermarks) -> {
                        var stream = input.create(e, watermarks);
                        return stream.map(failure).returns(stream.getType()).setParallelism(stream.getParallelism())
                                .uid("fail-once").name("fail once");
                    });
        }
        env.execute("kafka detector test");
    }

    /** The transactional ids the broker knows with the settings' prefix, open or committed. */
    private static List<String> transactionalIds(RadarSettings settings) throws Exception {
        try (Admin admin = Admin.create(settings.kafkaClient())) {
            return admin.listTransactions().all().get().stream().map(TransactionListing::transactionalId)
                    .filter(id -> id.startsWith(settings.transactionalIdPrefix())).toList();
        }
    }

    private static List<String> committedAlerts(RadarSettings settings) {
        try (AlertReader reader = new AlertReader(settings)) {
            return reader.readCommitted().stream().map(AvroJson::toJson).toList();
        }
    }

    /**
     * Alerts as JSON trees with every fraction rounded to nine significant digits: partitions interleave in any
     * order, so sums of the same liquidations may differ in the last bits from the replay's.
     */
    private static List<?> comparable(List<String> alerts) {
        return alerts.stream().map(AlertsFile::roundedTree).toList();
    }

    private static byte[] withFirstByte(byte[] record, int first) {
        byte[] copy = record.clone();
        copy[0] = (byte) first;
        return copy;
    }

    private static byte[] withSchemaId(byte[] record, int id) {
        byte[] copy = record.clone();
        java.nio.ByteBuffer.wrap(copy, 1, 4).putInt(id);
        return copy;
    }

    /**
     * Fails its task once, at the first liquidation after {@code records} of them once {@code checkpoints}
     * checkpoints have completed, so that alerts before the failure are committed and those after are not yet.
     * It paces the input (8 ms a record; the test's source polls 10 records at a time) so that the job lives
     * through several checkpoints.
     */
    static final class FailOnce extends RichMapFunction<LiquidationEvent, LiquidationEvent> implements CheckpointListener {
        static final AtomicBoolean FAILED = new AtomicBoolean();
        /** Checkpoints completed, before the failure and after it, as the first subtask saw them. */
        static final AtomicInteger CHECKPOINTS = new AtomicInteger();
        private final int records;
        private final int checkpoints;
        private transient int seen;
        private transient int completed;

        FailOnce(int records, int checkpoints) {
            this.records = records;
            this.checkpoints = checkpoints;
        }

        @Override
        public LiquidationEvent map(LiquidationEvent e) throws InterruptedException {
            Thread.sleep(8);
            if (++seen >= records && completed >= checkpoints && !FAILED.getAndSet(true)) {
                throw new IllegalStateException("injected failure at " + e.getEventTime());
            }
            return e;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            completed++;
            if (getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
                CHECKPOINTS.incrementAndGet();
            }
        }
    }
}
