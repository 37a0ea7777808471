package io.cascaderadar.jobs.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascaderadar.connectors.csv.InputFileException;
import io.cascaderadar.connectors.validation.RejectReason;
import io.cascaderadar.jobs.config.DetectorConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import io.cascaderadar.jobs.testing.Flink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The replay path end to end on small files: outputs, dead letters, errors. */
class ReplayTest {
    private static final String HEADER =
            "event_time,venue,venue_type,instrument,base_asset,liquidated_side,price,quantity_base,notional_usd,event_id";

    @RegisterExtension
    static final MiniClusterExtension FLINK = Flink.miniCluster();

    @TempDir
    Path dir;

    @Test
    void writesEveryOutputAndPutsEachBadLineInTheDeadLettersWithItsReason() throws Exception {
        List<String> lines = new ArrayList<>(List.of(HEADER));
        Instant t = Instant.parse("2025-03-01T00:00:00Z");
        for (int i = 0; i < 600; i++) {
            lines.add(t.plusSeconds(i * 6L) + ",bybit,CEX,BTCUSDT,BTC," + (i % 3 == 0 ? "SHORT" : "LONG") + ",90000,0.05,,");
        }
        lines.add(t + ",bybit,CEX,BTCUSDT,BTC,LONG,-1,0.05,,");
        lines.add(t + ",bybit,CEX,BTCUSDT,BTC,UPSIDE,1,0.05,,");
        lines.add("not,a,line,with,far,too,many,fields,for,the,header");
        lines.add(lines.get(1));
        Path liquidations = write("liquidations.csv", lines);
        Path oi = write("open-interest.csv", List.of("event_time,venue,instrument,base_asset,open_interest_base,open_interest_usd",
                t.plusSeconds(30) + ",bybit,BTCUSDT,BTC,1000,", t.plusSeconds(90) + ",bybit,BTCUSDT,BTC,,"));

        Path out = dir.resolve("out");
        ReplaySummary summary = Replay.run(new Replay.Options(List.of(liquidations), List.of(oi), List.of(), List.of(), out, 2,
                false, "test", null), DetectorConfig.replay());

        assertThat(summary.liquidations().records()).isEqualTo(601);
        assertThat(summary.duplicates()).isEqualTo(1);
        assertThat(summary.rejected()).containsEntry(RejectReason.NON_POSITIVE, 1L)
                .containsEntry(RejectReason.UNKNOWN_VALUE, 1L).containsEntry(RejectReason.MALFORMED_LINE, 1L)
                .containsEntry(RejectReason.MISSING_VALUE, 1L);
        List<JsonNode> deadLetters = jsonLines(out.resolve(ReplayOutputs.DEAD_LETTERS));
        assertThat(deadLetters).hasSize(4);
        assertThat(deadLetters).allSatisfy(d -> {
            assertThat(d.get("source").asText()).matches("(liquidations|open-interest)\\.csv:\\d+");
            assertThat(d.get("detail").asText()).isNotBlank();
            assertThat(d.get("input").asText()).isNotBlank();
        });
        assertThat(Files.readAllLines(out.resolve(ReplayOutputs.SIGNALS))).isNotEmpty()
                .allMatch(l -> l.matches("^(cascade_intensity|cascade_state|oi_change|open_interest),\\S+ \\S+ \\d{13}$"));
        assertThat(Files.readString(out.resolve(ReplayOutputs.CHART))).contains("<svg", "</html>");
        assertThat(out.resolve(ReplayOutputs.ALERTS)).exists();
        assertThat(summary.signalLines()).isEqualTo(Files.readAllLines(out.resolve(ReplayOutputs.SIGNALS)).size());
    }

    @Test
    void aFileThatCannotBeReadStopsTheReplayWithOneClearError() throws IOException {
        Path wrong = write("wrong.csv", List.of("time,price", "1,2"));
        assertThatThrownBy(() -> Replay.run(new Replay.Options(List.of(dir.resolve("missing.csv")), List.of(), List.of(), List.of(),
                dir.resolve("out"), 1, false, "test", null), DetectorConfig.replay()))
                .isInstanceOf(InputFileException.class).hasMessageContaining("missing.csv: no such file");
        assertThatThrownBy(() -> Replay.run(new Replay.Options(List.of(wrong), List.of(), List.of(), List.of(),
                dir.resolve("out"), 1, false, "test", null), DetectorConfig.replay()))
                .isInstanceOf(InputFileException.class).hasMessageContaining("not a liquidations CSV");
    }

    private Path write(String name, List<String> lines) throws IOException {
        return Files.write(dir.resolve(name), lines, StandardCharsets.UTF_8);
    }

    private static List<JsonNode> jsonLines(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            out.add(json.readTree(line));
        }
        return out;
    }
}
