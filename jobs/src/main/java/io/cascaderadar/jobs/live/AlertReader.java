package io.cascaderadar.jobs.live;

import io.cascaderadar.avro.DeleveragingAlert;
import io.cascaderadar.connectors.kafka.RegistryAvroDeserializer;
import io.cascaderadar.connectors.registry.RegistryConfig;
import io.cascaderadar.connectors.registry.SchemaRegistryClient;
import io.cascaderadar.jobs.config.RadarSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the alerts topic from the beginning as a trading system should: {@code read_committed}, so that only
 * alerts of committed Flink checkpoints are seen, each once, decoded through the registry. Either up to the
 * last committed alert at start, or following it.
 */
public final class AlertReader implements AutoCloseable {
    private final String topic;
    private final RegistryAvroDeserializer<DeleveragingAlert> deserializer;
    private final KafkaConsumer<byte[], byte[]> consumer;

    public AlertReader(RadarSettings settings) {
        this.topic = settings.topics().alerts();
        SchemaRegistryClient registry = new SchemaRegistryClient(RegistryConfig.fromMap(settings.registry()));
        this.deserializer = new RegistryAvroDeserializer<>(DeleveragingAlert.class, registry);
        Properties client = settings.kafkaClient();
        client.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        client.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        this.consumer = new KafkaConsumer<>(client, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * @param follow false to stop at the end of what is committed now
     * @param stop polled between batches when following; true ends the reading
     * @param undecodable told of records that are not alerts (with the reason); reading goes on
     */
    public void read(boolean follow, BooleanSupplier stop, Consumer<DeleveragingAlert> alerts,
            Consumer<String> undecodable) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        if (partitions.isEmpty()) {
            throw new IllegalArgumentException("topic " + topic + " does not exist yet: ./radar run creates it");
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        // Under read_committed, the end offsets are the last stable offsets: nothing after an open transaction.
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        while (follow ? !stop.getAsBoolean() : !reached(end)) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                try {
                    alerts.accept(deserializer.deserialize(record.topic(), record.value()));
                } catch (SerializationException e) {
                    undecodable.accept(record.topic() + "[" + record.partition() + "]@" + record.offset() + ": " + e.getMessage());
                }
            }
        }
    }

    /** Every alert committed now, in partition order. */
    public List<DeleveragingAlert> readCommitted() {
        List<DeleveragingAlert> all = new java.util.ArrayList<>();
        read(false, () -> true, all::add, problem -> {
            throw new IllegalStateException("undecodable alert " + problem);
        });
        return all;
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    @Override
    public void close() {
        consumer.close();
    }
}
