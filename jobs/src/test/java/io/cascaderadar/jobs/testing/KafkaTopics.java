package io.cascaderadar.jobs.testing;

import io.cascaderadar.jobs.config.RadarSettings;
import io.cascaderadar.stack.LocalStack;
import io.cascaderadar.stack.testing.TestStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Settings for the shared test stack with topics, group and transactional ids of a test's own. */
public final class KafkaTopics {
    private KafkaTopics() {}

    /** The same as a settings file, for the commands: topics, group and transactional ids of its own. */
    public static Path settingsFile(Path dir, String name) throws Exception {
        LocalStack stack = TestStack.shared();
        String suffix = "-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
        return Files.writeString(dir.resolve("radar-" + name + ".properties"), String.join("\n",
                "kafka.bootstrap.servers=" + stack.bootstrapServers(),
                "schema.registry.url=" + stack.registryUrl(),
                "topic.liquidations=liquidations" + suffix,
                "topic.open.interest=open-interest" + suffix,
                "topic.feed.health=feed-health" + suffix,
                "topic.prices=mark-prices" + suffix,
                "topic.dead.letter=dead-letter" + suffix,
                "topic.alerts=deleveraging-alerts" + suffix,
                "group.id=radar" + suffix,
                "sink.transactional.id.prefix=alerts" + suffix,
                "checkpoint.dir=" + dir.resolve("checkpoints-" + name),
                "checkpoint.interval=200ms",
                ""));
    }

    public static RadarSettings fresh(String name, Path dir) throws Exception {
        LocalStack stack = TestStack.shared();
        String suffix = "-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
        return RadarSettings.load(null, Map.of())
                .with("kafka.bootstrap.servers", stack.bootstrapServers())
                .with("schema.registry.url", stack.registryUrl())
                .withNamesEndingIn(suffix)
                .with("checkpoint.dir", dir.resolve("checkpoints" + suffix).toString())
                .with("checkpoint.interval", "100ms");
    }

    /** Every record of a topic, uncommitted ones included, until {@code atLeast} have come or the time is up. */
    public static List<ConsumerRecord<byte[], byte[]>> read(RadarSettings settings, String topic, Duration within,
            int atLeast) {
        Properties client = settings.kafkaClient();
        client.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(client, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + within.toNanos();
            while (records.size() < atLeast && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** Every record that comes within the time: for topics that should stay empty. */
    public static List<ConsumerRecord<byte[], byte[]>> read(RadarSettings settings, String topic, Duration within) {
        return read(settings, topic, within, Integer.MAX_VALUE);
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
