package io.cascaderadar.jobs.research;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascaderadar.connectors.history.HistoryFormat;
import io.cascaderadar.connectors.influxdb.InfluxConfig;
import io.cascaderadar.connectors.testing.RecordedData;
import io.cascaderadar.connectors.validation.InputRules;
import io.cascaderadar.jobs.config.DetectorConfig;
import io.cascaderadar.jobs.history.HistoryFormats;
import io.cascaderadar.jobs.history.NormalizedFiles;
import io.cascaderadar.jobs.replay.Replay;
import io.cascaderadar.jobs.sim.SimulationFiles;
import io.cascaderadar.jobs.testing.Flink;
import io.cascaderadar.jobs.testing.RecordedLiquidations;
import io.cascaderadar.jobs.testing.RecordedPrices;
import io.cascaderadar.stack.Jupyter;
import io.cascaderadar.stack.testing.TestStack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The research notebooks ({@code notebooks/}) executed headless, as a researcher runs them after a replay: the
 * whole recorded Aave v2 subgraph export (2020-12-17 to 2022-04-03) with the recorded Binance BTCUSDT minute
 * prices, replayed into InfluxDB and into files. No cell fails and every figure cell draws; the scorecard scores
 * the crash of 2021-05-19 as a hit and the labelled events after the export as not covered (never as misses), and
 * says the same read from InfluxDB as from the files.
 */
class NotebooksTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = Flink.miniCluster();

    private static final String AAVE = "defi_onchain/aave_v2_liquidations_thegraph_2020-12-17_2022-04-03_TheRensselaerIDEA.csv";
    private static final String GROUND_TRUTH = "ground_truth/known_liquidation_cascades.csv";
    private static final Instant EXPORT_ENDS = Instant.parse("2022-04-04T00:00:00Z");
    private static final Duration CELL_TIMEOUT = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static Jupyter jupyter;
    private static Path input;
    private static Path replay;
    private static InfluxConfig influx;
    private static Path scorecardFromInflux;

    @BeforeAll
    static void replayTheAaveExportWithPricesIntoInfluxDbAndFiles() throws Exception {
        input = dir.resolve("input");
        HistoryFormat aave = HistoryFormats.all(InputRules.defaults(), RecordedLiquidations.NOW).get("aave-v2-subgraph");
        try (NormalizedFiles files = new NormalizedFiles(input)) {
            // The rows without a reserve price cannot be valued: dead letters, asserted by the importer's own test.
            aave.read(RecordedData.file(AAVE), files, rejected -> { });
        }
        Path prices = RecordedPrices.binanceBtcusdtMinutes(dir);
        jupyter = Jupyter.ensure(dir.resolve("apt.log"));
        influx = InfluxConfig.of(TestStack.influxUrl(), "notebooks_" + UUID.randomUUID().toString().replace("-", ""));
        replay = dir.resolve("replay");
        Replay.run(new Replay.Options(List.of(input.resolve(SimulationFiles.LIQUIDATIONS)), List.of(), List.of(), List.of(),
                replay, 2, false, "notebooks", influx, List.of(prices)), DetectorConfig.replay());
    }

    @Test
    void theScorecardFromInfluxDbScoresTheCrashOf2021_05_19AsAHitAndLaterEventsAsNotCovered() throws Exception {
        Map<String, Map<String, String>> events = byEvent(scorecardFromInflux());

        assertThat(events).containsKeys("E2021-05-19", "E2022-06-13", "E2022-11-09", "E2024-08-05", "E2025-10-10");
        Map<String, String> crash = events.get("E2021-05-19");
        assertThat(crash).containsEntry("covered", "True").containsEntry("hit", "True").containsEntry("result", "hit");
        Instant firstAlert = Instant.parse(crash.get("first_alert_at"));
        assertThat(firstAlert).as("the first WARNING+ alert, within [core start - 1 h, core end]")
                .isBetween(Instant.parse("2021-05-19T11:00:00Z"), Instant.parse("2021-05-19T14:30:00Z"));
        Instant peak = Instant.parse(crash.get("peak_at"));
        assertThat(peak).isBetween(Instant.parse("2021-05-19T12:00:00Z"), Instant.parse("2021-05-19T14:30:00Z"));
        assertThat(Double.parseDouble(crash.get("lead_minutes")))
                .isEqualTo(Duration.between(firstAlert, peak).toSeconds() / 60.0, org.assertj.core.data.Offset.offset(0.1));
        assertThat(crash.get("max_severity")).isIn("WARNING", "CRITICAL");

        events.forEach((id, event) -> {
            if (Instant.parse(id.substring(1) + "T00:00:00Z").isAfter(EXPORT_ENDS)) {
                assertThat(event).as(id + " lies after the export: not covered, not a miss")
                        .containsEntry("covered", "False").containsEntry("hit", "").containsEntry("result", "not covered");
            }
        });
    }

    @Test
    void theScorecardFromTheReplayFilesAloneAgreesWithInfluxDb() throws Exception {
        Path out = dir.resolve("scorecard-files");
        Path executed = run("scorecard.ipynb", files(out), 2);

        assertThat(text(executed)).contains("replay files in " + replay);
        assertThat(Files.readString(out.resolve("scorecard.csv"))).isEqualTo(Files.readString(scorecardFromInflux()));
    }

    @Test
    void theEventStudyFromInfluxDbDrawsTheCrashWithItsPricesAndAlerts() throws Exception {
        Map<String, String> env = influx(dir.resolve("event-study"));
        env.put("RADAR_LIQUIDATIONS", input.resolve(SimulationFiles.LIQUIDATIONS).toString());
        Path executed = run("event_study.ipynb", env, 4);

        assertThat(text(executed)).contains("InfluxDB " + influx.url())
                .contains("E2021-05-19: from 2021-05-19 12:00")
                .contains("prices: BTC")
                .contains("liquidations, $");
    }

    @Test
    void coverageFromTheReplayFilesListsTheVenueDayByDay() throws Exception {
        Path out = dir.resolve("coverage");
        run("coverage.ipynb", files(out), 2);

        List<Map<String, String>> venues = csv(out.resolve("coverage.csv"));
        assertThat(venues).singleElement().satisfies(venue -> {
            assertThat(venue).containsEntry("venue", "aave-v2").containsEntry("throttled", "False");
            assertThat(venue.get("first_liquidation_at")).startsWith("2020-12-17");
            assertThat(venue.get("last_liquidation_at")).startsWith("2022-04-03");
            assertThat(Integer.parseInt(venue.get("days_live"))).isBetween(300, Integer.parseInt(venue.get("days_in_history")));
        });
    }

    @Test
    void theNotebooksAreCommittedWithoutOutputs() throws IOException {
        for (String name : List.of("event_study.ipynb", "scorecard.ipynb", "coverage.ipynb")) {
            for (JsonNode cell : JSON.readTree(notebooks().resolve(name).toFile()).get("cells")) {
                if ("code".equals(cell.get("cell_type").asText())) {
                    assertThat(cell.get("outputs")).as(name).isEmpty();
                    assertThat(cell.get("execution_count").isNull()).as(name).isTrue();
                }
            }
        }
    }

    private static synchronized Path scorecardFromInflux() throws Exception {
        if (scorecardFromInflux == null) {
            Path out = dir.resolve("scorecard-influx");
            Path executed = run("scorecard.ipynb", influx(out), 2);
            assertThat(text(executed)).contains("InfluxDB " + influx.url());
            scorecardFromInflux = out.resolve("scorecard.csv");
        }
        return scorecardFromInflux;
    }

    /** Reads InfluxDB only: no replay directory to fall back to. */
    private static Map<String, String> influx(Path out) {
        Map<String, String> env = common(out);
        env.put("RADAR_INFLUX_URL", influx.url().toString());
        env.put("RADAR_INFLUX_DB", influx.database());
        env.put("RADAR_REPLAY_DIR", dir.resolve("no-such-replay").toString());
        return env;
    }

    private static Map<String, String> files(Path out) {
        Map<String, String> env = common(out);
        env.put("RADAR_REPLAY_DIR", replay.toString());
        return env;
    }

    private static Map<String, String> common(Path out) {
        Map<String, String> env = new HashMap<>();
        for (String inherited : List.of("RADAR_INFLUX_URL", "RADAR_INFLUX_DB", "RADAR_INFLUX_RP", "RADAR_EVENT",
                "RADAR_LIQUIDATIONS")) {
            env.put(inherited, null);
        }
        env.put("RADAR_GROUND_TRUTH", RecordedData.file(GROUND_TRUTH).toString());
        env.put("RADAR_NOTEBOOK_OUT", out.toString());
        return env;
    }

    /** Executes a notebook; no cell may fail, and every cell tagged {@code figure} (at least {@code figures}) draws. */
    private static Path run(String notebook, Map<String, String> env, int figures) throws Exception {
        Path executed = jupyter.execute(notebooks().resolve(notebook), Path.of(env.get("RADAR_NOTEBOOK_OUT")), env, CELL_TIMEOUT);
        int drawn = 0;
        for (JsonNode cell : JSON.readTree(executed.toFile()).get("cells")) {
            for (JsonNode output : cell.path("outputs")) {
                assertThat(output.path("output_type").asText()).as(notebook + ": " + output).isNotEqualTo("error");
            }
            if (tags(cell).contains("figure")) {
                assertThat(cell.path("outputs").findValues("image/png")).as(notebook + ": a figure cell without its figure:\n"
                        + cell.get("source")).isNotEmpty();
                drawn++;
            }
        }
        assertThat(drawn).as(notebook + ": figures drawn").isGreaterThanOrEqualTo(figures);
        return executed;
    }

    private static List<String> tags(JsonNode cell) {
        List<String> tags = new ArrayList<>();
        cell.path("metadata").path("tags").forEach(t -> tags.add(t.asText()));
        return tags;
    }

    /** The text a notebook printed and displayed. */
    private static String text(Path executed) throws IOException {
        StringBuilder text = new StringBuilder();
        for (JsonNode cell : JSON.readTree(executed.toFile()).get("cells")) {
            for (JsonNode output : cell.path("outputs")) {
                output.path("text").forEach(line -> text.append(line.asText()));
                output.path("data").path("text/plain").forEach(line -> text.append(line.asText()));
            }
        }
        return text.toString();
    }

    private static Map<String, Map<String, String>> byEvent(Path scorecard) throws IOException {
        Map<String, Map<String, String>> events = new LinkedHashMap<>();
        csv(scorecard).forEach(row -> events.put(row.get("event_id"), row));
        return events;
    }

    /** A CSV file without quoted fields (the notebooks' own), by column name. */
    private static List<Map<String, String>> csv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String[] header = lines.get(0).split(",", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] values = line.split(",", -1);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], i < values.length ? values[i] : "");
            }
            rows.add(row);
        }
        return rows;
    }

    private static Path notebooks() {
        return Path.of(System.getProperty("radar.home"), "notebooks");
    }
}
