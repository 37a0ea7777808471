package io.cascaderadar.jobs.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascaderadar.jobs.config.RadarSettings;
import io.cascaderadar.jobs.sources.KafkaInput;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/** What the settings do to the detector: the latency settings are set on the job graph itself, so they hold on a cluster too. */
class LiveDetectorTest {
    private static final String[] ALERT_SCOPE_PATTERNS = {"pattern-cascade-onset", "pattern-sustained-cascade",
            "pattern-resolution"};

    @Test
    void theBufferTimeoutAndWatermarkIntervalSettingsAreTheJobGraphs() throws Exception {
        RadarSettings settings = ClusterJob.Arguments.parse("--set", "flink.buffer.timeout=7ms",
                "--set", "flink.watermark.interval=30ms").settings();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        LiveDetector.defineWorkflow(env, settings, KafkaInput.Range.LIVE, LiveDetector.config(KafkaInput.Range.LIVE, settings));

        StreamGraph graph = env.getStreamGraph();
        assertThat(graph.getStreamNodes()).isNotEmpty()
                .allSatisfy((StreamNode node) -> assertThat(node.getBufferTimeout()).as(node.getOperatorName()).isEqualTo(7L));
        assertThat(env.getConfig().getAutoWatermarkInterval()).isEqualTo(30L);
    }

    @Test
    void theAlertScopesPatternsRunInOneTaskAfterOneShuffle() throws Exception {
        RadarSettings settings = ClusterJob.Arguments.parse().settings();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        LiveDetector.defineWorkflow(env, settings, KafkaInput.Range.LIVE, LiveDetector.config(KafkaInput.Range.LIVE, settings));

        JobGraph job = env.getStreamGraph().getJobGraph();
        List<String> patternTasks = StreamSupport.stream(job.getVertices().spliterator(), false).map(JobVertex::getName)
                .filter(name -> Stream.of(ALERT_SCOPE_PATTERNS).anyMatch(name::contains)).toList();
        assertThat(patternTasks).hasSize(1);
        assertThat(patternTasks.get(0)).startsWith("alert scopes' patterns").contains(ALERT_SCOPE_PATTERNS);
    }

    @Test
    void theDeduplicationHorizonIsTheSettingsLiveAndThroughKafkaToTheLatestOffsets() throws Exception {
        RadarSettings settings = ClusterJob.Arguments.parse("--set", "event.dedup.horizon=15m").settings();
        for (KafkaInput.Range range : KafkaInput.Range.values()) {
            assertThat(LiveDetector.config(range, settings).eventTime().dedupHorizon()).as(range.name())
                    .isEqualTo(Duration.ofMinutes(15));
        }
    }

    @Test
    void aDeduplicationHorizonShorterThanTheAllowedLatenessIsRefused() throws Exception {
        RadarSettings settings = ClusterJob.Arguments.parse("--set", "event.dedup.horizon=5m").settings();
        assertThatThrownBy(() -> LiveDetector.config(KafkaInput.Range.LIVE, settings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the de-duplication horizon (event.dedup.horizon, 5 min) is shorter than the"
                        + " allowed lateness (event.allowed.lateness, 10 min)");
    }
}
