package io.cascaderadar.jobs.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascaderadar.avro.DeleveragingAlert;
import io.cascaderadar.jobs.config.DetectorConfig;
import io.cascaderadar.jobs.config.EventTimeConfig;
import io.cascaderadar.jobs.config.RadarSettings;
import io.cascaderadar.jobs.sources.KafkaInput;
import io.cascaderadar.jobs.testing.AlertsFile;
import io.cascaderadar.jobs.testing.Flink;
import io.cascaderadar.jobs.testing.KafkaTopics;
import io.cascaderadar.jobs.testing.LiveHistory;
import io.cascaderadar.jobs.testing.RecordedLiquidations;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live run that is stopped resumes, as {@code radar run} does, from the latest checkpoint it left: history
 * published in two parts, the job stopped between them, and the alerts committed across both runs are those of
 * the replay, in order, none twice, none missing. Event time is kept free of processing time, as in a replay: one
 * partition a topic read by one reader (a reader without a partition would hold the watermark back), no idleness,
 * and the open-interest and feed-health topics each hold one record dated after the history, so that they never
 * hold it back either.
 */
class LiveResumeTest {
    private static final Instant SPLIT = Instant.parse("2021-05-10T00:00:00Z");
    private static final Instant AFTER = Instant.parse("2021-06-01T00:00:00Z");

    @RegisterExtension
    static final MiniClusterExtension FLINK = Flink.miniCluster();

    @TempDir
    Path dir;

    @Test
    void aStoppedLiveRunResumesFromItsCheckpointWithNeitherDuplicateNorGap() throws Exception {
        Path history = RecordedLiquidations.aaveV2AprilMay2021(dir);
        List<AlertsFile.Alert> replayed = AlertsFile.read(AlertsFile.replay(history, dir.resolve("replay")));
        LiveHistory live = new LiveHistory(history, dir, AFTER);
        long alertsBeforeSplit = replayed.stream().filter(a -> a.detectedAt().isBefore(SPLIT.minus(Duration.ofHours(2)))).count();

        RadarSettings settings = KafkaTopics.fresh("resume", dir).with("topic.partitions", "1");
        TopicSetup.ensure(settings);
        live.publish(settings, live.part(SPLIT, true));
        JobClient first = start(settings);
        LiveHistory.awaitCommitted(settings, n -> n >= alertsBeforeSplit);
        first.cancel().get();
        assertThat(LiveDetector.latestCheckpoint(settings.checkpointDir())).as("the checkpoint the next run resumes from").isPresent();

        live.publish(settings, live.part(SPLIT, false));
        JobClient second = start(settings);
        // Live, the last alerts wait for event time to pass the last liquidations: all but those are expected.
        long settled = replayed.stream().filter(a -> a.detectedAt().isBefore(live.lastEventTime().minus(Duration.ofHours(2)))).count();
        List<DeleveragingAlert> committed = LiveHistory.awaitCommitted(settings, n -> n >= settled);
        second.cancel().get();

        List<String> identities = committed.stream().map(LiveHistory::identity).toList();
        assertThat(identities).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo((int) settled);
        int compared = Math.min(identities.size(), replayed.size());
        assertThat(identities.subList(0, compared))
                .isEqualTo(replayed.subList(0, compared).stream().map(LiveHistory::identity).toList());
    }

    /** The live job, in the environment {@code radar run} makes: it resumes from the latest checkpoint left. */
    private static JobClient start(RadarSettings settings) throws Exception {
        StreamExecutionEnvironment env = LiveDetector.environment(settings, 1, false);
        DetectorConfig config = DetectorConfig.live().withEventTime(
                new EventTimeConfig(Duration.ofSeconds(5), Duration.ofMinutes(10), Duration.ZERO, Duration.ofHours(1)));
        LiveDetector.defineWorkflow(env, settings, KafkaInput.Range.LIVE, config);
        return env.executeAsync("live resume test");
    }
}
