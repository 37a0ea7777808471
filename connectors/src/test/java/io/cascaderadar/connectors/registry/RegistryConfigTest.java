package io.cascaderadar.connectors.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryConfigTest {

    @Test
    void readsTheConfluentPropertyNamesAndNeverShowsASecret() {
        RegistryConfig config = RegistryConfig.fromMap(Map.of(
                RegistryConfig.URL, "https://registry.example:8081/apis/ccompat/v7/",
                RegistryConfig.BASIC_AUTH_SOURCE, "USER_INFO",
                RegistryConfig.BASIC_AUTH_USER_INFO, "desk:s3cret-pass",
                RegistryConfig.AUTO_REGISTER, "false"));
        assertThat(config.url()).hasToString("https://registry.example:8081/apis/ccompat/v7");
        assertThat(config.basicAuthUserInfo()).isEqualTo("desk:s3cret-pass");
        assertThat(config.autoRegister()).isFalse();
        assertThat(config.toString()).doesNotContain("s3cret").doesNotContain("desk").contains("basic ****");

        RegistryConfig bearer = RegistryConfig.fromMap(Map.of(RegistryConfig.URL, "http://r:8081", RegistryConfig.BEARER_TOKEN, "tok-123"));
        assertThat(bearer.toString()).doesNotContain("tok-123");
        assertThat(bearer.autoRegister()).isTrue();
    }

    @Test
    void refusesWhatCannotWork() {
        assertThatThrownBy(() -> RegistryConfig.fromMap(Map.of())).hasMessageContaining(RegistryConfig.URL);
        assertThatThrownBy(() -> RegistryConfig.of("ftp://x")).hasMessageContaining("http");
        assertThatThrownBy(() -> RegistryConfig.fromMap(Map.of(RegistryConfig.URL, "http://r", RegistryConfig.BASIC_AUTH_USER_INFO, "a:b",
                RegistryConfig.BEARER_TOKEN, "t"))).hasMessageContaining("not both");
    }
}
