package io.cascaderadar.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascaderadar.avro.DeleveragingAlert;
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
import io.cascaderadar.jobs.testing.LiveHistory;
import io.cascaderadar.jobs.testing.RecordedLiquidations;
import io.cascaderadar.stack.StackConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job jar on a real Flink session cluster (a JobManager and two TaskManagers of one slot each, processes of their
 * own, started as {@code radar cluster up} starts them), submitted over the REST API as {@code radar submit} does,
 * with parallelism 2, against the test stack's Kafka and registry: a TaskManager killed with SIGKILL in the middle of
 * a history (simulated and read to its end; recorded and read live) is replaced and the job recovers from its
 * checkpoint; a job stopped with a savepoint and started again from it continues its alerts. Either way the alerts
 * committed are those of an undisturbed run, none twice, none missing.
 */
class ClusterIT {
    private static final Instant SPLIT = Instant.parse("2021-05-10T00:00:00Z");
    private static final Instant AFTER = Instant.parse("2021-06-01T00:00:00Z");
    /** How long one consumer would take to read all of the failover history while the Kafka quota holds. */
    private static final Duration THROTTLED_READING = Duration.ofMinutes(2);
    private static final Path JOB_JAR = StackConfig.homeFromSystemProperty().resolve("deploy/job/target/cascade-radar-job.jar");

    @TempDir
    static Path dir;

    @RegisterExtension
    static final LocalCluster CLUSTER = new LocalCluster("hashmap");

    @Test
    void aTaskManagerKilledInTheMiddleOfAHistoryIsReplacedAndTheJobRecoversWithTheAlertsOfAnUndisturbedRun() throws Exception {
        // The simulated 2025-10-10 cascade: 220,000 liquidations, and alerts to compare.
        Path history = SimulationFiles.write(Simulator.run(Scenarios.named("2025-10-10"), 7), dir.resolve("sim")).liquidations();
        List<String> undisturbed = Files.readAllLines(AlertsFile.replay(history, dir.resolve("replay")), StandardCharsets.UTF_8);
        assertThat(undisturbed).as("the history raises alerts, so that equality means something").hasSizeGreaterThan(3);

        Path config = settingsFile("failover");
        RadarSettings settings = RadarSettings.load(config, java.util.Map.of());
        TopicSetup.ensure(settings);
        try (HistoryPublisher publisher = new HistoryPublisher(settings)) {
            publisher.liquidations(List.of(history));
        }

        FlinkRestClient rest = new FlinkRestClient(CLUSTER.get().restUrl());
        String job;
        List<Integer> running;
        long submitted;
        // Throttled, the job cannot have read the history by its second checkpoint however fast the machine; once the
        // TaskManager is killed, the quota goes and the job recovers at full speed.
        try (ConsumerThrottle throttle = ConsumerThrottle.toRead(settings, settings.topics().liquidations(), THROTTLED_READING)) {
            job = rest.run(rest.uploadJar(JOB_JAR), ClusterJob.class.getName(),
                    List.of("--config", config.toString(), "--to-latest"), 2, null, false);
            submitted = System.nanoTime();
            await("two checkpoints", Duration.ofMinutes(2), () -> rest.checkpoints(job).completed() >= 2);
            assertThat(rest.state(job)).as("the kill comes in the middle").isEqualTo("RUNNING");

            running = CLUSTER.get().runningTaskManagers();
            CLUSTER.get().kill(running.get(0));
        }
        double killed = (System.nanoTime() - submitted) / 1e9;
        CLUSTER.get().start(running.get(running.size() - 1) + 1);
        await("the job to finish", Duration.ofMinutes(5), () -> List.of("FINISHED", "FAILED", "CANCELED").contains(rest.state(job)));
        System.err.printf("ClusterIT: the kill came %.1f s after the job's submission, the end %.1f s after it%n", killed,
                (System.nanoTime() - submitted) / 1e9);

        assertThat(rest.state(job)).isEqualTo("FINISHED");
        assertThat(rest.checkpoints(job).restored()).as("restored from a checkpoint").isGreaterThanOrEqualTo(1);
        assertThat(rest.taskManagers()).contains("radar-tm-" + (running.get(running.size() - 1) + 1));
        List<String> committed;
        try (AlertReader reader = new AlertReader(settings)) {
            committed = reader.readCommitted().stream().map(AvroJson::toJson).toList();
        }
        assertThat(committed).doesNotHaveDuplicates();
        assertThat(committed.stream().map(AlertsFile::roundedTree).toList())
                .isEqualTo(undisturbed.stream().map(AlertsFile::roundedTree).toList());
    }

