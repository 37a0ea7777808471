package io.cascaderadar.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RadarSettingsTest {

    @TempDir
    Path dir;

    @Test
    void theEnvironmentWinsOverTheFileWhichWinsOverTheDefaults() throws Exception {
        Path file = Files.writeString(dir.resolve("radar.properties"), String.join("\n",
                "kafka.bootstrap.servers=broker-1:9093",
                "kafka.security.protocol=SASL_SSL",
                "topic.alerts=desk-alerts",
                "schema.registry.url=https://registry:8081"));
        RadarSettings settings = RadarSettings.load(file, Map.of(
                "RADAR_KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"desk\" password=\"hunter2\";",
                "RADAR_TOPIC_ALERTS", "alerts-from-env",
                "RADAR_BASIC_AUTH_USER_INFO", "desk:s3cret",
                "RADAR_RECORDED_DATA", "/not/a/setting"));

        assertThat(settings.kafkaClient())
                .containsEntry("bootstrap.servers", "broker-1:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsKey("sasl.jaas.config")
                .doesNotContainKey("recorded.data");
        assertThat(settings.topics().alerts()).isEqualTo("alerts-from-env");
        assertThat(settings.topics().liquidations()).isEqualTo("liquidations");
        assertThat(settings.registry()).containsEntry("schema.registry.url", "https://registry:8081")
                .containsEntry("basic.auth.user.info", "desk:s3cret");
    }

    @Test
    void describeNeverShowsASecret() throws Exception {
        RadarSettings settings = RadarSettings.load(null, Map.of(
                "RADAR_KAFKA_SASL_JAAS_CONFIG", "PlainLoginModule required password=\"hunter2\";",
                "RADAR_KAFKA_SSL_TRUSTSTORE_PASSWORD", "changeit-42",
                "RADAR_BEARER_AUTH_TOKEN", "tok-777",
                "RADAR_INFLUX_URL", "http://influx.example:8086",
                "RADAR_INFLUX_USERNAME", "desk",
                "RADAR_INFLUX_PASSWORD", "influx-pw-9"));
        assertThat(settings.describe()).doesNotContain("hunter2").doesNotContain("changeit-42").doesNotContain("tok-777")
                .doesNotContain("influx-pw-9").contains("kafka.sasl.jaas.config = ****").contains("influx.password = ****");
        assertThat(settings.influx()).get().satisfies(influx -> {
            assertThat(influx.username()).isEqualTo("desk");
            assertThat(influx.password()).isEqualTo("influx-pw-9");
        });
    }

    @Test
    void theDefaultsFollowTheLocalStacksPorts() throws Exception {
        RadarSettings settings = RadarSettings.load(null, Map.of("RADAR_KAFKA_PORT", "19092", "RADAR_REGISTRY_PORT", "18081"));
        assertThat(settings.kafkaClient()).containsEntry("bootstrap.servers", "127.0.0.1:19092").doesNotContainKey("port");
        assertThat(settings.registry()).containsEntry("schema.registry.url", "http://127.0.0.1:18081/apis/ccompat/v7");
    }

    @Test
    void aMistypedKeyInTheFileIsAClearError() throws Exception {
        Path file = Files.writeString(dir.resolve("radar.properties"), "topic.alert=typo\n");
        assertThatThrownBy(() -> RadarSettings.load(file, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown setting 'topic.alert'");
    }

    @Test
    void alertsAreDeliveredExactlyOnceUnlessAtLeastOnceIsChosenAndAnythingElseIsRefused() throws Exception {
        assertThat(RadarSettings.load(null, Map.of()).alertDelivery()).isEqualTo(DeliveryGuarantee.EXACTLY_ONCE);
        assertThat(RadarSettings.load(null, Map.of("RADAR_SINK_ALERTS_DELIVERY", "at-least-once")).alertDelivery())
                .isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
        assertThatThrownBy(() -> RadarSettings.load(null, Map.of("RADAR_SINK_ALERTS_DELIVERY", "none")).alertDelivery())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sink.alerts.delivery is 'none': exactly-once or at-least-once");
    }

    @Test
    void theDeduplicationHorizonIsAnHourUnlessSet() throws Exception {
        assertThat(RadarSettings.load(null, Map.of()).dedupHorizon()).isEqualTo(Duration.ofHours(1));
        assertThat(RadarSettings.load(null, Map.of("RADAR_EVENT_DEDUP_HORIZON", "10m")).dedupHorizon())
                .isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void namesEndingInASuffixMakeADetectorOfItsOwnOnTheSameCluster() throws Exception {
        RadarSettings settings = RadarSettings.load(null, Map.of("RADAR_TOPIC_ALERTS", "desk-alerts"))
                .withNamesEndingIn("-b1");

        assertThat(settings.topics()).isEqualTo(new RadarSettings.Topics("liquidations-b1", "open-interest-b1",
                "feed-health-b1", "mark-prices-b1", "dead-letter-b1", "desk-alerts-b1"));
        assertThat(settings.groupId()).isEqualTo("cascade-radar-b1");
        assertThat(settings.transactionalIdPrefix()).isEqualTo("cascade-radar-alerts-b1");
        assertThat(settings.kafkaClient()).isEqualTo(RadarSettings.load(null, Map.of()).kafkaClient());
    }
}
