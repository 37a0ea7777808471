package io.cascaderadar.jobs.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.connectors.csv.CsvFileReader;
import io.cascaderadar.connectors.csv.LiquidationCsv;
import io.cascaderadar.connectors.kafka.RegistryAvroDeserializer;
import io.cascaderadar.connectors.registry.RegistryConfig;
import io.cascaderadar.connectors.registry.SchemaRegistryClient;
import io.cascaderadar.connectors.validation.InputRules;
import io.cascaderadar.jobs.config.RadarSettings;
import io.cascaderadar.jobs.testing.KafkaTopics;
import io.cascaderadar.jobs.testing.RecordedLiquidations;
import io.cascaderadar.stack.LocalStack;
import io.cascaderadar.stack.testing.TestStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kafka security settings from the environment, against the stack broker's real SASL/PLAIN listener. */
class KafkaSecurityTest {

    @TempDir
    Path dir;

    @Test
    void saslSettingsFromTheEnvironmentPublishAndReadAndAreNeverShown() throws Exception {
        LocalStack stack = TestStack.shared();
        String jaas = stack.saslJaasConfig();
        RadarSettings settings = overSasl(KafkaTopics.fresh("sasl", dir), stack, jaas);
        Path history = RecordedLiquidations.aaveV2AprilMay2021(dir);

        TopicSetup.ensure(settings);
        long published;
        try (HistoryPublisher publisher = new HistoryPublisher(settings)) {
            publisher.liquidations(List.of(history));
            published = publisher.finish().published().get(settings.topics().liquidations());
        }

        assertThat(published).isEqualTo(Files.lines(history).count() - 1);
        // Every row arrives; a send that timed out may have been repeated, which the detector's dedup absorbs.
        String topic = settings.topics().liquidations();
        List<ConsumerRecord<byte[], byte[]>> read = KafkaTopics.read(settings, topic, Duration.ofSeconds(30), (int) published);
        assertThat(read).hasSizeGreaterThanOrEqualTo((int) published);
        RegistryAvroDeserializer<LiquidationEvent> decoder = new RegistryAvroDeserializer<>(LiquidationEvent.class,
                new SchemaRegistryClient(RegistryConfig.fromMap(settings.registry())));
        Set<String> rows = new HashSet<>();
        CsvFileReader.read(history, new LiquidationCsv(InputRules.defaults(), Instant.now()), e -> rows.add(e.getEventId()), rejected -> { });
        assertThat(read.stream().map(r -> decoder.deserialize(topic, r.value()).getEventId()).collect(Collectors.toSet()))
                .isEqualTo(rows);
        String password = jaas.replaceAll(".*password=\"([^\"]+)\".*", "$1");
        assertThat(settings.describe()).doesNotContain(password).contains("kafka.sasl.jaas.config = ****");
    }

    @Test
    void aWrongPasswordIsRefusedClearly() throws Exception {
        LocalStack stack = TestStack.shared();
        RadarSettings settings = overSasl(KafkaTopics.fresh("sasl-refused", dir), stack,
                stack.saslJaasConfig().replaceAll("password=\"[^\"]+\"", "password=\"wrong\""));
        assertThatThrownBy(() -> TopicSetup.ensure(settings)).hasRootCauseInstanceOf(SaslAuthenticationException.class)
                .rootCause().hasMessageContaining("Authentication failed");
    }

    /** The settings a deployment gives in RADAR_* variables, the test's topics kept. */
    private static RadarSettings overSasl(RadarSettings settings, LocalStack stack, String jaas) throws Exception {
        RadarSettings environment = RadarSettings.load(null, Map.of(
                "RADAR_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "RADAR_KAFKA_SASL_MECHANISM", "PLAIN",
                "RADAR_KAFKA_SASL_JAAS_CONFIG", jaas));
        return settings.with("kafka.bootstrap.servers", stack.saslBootstrapServers())
                .with("kafka.security.protocol", environment.kafkaClient().getProperty("security.protocol"))
                .with("kafka.sasl.mechanism", environment.kafkaClient().getProperty("sasl.mechanism"))
                .with("kafka.sasl.jaas.config", environment.kafkaClient().getProperty("sasl.jaas.config"));
    }
}