    @Test
    void aTaskManagerKilledUnderALiveJobIsReplacedAndTheJobRecoversFromItsCheckpoint() throws Exception {
        acrossTheSplit("failover-live", (rest, job, args) -> {
            await("two checkpoints", Duration.ofMinutes(2), () -> rest.checkpoints(job).completed() >= 2);
            List<Integer> running = CLUSTER.get().runningTaskManagers();
            CLUSTER.get().kill(running.get(0));
            CLUSTER.get().start(running.get(running.size() - 1) + 1);
            await("the job restored from its checkpoint", Duration.ofMinutes(3),
                    () -> rest.checkpoints(job).restored() >= 1 && "RUNNING".equals(rest.state(job)));
            return job;
        });
    }

    @Test
    void aJobStoppedWithASavepointAndStartedFromItContinuesItsAlertsWithNeitherDuplicateNorGap() throws Exception {
        // As the README's upgrade path does it: radar stop, then radar submit --from-savepoint (the jar uploaded again).
        acrossTheSplit("upgrade", (rest, job, args) -> {
            String savepoint = RadarCommands.stdoutOf("stop", job, "--cluster", CLUSTER.get().restUrl());
            assertThat(Path.of(java.net.URI.create(savepoint))).as("the savepoint written").isDirectory();
            assertThat(rest.state(job)).isEqualTo("FINISHED");
            return RadarCommands.stdoutOf("submit", "--cluster", CLUSTER.get().restUrl(), "--jar", JOB_JAR.toString(), "--config",
                    args.get(1), "--parallelism", "2", "--from-savepoint", savepoint);
        });
    }

    /** What happens to a live job between the two parts of the history; gives the job that reads the second. */
    private interface Disruption {
        String between(FlinkRestClient rest, String job, List<String> args) throws Exception;
    }

    /**
     * The recorded Aave v2 history to a live job in two parts, the disruption once the first part's alerts are
     * committed: the alerts committed across both are those of the replay, in order, none twice, none missing
     * (live, the last ones wait for event time to pass the last liquidations: all but those are expected).
     */
    private void acrossTheSplit(String name, Disruption disruption) throws Exception {
        Path history = RecordedLiquidations.aaveV2AprilMay2021(dir);
        List<AlertsFile.Alert> replayed = AlertsFile.read(AlertsFile.replay(history, dir.resolve("replay-" + name)));
        LiveHistory live = new LiveHistory(history, dir, AFTER);
        long alertsBeforeSplit = replayed.stream().filter(a -> a.detectedAt().isBefore(SPLIT.minus(Duration.ofHours(2)))).count();
        long settled = replayed.stream().filter(a -> a.detectedAt().isBefore(live.lastEventTime().minus(Duration.ofHours(2)))).count();
        Path config = settingsFile(name, "topic.partitions=2", "event.idleness=10s");
        RadarSettings settings = RadarSettings.load(config, java.util.Map.of());
        TopicSetup.ensure(settings);
        FlinkRestClient rest = new FlinkRestClient(CLUSTER.get().restUrl());
        List<String> args = List.of("--config", config.toString());

        live.publish(settings, live.part(SPLIT, true));
        String first = rest.run(rest.uploadJar(JOB_JAR), ClusterJob.class.getName(), args, 2, null, false);
        LiveHistory.awaitCommitted(settings, n -> n >= alertsBeforeSplit);
        String second = disruption.between(rest, first, args);
        live.publish(settings, live.part(SPLIT, false));
        List<DeleveragingAlert> committed = LiveHistory.awaitCommitted(settings, n -> n >= settled);
        rest.stopWithSavepoint(second, null, Duration.ofMinutes(2));

        List<String> identities = committed.stream().map(LiveHistory::identity).toList();
        assertThat(identities).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo((int) settled);
        int compared = Math.min(identities.size(), replayed.size());
        assertThat(identities.subList(0, compared))
                .isEqualTo(replayed.subList(0, compared).stream().map(LiveHistory::identity).toList());
    }

    /** Topics of the test's own, checkpoints every second, and more settings (a later line wins). */
    private static Path settingsFile(String name, String... more) throws Exception {
        Path config = KafkaTopics.settingsFile(dir, name);
        Files.writeString(config, "checkpoint.interval=1s\n" + String.join("\n", more) + "\n", StandardOpenOption.APPEND);
        return config;
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
