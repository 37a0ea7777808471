package io.cascaderadar.connectors.influxdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascaderadar.stack.testing.TestStack;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against an influxd with https (a private CA's certificate) and authentication on. */
class InfluxSecurityTest {

    @TempDir
    Path dir;

    @Test
    void httpsWithAPrivateCaAndBasicAuthWriteAndQueryAndWrongCredentialsAreRefusedClearly() throws Exception {
        TestStack.influxUrl(); // installs influxd where it is missing
        try (SecuredInfluxd influxd = SecuredInfluxd.start(dir)) {
            InfluxHttpClient admin = new InfluxHttpClient(influxd.config(SecuredInfluxd.USER, influxd.adminPassword()));
            InfluxSchema.ensure(admin);
            try (InfluxLineWriter writer = new InfluxLineWriter(admin, (line, reason) -> { throw new AssertionError(reason); })) {
                for (int i = 0; i < 10; i++) {
                    writer.add("m,k=v x=" + i + " " + (System.currentTimeMillis() - i * 1000L));
                }
                writer.flush();
            }
            assertThat(admin.aggregate("SELECT count(x) FROM raw.m")).isEqualTo(10);

            InfluxHttpClient wrong = new InfluxHttpClient(influxd.config(SecuredInfluxd.USER, "not-the-password"));
            assertThatThrownBy(() -> wrong.write(List.of("m x=1 1700000000000"))).isInstanceOf(InfluxException.class)
                    .satisfies(e -> assertThat(((InfluxException) e).kind()).isEqualTo(InfluxException.Kind.UNAUTHORIZED))
                    .hasMessageContaining("401").hasMessageNotContaining("not-the-password");
            InfluxHttpClient anonymous = new InfluxHttpClient(influxd.config(null, null));
            assertThatThrownBy(() -> anonymous.select("SHOW DATABASES")).isInstanceOf(InfluxException.class)
                    .hasMessageContaining("401");

            InfluxHttpClient untrusting = new InfluxHttpClient(InfluxConfig.fromMap(Map.of("url", influxd.url(),
                    "username", SecuredInfluxd.USER, "password", influxd.adminPassword(), "retry.max.time", "1s")));
            assertThatThrownBy(() -> untrusting.select("SHOW DATABASES")).isInstanceOf(InfluxException.class)
                    .hasMessageContaining("did not answer").hasMessageContaining("SSLHandshakeException");
        }
    }
}
