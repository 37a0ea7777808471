package io.cascaderadar.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascaderadar.connectors.json.AvroJson;
import io.cascaderadar.jobs.cluster.FlinkRestClient;
import io.cascaderadar.jobs.config.RadarSettings;
import io.cascaderadar.jobs.live.AlertReader;
import io.cascaderadar.jobs.live.ClusterJob;
import io.cascaderadar.jobs.live.HistoryPublisher;
import io.cascaderadar.jobs.live.TopicSetup;
import io.cascaderadar.jobs.sim.Scenarios;
import io.cascaderadar.jobs.sim.SimulationFiles;
import io.cascaderadar.jobs.sim.Simulator;
import io.cascaderadar.jobs.testing.AlertsFile;
import io.cascaderadar.jobs.testing.KafkaTopics;
import io.cascaderadar.stack.FlinkCluster;
import io.cascaderadar.stack.StackConfig;
import io.cascaderadar.stack.testing.TestStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job jar on a real Flink session cluster (a JobManager and two TaskManagers, processes of their own, started
 * as {@code radar cluster up} starts them) against the test stack's Kafka and registry: a TaskManager killed with
 * SIGKILL in the middle of a history is replaced, the job recovers from its latest checkpoint, and the alerts
 * committed are those of an undisturbed run, none twice, none missing.
 */
class ClusterFailoverIT {
    private static final Path JOB_JAR = StackConfig.homeFromSystemProperty().resolve("deploy/job/target/cascade-radar-job.jar");

    @TempDir
    static Path dir;

    private static FlinkCluster cluster;

    @BeforeAll
    static void startTheCluster() throws Exception {
        StackConfig stack = TestStack.shared().config();
        cluster = new FlinkCluster(StackConfig.isolated(stack.home(), dir.resolve("cluster")), "hashmap");
        cluster.up(2);
    }

    @AfterAll
    static void stopTheCluster() throws Exception {
        if (cluster != null) {
            cluster.down();
        }
    }

    @Test
    void aTaskManagerKilledInTheMiddleIsReplacedAndTheJobRecoversWithTheAlertsOfAnUndisturbedRun() throws Exception {
        // The simulated 2025-10-10 cascade: long enough (220,000 liquidations) for checkpoints before the kill.
        Path history = SimulationFiles.write(Simulator.run(Scenarios.named("2025-10-10"), 7), dir.resolve("sim")).liquidations();
        List<String> undisturbed = Files.readAllLines(AlertsFile.replay(history, dir.resolve("replay")), StandardCharsets.UTF_8);
        assertThat(undisturbed).as("the history raises alerts, so that equality means something").hasSizeGreaterThan(3);

        Path config = KafkaTopics.settingsFile(dir, "failover");
        Files.writeString(config, Files.readString(config).replace("checkpoint.interval=200ms", "checkpoint.interval=1s"));
        RadarSettings settings = RadarSettings.load(config, java.util.Map.of());
        TopicSetup.ensure(settings);
        try (HistoryPublisher publisher = new HistoryPublisher(settings)) {
            publisher.liquidations(List.of(history));
        }

        FlinkRestClient rest = new FlinkRestClient(cluster.restUrl());
        String job = rest.run(rest.uploadJar(JOB_JAR), ClusterJob.class.getName(),
                List.of("--config", config.toString(), "--to-latest"), 2, null);
        await("two checkpoints", Duration.ofMinutes(2), () -> rest.checkpoints(job).completed() >= 2);
        assertThat(rest.state(job)).as("the kill comes in the middle").isEqualTo("RUNNING");

        cluster.kill(1);
        cluster.start(3);
        await("the job to finish", Duration.ofMinutes(5), () -> List.of("FINISHED", "FAILED", "CANCELED").contains(rest.state(job)));

        assertThat(rest.state(job)).isEqualTo("FINISHED");
        assertThat(rest.checkpoints(job).restored()).as("restored from a checkpoint").isGreaterThanOrEqualTo(1);
        assertThat(rest.taskManagers()).contains("radar-tm-3");
        List<String> committed;
        try (AlertReader reader = new AlertReader(settings)) {
            committed = reader.readCommitted().stream().map(AvroJson::toJson).toList();
        }
        assertThat(committed).doesNotHaveDuplicates();
        assertThat(committed.stream().map(AlertsFile::roundedTree).toList())
                .isEqualTo(undisturbed.stream().map(AlertsFile::roundedTree).toList());
    }

    private static void await(String what, Duration within, Callable<Boolean> done) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (!done.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + within.toSeconds() + " s for " + what);
            }
            Thread.sleep(250);
        }
    }
}
