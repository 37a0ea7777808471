package io.cascaderadar.jobs.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascaderadar.jobs.config.RadarSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job jar's program arguments: settings from a file and --set, never a secret on the command line. */
class ClusterJobTest {

    @TempDir
    Path dir;

    @Test
    void settingsComeFromTheFileThenTheOverrides() throws Exception {
        Path file = Files.writeString(dir.resolve("radar.properties"), "topic.alerts=desk-alerts\ncheckpoint.interval=5s\n");
        ClusterJob.Arguments args = ClusterJob.Arguments.parse("--config", file.toString(), "--set", "checkpoint.interval=2s",
                "--to-latest");
        RadarSettings settings = args.settings();

        assertThat(args.toLatest()).isTrue();
        assertThat(settings.topics().alerts()).isEqualTo("desk-alerts");
        assertThat(settings.checkpointInterval()).hasSeconds(2);
    }

    @Test
    void aSecretOnTheCommandLineAnUnknownSettingOrArgumentIsRefused() {
        assertThatThrownBy(() -> ClusterJob.Arguments.parse("--set", "influx.password=hunter2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RADAR_INFLUX_PASSWORD")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> ClusterJob.Arguments.parse("--set", "topic.alert=x").settings())
                .hasMessageContaining("unknown setting 'topic.alert'");
        assertThatThrownBy(() -> ClusterJob.Arguments.parse("--parallelism", "2")).hasMessageContaining("unknown argument '--parallelism'");
        assertThatThrownBy(() -> ClusterJob.Arguments.parse("--set", "novalue")).hasMessageContaining("KEY=VALUE");
        assertThatThrownBy(() -> ClusterJob.Arguments.parse("--config")).hasMessageContaining("--config needs a value");
    }
}
