package io.cascaderadar.connectors.influxdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InfluxConfigTest {

    @Test
    void settingsAreReadWithDefaultsAndSecretsAreNeverShown() {
        InfluxConfig config = InfluxConfig.fromMap(Map.of("url", "https://influx.example:8086/", "username", "desk",
                "password", "s3cret-pw", "flush.interval", "250ms", "retry.max.time", "PT2M", "batch.lines", "1000"));
        assertThat(config.url()).hasToString("https://influx.example:8086");
        assertThat(config.database()).isEqualTo(InfluxConfig.DEFAULT_DATABASE);
        assertThat(config.flushInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.retryMaxTime()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.batchLines()).isEqualTo(1000);
        assertThat(config.gzip()).isFalse();
        assertThat(config.setup()).isTrue();
        assertThat(config.toString()).contains("basic desk:****").doesNotContain("s3cret-pw");
        assertThat(InfluxConfig.fromMap(Map.of("url", "http://h:8086", "token", "tok-123")).toString())
                .contains("token ****").doesNotContain("tok-123");
    }

    @Test
    void contradictoryOrIncompleteSettingsAreRefusedClearly() {
        assertThatThrownBy(() -> InfluxConfig.fromMap(Map.of("database", "radar")))
                .hasMessageContaining("'influx.url' is not set");
        assertThatThrownBy(() -> InfluxConfig.fromMap(Map.of("url", "ftp://h")))
                .hasMessageContaining("http or https");
        assertThatThrownBy(() -> InfluxConfig.fromMap(Map.of("url", "http://h", "token", "t", "username", "u", "password", "p")))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> InfluxConfig.fromMap(Map.of("url", "http://h", "username", "u")))
                .hasMessageContaining("needs a password");
        assertThatThrownBy(() -> InfluxConfig.fromMap(Map.of("url", "http://h", "flush.interval", "soon")))
                .hasMessageContaining("influx.flush.interval: not a duration: soon");
    }
}
