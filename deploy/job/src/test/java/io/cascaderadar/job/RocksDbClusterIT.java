package io.cascaderadar.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascaderadar.connectors.json.AvroJson;
import io.cascaderadar.jobs.cluster.FlinkRestClient;
import io.cascaderadar.jobs.config.RadarSettings;
import io.cascaderadar.jobs.live.AlertReader;
import io.cascaderadar.jobs.live.HistoryPublisher;
import io.cascaderadar.jobs.live.TopicSetup;
import io.cascaderadar.jobs.testing.AlertsFile;
import io.cascaderadar.jobs.testing.KafkaTopics;
import io.cascaderadar.jobs.testing.LiveHistory;
import io.cascaderadar.jobs.testing.RecordedLiquidations;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster with RocksDB state ({@code radar cluster up --rocksdb}): the job keeps its keyed state, CEP's
 * included, in RocksDB and gives the alerts the heap gives. How much slower it is, is measured, not asserted
 * (README: Flink cluster).
 */
class RocksDbClusterIT {

    @TempDir
    static Path dir;

    @RegisterExtension
    static final LocalCluster CLUSTER = new LocalCluster("rocksdb");

    @Test
    void recordedHistoryOnRocksDbGivesTheAlertsOfTheReplay() throws Exception {
        // The first three weeks (two episodes): every step of event time costs on RocksDB, and this is not a benchmark.
        Path history = new LiveHistory(RecordedLiquidations.aaveV2AprilMay2021(dir), dir, Instant.parse("2021-06-01T00:00:00Z"))
                .part(Instant.parse("2021-04-20T00:00:00Z"), true);
        List<String> replayed = Files.readAllLines(AlertsFile.replay(history, dir.resolve("replay")), StandardCharsets.UTF_8);
        Path config = KafkaTopics.settingsFile(dir, "rocksdb");
        RadarSettings settings = RadarSettings.load(config, java.util.Map.of());
        TopicSetup.ensure(settings);
        try (HistoryPublisher publisher = new HistoryPublisher(settings)) {
            publisher.liquidations(List.of(history));
        }

        String job = RadarCommands.stdoutOf("submit", "--cluster", CLUSTER.get().restUrl(), "--config", config.toString(), "--to-latest",
                "--parallelism", "2");
        assertThat(new FlinkRestClient(CLUSTER.get().restUrl()).stateBackend(job)).isEqualTo("EmbeddedRocksDBStateBackend");
        long submitted = System.nanoTime();
        FlinkRestClient rest = new FlinkRestClient(CLUSTER.get().restUrl());
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(5).toNanos();
        while (!List.of("FINISHED", "FAILED").contains(rest.state(job)) && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertThat(rest.state(job)).isEqualTo("FINISHED");
        System.err.printf("RocksDbClusterIT: the job finished %.1f s after its submission%n", (System.nanoTime() - submitted) / 1e9);
        List<String> committed;
        try (AlertReader reader = new AlertReader(settings)) {
            committed = reader.readCommitted().stream().map(AvroJson::toJson).toList();
        }
        assertThat(replayed).as("alerts to compare").hasSizeGreaterThanOrEqualTo(2);
        assertThat(committed.stream().map(AlertsFile::roundedTree).toList())
                .isEqualTo(replayed.stream().map(AlertsFile::roundedTree).toList());
    }
}
