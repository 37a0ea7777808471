package io.cascaderadar.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The comparison's reading of {@code bench pipeline} and its table; that it reads real output, BenchCommandTest. */
class PipelineComparisonTest {

    @Test
    void aCheckoutWarmsUpWhenItsBenchCommandHasTheOption(@TempDir Path dir) throws Exception {
        assertThat(PipelineComparison.warmsUp(Path.of("..").toAbsolutePath().normalize()))
                .as("this checkout, whose bench compare reads the other's source the same way").isTrue();
        assertThat(PipelineComparison.warmsUp(dir)).as("no BenchCommand").isFalse();
        Path command = dir.resolve("jobs/src/main/java/io/cascaderadar/jobs/cli/BenchCommand.java");
        Files.createDirectories(command.getParent());
        Files.writeString(command, "@Option(names = \"--runs\") int runs;");
        assertThat(PipelineComparison.warmsUp(dir)).as("a BenchCommand from before the warm-up").isFalse();
    }

    @Test
    void oneRunIsReadFromTheSummaryAndEachSideIsAveragedOverItsJvms() {
        PipelineComparison.Result single = PipelineComparison.Result.parse("""
                full detector                                     351,247 events/s, 1.9 cores busy = 0.416 of pass-through (8 signal points, 6 alert records)
                where the full detector's CPU went: 56.4 core-s, 5.64 core-us a liquidation, by task
                """);
        assertThat(single.rates()).containsExactly(351_247.0);
        assertThat(single.ratios()).containsExactly(0.416);
        assertThat(single.coreMicrosPerLiquidation()).isEqualTo(5.64);

        PipelineComparison.Result before = new PipelineComparison.Result(List.of(300_000.0, 320_000.0), List.of(0.5, 0.4), 0.4, 5.5);
        PipelineComparison.Result after = new PipelineComparison.Result(List.of(360_000.0, 340_000.0), List.of(0.6, 0.55), 0.55, 5.0);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PipelineComparison.print(new String[] {"e7b3817", "this", "this", "e7b3817"}, List.of(before, after, after, before),
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(printed.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
                "| code | full detector, each run (ratio to the pass-through) | median ratio | core-us a liquidation |",
                "|---|---|---|---|",
                "| e7b3817 | 300k/s (0.500), 320k/s (0.400) | 0.400 | 5.50 |",
                "| this | 360k/s (0.600), 340k/s (0.550) | 0.550 | 5.00 |",
                "| this | 360k/s (0.600), 340k/s (0.550) | 0.550 | 5.00 |",
                "| e7b3817 | 300k/s (0.500), 320k/s (0.400) | 0.400 | 5.50 |",
                "e7b3817:       full detector 310,000/s on average, median ratios [0.400, 0.400], core-us a liquidation [5.50, 5.50]",
                "this:          full detector 350,000/s on average, median ratios [0.550, 0.550], core-us a liquidation [5.00, 5.00]");
    }

    @Test
    void outputWithoutTheFullDetectorIsRefused() {
        assertThatThrownBy(() -> PipelineComparison.Result.parse("run 1 of 3: pass-through 840,195/s"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no full detector's rate");
    }
}
