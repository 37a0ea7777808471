package io.cascaderadar.jobs.cli;

import static io.cascaderadar.jobs.testing.Console.stdoutOf;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascaderadar.jobs.testing.AlertsFile;
import io.cascaderadar.jobs.testing.Flink;
import io.cascaderadar.jobs.testing.KafkaTopics;
import io.cascaderadar.jobs.testing.RecordedLiquidations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The live path's commands as a user types them, with a settings file, against the real stack. */
class RadarCliKafkaTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = Flink.miniCluster();

    @TempDir
    Path dir;

    @Test
    void publishRunAndAlertsShowTheAlertsOfTheReplay() throws Exception {
        Path history = RecordedLiquidations.aaveV2AprilMay2021(dir);
        Files.writeString(history, "2021-05-19T12:00:00Z,aave-v2,DEFI,WETH,ETH,LONG,-1,1,,bad-price\n",
                java.nio.file.StandardOpenOption.APPEND);
        Path config = KafkaTopics.settingsFile(dir, "cli");

        String published = stdoutOf(() -> RadarCli.execute("publish", "--config", config.toString(),
                "--liquidations", history.toString()));
        assertThat(published).contains("records to liquidations-").contains("1 rows rejected, to dead-letter-")
                .doesNotContain("open-interest");

        assertThat(RadarCli.execute("run", "--config", config.toString(), "--to-latest", "--parallelism", "2")).isZero();

        List<String> lines = stdoutOf(() -> RadarCli.execute("alerts", "--config", config.toString())).lines().toList();
        List<String> json = stdoutOf(() -> RadarCli.execute("alerts", "--config", config.toString(), "--json")).lines().toList();
        List<AlertsFile.Alert> replayed = AlertsFile.read(AlertsFile.replay(history, dir.resolve("replay")));

        assertThat(lines).hasSameSizeAs(replayed);
        assertThat(json).hasSameSizeAs(replayed);
        for (int i = 0; i < replayed.size(); i++) {
            AlertsFile.Alert expected = replayed.get(i);
            assertThat(lines.get(i)).startsWith(expected.detectedAt().toString()).contains(expected.state())
                    .contains(expected.severity().name()).contains(expected.pattern());
            assertThat(AlertsFile.roundedTree(json.get(i)).get("alertId").asText()).isEqualTo(expected.alertId());
        }
    }
}
