package io.cascaderadar.jobs.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascaderadar.connectors.influxdb.InfluxConfig;
import io.cascaderadar.connectors.influxdb.InfluxHttpClient;
import io.cascaderadar.connectors.influxdb.InfluxSchema;
import io.cascaderadar.connectors.influxdb.SignalPoints;
import io.cascaderadar.connectors.validation.RejectReason;
import io.cascaderadar.jobs.config.DetectorConfig;
import io.cascaderadar.jobs.config.RadarSettings;
import io.cascaderadar.jobs.live.TopicSetup;
import io.cascaderadar.jobs.replay.Replay;
import io.cascaderadar.jobs.replay.ReplayOutputs;
import io.cascaderadar.jobs.sim.Scenarios;
import io.cascaderadar.jobs.sim.SimulationFiles;
import io.cascaderadar.jobs.sim.Simulator;
import io.cascaderadar.jobs.testing.AlertsFile;
import io.cascaderadar.jobs.testing.Flink;
import io.cascaderadar.jobs.testing.KafkaTopics;
import io.cascaderadar.jobs.testing.RecordedLiquidations;
import io.cascaderadar.jobs.testing.StoredPoints;
import io.cascaderadar.stack.testing.TestStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays into the test stack's real influxd, read back with InfluxQL: recorded history gives exactly the points
 * of the replay's {@code signals.lp}; a simulated cascade replayed while influxd is stopped for 20 seconds loses
 * and adds nothing, and the job waits instead of failing; a point InfluxDB refuses becomes a dead letter and the
 * rest of its batch is written; every query of the Grafana dashboard finds what it asks for.
 */
class InfluxDbSinkTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = Flink.miniCluster();

    private static final Duration OUTAGE = Duration.ofSeconds(20);

    @TempDir
    static Path dir;

    private static InfluxHttpClient simulated;
    private static Path simulatedOut;
    private static boolean runningWhenStopped;
    private static boolean waitingThroughTheOutage;

    @BeforeAll
    static void replayASimulatedCascadeThroughAnInfluxDbOutage() throws Exception {
        InfluxConfig config = InfluxConfig.fromMap(Map.of("url", TestStack.influxUrl(), "database", fresh("outage"),
                "batch.lines", "1000"));
        simulated = new InfluxHttpClient(config.withRetentionPolicy(InfluxSchema.HISTORY));
        InfluxOutputs.prepare(config);
        simulatedOut = dir.resolve("simulated");
        SimulationFiles.Written files = SimulationFiles.write(Simulator.run(Scenarios.named("2025-10-10"), 42),
                simulatedOut.resolve("input"));
        CompletableFuture<?> replay = CompletableFuture.runAsync(() -> {
            try {
                Replay.run(new Replay.Options(List.of(files.liquidations()), List.of(files.openInterest()),
                        List.of(files.feedHealth()), List.of(), simulatedOut, 2, false, "outage", config), DetectorConfig.replay());
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });

        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (count(simulated, SignalPoints.CASCADE_INTENSITY, "usd") == 0 && !replay.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        TestStack.shared().stopInfluxDb();
        runningWhenStopped = !replay.isDone();
        Thread.sleep(OUTAGE.toMillis());
        waitingThroughTheOutage = !replay.isDone();
        TestStack.shared().up();
        replay.get(5, TimeUnit.MINUTES);
    }

    @Test
    void anOutageOfTwentySecondsNeitherLosesNorAddsAPointAndTheJobWaits() throws Exception {
        assertThat(runningWhenStopped).as("influxd was stopped while the replay ran").isTrue();
        assertThat(waitingThroughTheOutage).as("the replay waited for InfluxDB, it neither failed nor finished").isTrue();
        assertSameAsFile(simulated, simulatedOut);
        assertThat(simulatedOut.resolve(ReplayOutputs.INFLUX_DEAD_LETTERS)).isEmptyFile();
    }

    @Test
    void recordedHistoryQueriesBackWithExactlyTheReplayedPointsAndAlerts() throws Exception {
        InfluxConfig config = InfluxConfig.of(TestStack.influxUrl(), fresh("recorded"));
        Path out = dir.resolve("recorded");
        Replay.run(new Replay.Options(List.of(RecordedLiquidations.aaveV2AprilMay2021(dir)), List.of(), List.of(), List.of(), out,
                2, false, "recorded", config), DetectorConfig.replay());
        InfluxHttpClient client = new InfluxHttpClient(config.withRetentionPolicy(InfluxSchema.HISTORY));

        assertSameAsFile(client, out);
        List<AlertsFile.Alert> alerts = AlertsFile.read(out.resolve(ReplayOutputs.ALERTS));
        assertThat(alerts).as("the history raises alerts, so that the comparison means something").hasSizeGreaterThan(3);
        assertThat(count(client, SignalPoints.ALERTS, "severity_code")).isEqualTo(
                alerts.stream().map(a -> List.of(a.scope(), a.scopeKey(), a.pattern(), a.severity(), a.state(), a.detectedAt()))
                        .distinct().count());
        assertThat(client.select("SELECT alert_id FROM history.alerts").get(0).column("alert_id"))
                .containsAll(alerts.stream().map(AlertsFile.Alert::alertId).toList());
    }

    @Test
    void everyQueryOfTheDashboardNamesMeasurementsFieldsAndTagsTheSinkWrites() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(
                Path.of(System.getProperty("radar.home"), "deploy", "grafana", "dashboards", "cascade-radar.json").toFile());
        List<String> queries = new ArrayList<>();
        dashboard.findValues("query").stream().filter(JsonNode::isTextual).map(JsonNode::asText)
                .filter(q -> q.startsWith("SELECT") || q.startsWith("SHOW")).forEach(queries::add);
        assertThat(queries).as("the dashboard's panels, annotations and variables").hasSizeGreaterThanOrEqualTo(10);

        List<Object> times = simulated.select("SELECT max(usd) FROM history.cascade_intensity WHERE scope = 'MARKET' "
                + "GROUP BY time(1d)").get(0).column("time");
        String timeFilter = "time >= " + times.get(0) + "ms AND time <= " + Instant.parse("2025-10-11T00:00:00Z").toEpochMilli() + "ms";
        for (String query : queries) {
            String concrete = query.replace("$timeFilter", timeFilter).replace("$__interval", "1m")
                    .replace("$rp", InfluxSchema.HISTORY).replace("$window", "15m").replace("$asset", "BTC|ETH");
            List<InfluxHttpClient.Series> result = simulated.select(concrete);
            assertThat(result).as(concrete).isNotEmpty();
            for (InfluxHttpClient.Series series : result) {
                for (String column : series.columns()) {
                    assertThat(series.column(column)).as(concrete + ": column " + column).anyMatch(v -> v != null);
                }
            }
        }
    }

    @Test
    void aPointInfluxDbRefusesGoesToTheDeadLetterTopicWithTheReasonAndTheRestIsWritten() throws Exception {
        RadarSettings settings = KafkaTopics.fresh("influx-refused", dir);
        TopicSetup.ensure(settings);
        InfluxConfig config = InfluxConfig.fromMap(Map.of("url", TestStack.influxUrl(), "database", fresh("refused"),
                "retention.policy", InfluxSchema.HISTORY));
        InfluxOutputs.prepare(config);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            lines.add("cascade_intensity,scope=MARKET,market=ALL,window=1m usd=" + i + ".5 " + (1_600_000_000_000L + i * 10_000L));
        }
        String refused = "cascade_intensity,scope=MARKET,market=ALL,window=1m usd=oops 1600000005000";
        lines.add(37, refused);

        // Six points a record, joined by line breaks, as a signal's cross the shuffle to the sink.
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < lines.size(); i += 6) {
            records.add(LineFormat.utf8(String.join("\n", lines.subList(i, Math.min(i + 6, lines.size())))));
        }

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.fromData(records, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO)
                .sinkTo(new InfluxDbSink<byte[]>(config, LineFormat::eachLine, DeadLetterTarget.kafka(settings)));
        env.execute("refused point");

        assertThat(count(new InfluxHttpClient(config), SignalPoints.CASCADE_INTENSITY, "usd")).isEqualTo(100);
        List<ConsumerRecord<byte[], byte[]>> letters = KafkaTopics.read(settings, settings.topics().deadLetter(), Duration.ofSeconds(10), 1);
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(KafkaTopics.header(letter, DeadLetterRecords.REASON)).isEqualTo(RejectReason.INFLUX_REJECTED.name());
            assertThat(KafkaTopics.header(letter, DeadLetterRecords.DETAIL)).contains("400").contains("unable to parse");
            assertThat(KafkaTopics.header(letter, DeadLetterRecords.SOURCE)).isEqualTo("influxdb " + config.database() + ".history");
            assertThat(new String(letter.value(), StandardCharsets.UTF_8)).as("the refused point, not its record")
                    .contains(refused).doesNotContain(lines.get(36)).doesNotContain(lines.get(38));
        });
    }

    private static void assertSameAsFile(InfluxHttpClient client, Path out) throws Exception {
        Map<String, Map<String, Map<String, Object>>> written = StoredPoints.fromFile(out.resolve(ReplayOutputs.SIGNALS));
        assertThat(written).as("the replay made signals").isNotEmpty();
        for (Map.Entry<String, Map<String, Map<String, Object>>> measurement : written.entrySet()) {
            assertThat(StoredPoints.differences(measurement.getValue(),
                    StoredPoints.fromInflux(client, InfluxSchema.HISTORY, measurement.getKey()))).as(measurement.getKey()).isEmpty();
        }
    }

    private static long count(InfluxHttpClient client, String measurement, String field) throws Exception {
        return client.aggregate("SELECT count(" + InfluxSchema.quote(field) + ") FROM "
                + InfluxSchema.quote(InfluxSchema.HISTORY) + "." + InfluxSchema.quote(measurement));
    }

    private static String fresh(String name) {
        return name + "_" + UUID.randomUUID().toString().replace("-", "");
    }
}
