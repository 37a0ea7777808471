package io.cascaderadar.jobs.cli;

import static io.cascaderadar.jobs.testing.Console.stdoutOf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code radar bench --quick} runs and prints every figure; what the figures are is measured, never asserted. */
class BenchCommandTest {
    /** A line of the memory table: assets, venues, events, state (KiB, or none when no checkpoint completed), heap (MiB). */
    private static final Pattern STATE = Pattern.compile("^\\s+\\d+\\s+\\d+\\s+([\\d,]+)\\s+([\\d,]+|none)\\s+([\\d,]+)$",
            Pattern.MULTILINE);
    private static final Pattern RATE = Pattern.compile("^(.+?)\\s+([\\d,]+) events/s", Pattern.MULTILINE);

    @Test
    void theQuickBenchPrintsEachRateTheRatioToPassThroughAndTheStateOfEachRun() throws Exception {
        String printed = stdoutOf(() -> RadarCli.execute("bench", "--quick", "--parallelism", "2"));

        assertThat(printed).contains("100,000 liquidations").contains("cores, Flink parallelism 2");
        Matcher rates = RATE.matcher(printed);
        int found = 0;
        while (rates.find()) {
            assertThat(Long.parseLong(rates.group(2).replace(",", ""))).as(rates.group(1)).isPositive();
            found++;
        }
        assertThat(found).as(printed).isEqualTo(4);
        assertThat(printed).containsPattern("of pass-through \\([\\d,]+ signal points, [1-9][\\d,]* alert records\\)");
        Matcher states = STATE.matcher(printed);
        int runs = 0;
        while (states.find()) {
            assertThat(Long.parseLong(states.group(1).replace(",", ""))).as("events of run " + runs).isPositive();
            assertThat(Long.parseLong(states.group(3).replace(",", ""))).as("heap of run " + runs).isPositive();
            runs++;
        }
        assertThat(runs).as(printed).isEqualTo(6);
    }
}
