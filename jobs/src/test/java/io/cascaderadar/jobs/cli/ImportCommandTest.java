package io.cascaderadar.jobs.cli;

import static io.cascaderadar.jobs.testing.Console.stderrOf;
import static io.cascaderadar.jobs.testing.Console.stdoutOf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascaderadar.connectors.testing.WireFixtures;
import io.cascaderadar.connectors.validation.InputRules;
import io.cascaderadar.jobs.history.HistoryFormats;
import io.cascaderadar.jobs.replay.ReplayOutputs;
import io.cascaderadar.jobs.sim.SimulationFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code radar import}: every format listed with what it maps, files in, normalized files and dead letters out. */
class ImportCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void formatsListsEveryFormatWithWhatItMapsAndCannotKnow() throws Exception {
        String listed = stdoutOf(() -> RadarCli.execute("import", "--formats"));
        for (var format : HistoryFormats.all(InputRules.defaults(), Instant.now()).values()) {
            assertThat(listed).contains(format.id());
            assertThat(format.description()).as(format.id()).hasSizeGreaterThan(40);
        }
    }

    @Test
    void aCollectorRecordingGoesThroughTheLiveDecodersAndAnUnreadableLineIsADeadLetter() throws Exception {
        List<String> messages = WireFixtures.messages("bybit").stream().filter(m -> m.contains("allLiquidation.")).toList();
        assertThat(messages).isNotEmpty();
        List<String> lines = new ArrayList<>();
        int liquidations = 0;
        for (String message : messages) {
            lines.add(JSON.writeValueAsString(java.util.Map.of("receiveTime", 1_740_480_208_000L, "message", message)));
            liquidations += JSON.readTree(message).get("data").size();
        }
        lines.add("{\"receiveTime\": 1740480209000, \"message\": \"{\\\"topic\\\":\\\"allLiquidation.X\\\"\"}");
        Path recording = Files.write(dir.resolve("bybit.jsonl"), lines);
        Path out = dir.resolve("out");

        String printed = stdoutOf(() -> RadarCli.execute("import", "collector-jsonl", recording.toString(), "--out", out.toString()));

        assertThat(Files.readAllLines(out.resolve(SimulationFiles.LIQUIDATIONS))).hasSize(liquidations + 1);
        List<String> dead = Files.readAllLines(out.resolve(ReplayOutputs.DEAD_LETTERS));
        assertThat(dead).singleElement().satisfies(d -> assertThat(d).contains("bybit.jsonl:" + lines.size()).contains("MALFORMED"));
        assertThat(printed).contains("1 rejected").contains(SimulationFiles.LIQUIDATIONS);
        assertThat(out.resolve(SimulationFiles.PRICES)).as("no prices, no prices file").doesNotExist();
    }

    @Test
    void anUnknownFormatOrARecordingNotNamedAfterItsVenueIsOneLineAndExitCodeTwo() throws Exception {
        Path file = Files.writeString(dir.resolve("feed.jsonl"), "{}\n");
        String unknown = stderrOf(() -> assertThat(RadarCli.execute("import", "tardis-trades", file.toString(), "--out",
                dir.resolve("out").toString())).isEqualTo(2));
        assertThat(unknown).contains("unknown format 'tardis-trades'").contains("aave-v2-subgraph");
        String unnamed = stderrOf(() -> assertThat(RadarCli.execute("import", "collector-jsonl", file.toString(), "--out",
                dir.resolve("out").toString())).isEqualTo(2));
        assertThat(unnamed).contains("feed.jsonl").contains("unknown venue 'feed'");
    }
}
