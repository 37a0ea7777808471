package io.cascaderadar.jobs.live;

import io.cascaderadar.avro.FeedHealth;
import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.OpenInterestUpdate;
import io.cascaderadar.connectors.kafka.RecordDecodingException;
import io.cascaderadar.connectors.kafka.RegistryAvroDeserializer;
import io.cascaderadar.connectors.registry.RegistryConfig;
import io.cascaderadar.connectors.registry.SchemaRegistryClient;
import io.cascaderadar.jobs.config.RadarSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Where the history in the input topics ends in event time: the latest event time among the last records of
 * every partition. A run to the latest offsets gives it to the detector as the end of its input, as a replay gives
 * the end of its files: after the last watermark, every scope is evaluated up to that time, whichever partition
 * happened to end last, so that the run gives the same signals as a replay of the same files, with or without a
 * failure on the way.
 */
final class HistoryEnd {
    /** Records read back from the end of each partition: past undecodable ones, and past slight disorder. */
    private static final int LOOK_BACK = 100;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private HistoryEnd() {}

    static Optional<Instant> of(RadarSettings settings) {
        Properties client = settings.kafkaClient();
        client.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        client.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        SchemaRegistryClient registry = new SchemaRegistryClient(RegistryConfig.fromMap(settings.registry()));
        RadarSettings.Topics topics = settings.topics();
        Map<String, Class<? extends SpecificRecord>> inputs = Map.of(topics.liquidations(), LiquidationEvent.class,
                topics.openInterest(), OpenInterestUpdate.class, topics.feedHealth(), FeedHealth.class);
        Instant end = null;
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(client, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            for (Map.Entry<String, Class<? extends SpecificRecord>> input : inputs.entrySet()) {
                RegistryAvroDeserializer<? extends SpecificRecord> decoder = new RegistryAvroDeserializer<>(input.getValue(), registry);
                List<TopicPartition> partitions = consumer.partitionsFor(input.getKey(), READ_TIMEOUT).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                Map<TopicPartition, Long> first = consumer.beginningOffsets(partitions, READ_TIMEOUT);
                Map<TopicPartition, Long> last = consumer.endOffsets(partitions, READ_TIMEOUT);
                for (TopicPartition partition : partitions) {
                    Instant latest = latestEventTime(consumer, decoder, partition, first.get(partition), last.get(partition));
                    if (latest != null && (end == null || latest.isAfter(end))) {
                        end = latest;
                    }
                }
            }
        }
        return Optional.ofNullable(end);
    }

    private static Instant latestEventTime(KafkaConsumer<byte[], byte[]> consumer,
            RegistryAvroDeserializer<? extends SpecificRecord> decoder, TopicPartition partition, long first, long end) {
        if (end <= first) {
            return null;
        }
        consumer.assign(List.of(partition));
        consumer.seek(partition, Math.max(first, end - LOOK_BACK));
        Instant latest = null;
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        while (consumer.position(partition) < end && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                try {
                    SpecificRecord value = decoder.deserialize(record.topic(), record.value());
                    Instant time = (Instant) value.get(value.getSchema().getField("eventTime").pos());
                    if (latest == null || time.isAfter(latest)) {
                        latest = time;
                    }
                } catch (RecordDecodingException undecodable) {
                    // Sent to the dead letters by the job; it has no event time to offer.
                }
            }
        }
        return latest;
    }
}
