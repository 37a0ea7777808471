package io.cascaderadar.jobs.cli;

import static io.cascaderadar.jobs.testing.Console.stderrOf;
import static io.cascaderadar.jobs.testing.Console.stdoutOf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cascaderadar.jobs.bench.PipelineComparison;
import io.cascaderadar.jobs.testing.KafkaTopics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code radar bench --quick} runs and prints every figure, the latency's on the test stack; what the figures are is
 * measured, never asserted.
 */
class BenchCommandTest {
    /** A line of the memory table: assets, venues, events, state (KiB, or none when no checkpoint completed), heap (MiB). */
    private static final Pattern STATE = Pattern.compile("^\\s+\\d+\\s+\\d+\\s+([\\d,]+)\\s+([\\d,]+|none)\\s+([\\d,]+)$",
            Pattern.MULTILINE);
    /**
     * A latency run: the rate its cascade was sent at, then each delivery with the alert records timed and how many
     * of each kind (scope, pattern, state).
     */
    private static final Pattern LATENCY_RUN = Pattern.compile("^live: .* \\(the slowest cascade sent at ([\\d,]+)/s\\)$",
            Pattern.MULTILINE);
    private static final Pattern LATENCY_DELIVERY = Pattern.compile(
            "^live, (exactly once|at least once): (\\d+) alert records timed.*\n((?: +[\\d,]+ [A-Z_]+ [A-Z_]+ [A-Z_]+\n)*)",
            Pattern.MULTILINE);
    /** What the latency run's checkpoints took: how many, how long (ms), how large (MiB). */
    private static final Pattern CHECKPOINTS = Pattern.compile("^live, checkpoints: ([\\d,]+) completed, \\d+ failed,"
            + " taking p50 ([\\d,]+) ms, p99 [\\d,]+ ms, max ([\\d,]+) ms; state [\\d.]+ MiB on average, ([\\d.]+) MiB at most$",
            Pattern.MULTILINE);
    private static final Pattern KIND_COUNT = Pattern.compile("^ +([\\d,]+) ", Pattern.MULTILINE);
    private static final Pattern PERCENTILES = Pattern.compile("p50 +(-?[\\d,]+) ms +p99 +(-?[\\d,]+) ms +max +(-?[\\d,]+) ms");
    private static final Pattern OPERATIONS = Pattern.compile("^(\\S+)\\s+([\\d,]+) ops/s", Pattern.MULTILINE);
    /** A line of where the full detector's CPU went: share, seconds, thread. */
    private static final Pattern CPU_SHARE = Pattern.compile("^ +(\\d+\\.\\d)% +(\\d+\\.\\d{2}) s  (.+)$", Pattern.MULTILINE);
    private static final Pattern POINTS_AND_ALERTS = Pattern.compile("\\([\\d,]+ signal points, [\\d,]+ alert records\\)");
    private static final Pattern RATE = Pattern.compile("^(.+?)\\s+([\\d,]+) events/s", Pattern.MULTILINE);

    @Test
    void theQuickBenchPrintsEachRateTheRatioToPassThroughTheStateOfEachRunAndTheLatencyOfEachDelivery(@TempDir Path dir)
            throws Exception {
        Path settings = KafkaTopics.settingsFile(dir, "bench");

        String printed = stdoutOf(() -> RadarCli.execute("bench", "--quick", "--runs", "2", "--parallelism", "2",
                "--config", settings.toString()));

        assertThat(printed).contains("100,000 liquidations").contains("cores, Flink parallelism 2")
                .containsPattern("max heap [\\d,]+ MiB, collectors \\S.*\\n")
                .containsPattern("(?ms)^warm-up   each job once over 20,000 liquidations of the simulator, not measured"
                        + " \\(\\d+\\.\\d s\\)$.*^run 1 of 2: ");
        Matcher rates = RATE.matcher(printed);
        int found = 0;
        while (rates.find()) {
            assertThat(Long.parseLong(rates.group(2).replace(",", ""))).as(rates.group(1)).isPositive();
            found++;
        }
        assertThat(found).as(printed).isEqualTo(7);
        assertThat(printed).containsPattern("pass-through of the Avro file +[\\d,]+ events/s, \\d+\\.\\d cores busy");
        for (String stage : List.of("detector's ingest alone", "detector up to its signals",
                "detector without line protocol", "full detector")) {
            assertThat(printed).containsPattern(stage + " +[\\d,]+ events/s, \\d+\\.\\d cores busy = \\d\\.\\d{3} of");
        }
        assertThat(printed).containsPattern("of pass-through \\([\\d,]+ signal points, [1-9][\\d,]* alert records\\)");
        assertThat(printed).containsPattern("(?m)^run 1 of 2: pass-through [\\d,]+/s, .*\\n^run 2 of 2: ")
                .contains("(the run of median ratio of 2)");
        assertThat(printed).containsPattern("where the full detector's CPU went: \\d+\\.\\d core-s, \\d+\\.\\d{2} core-us a"
                + " liquidation");
        // What bench compare reads of each JVM's output: each run's full detector, the median ratio, the CPU.
        PipelineComparison.Result read = PipelineComparison.Result.parse(printed);
        assertThat(read.rates()).hasSize(2).allMatch(rate -> rate > 0);
        assertThat(read.ratios()).as(printed).contains(read.medianRatio());
        assertThat(read.coreMicrosPerLiquidation()).isPositive();
        Matcher threads = CPU_SHARE.matcher(printed);
        double shares = 0;
        List<String> named = new ArrayList<>();
        while (threads.find()) {
            shares += Double.parseDouble(threads.group(1));
            named.add(threads.group(3));
        }
        assertThat(named).as(printed).anyMatch(t -> t.startsWith("cascade intensity"))
                .contains("the JVM's own threads (garbage collector, JIT compiler)", "every other thread");
        assertThat(shares).as("the shares of the full detector's CPU add up").isCloseTo(100, within(0.1 * named.size()));
        Matcher operations = OPERATIONS.matcher(printed);
        int functions = 0;
        while (operations.find()) {
            assertThat(Long.parseLong(operations.group(2).replace(",", ""))).as(operations.group(1)).isPositive();
            functions++;
        }
        assertThat(functions).as(printed).isGreaterThanOrEqualTo(10);
        Matcher states = STATE.matcher(printed);
        int runs = 0;
        while (states.find()) {
            assertThat(Long.parseLong(states.group(1).replace(",", ""))).as("events of run " + runs).isPositive();
            assertThat(Long.parseLong(states.group(3).replace(",", ""))).as("heap of run " + runs).isPositive();
            runs++;
        }
        assertThat(runs).as(printed).isEqualTo(6);

        Matcher latencyRun = LATENCY_RUN.matcher(printed);
        assertThat(latencyRun.find()).as(printed).isTrue();
        assertThat(Long.parseLong(latencyRun.group(1).replace(",", ""))).as(latencyRun.group()).isPositive();
        Matcher latencyDeliveries = LATENCY_DELIVERY.matcher(printed);
        int deliveries = 0;
        while (latencyDeliveries.find()) {
            int timed = Integer.parseInt(latencyDeliveries.group(2));
            assertThat(timed).as("a cascade raises alerts: " + latencyDeliveries.group()).isPositive();
            assertThat(KIND_COUNT.matcher(latencyDeliveries.group(3)).results()
                    .mapToInt(k -> Integer.parseInt(k.group(1).replace(",", ""))).sum())
                    .as("the timed records by kind: " + latencyDeliveries.group()).isEqualTo(timed);
            deliveries++;
        }
        assertThat(deliveries).as(printed).isEqualTo(2);
        Matcher percentiles = PERCENTILES.matcher(printed);
        int latencies = 0;
        while (percentiles.find()) {
            long p50 = Long.parseLong(percentiles.group(1).replace(",", ""));
            long max = Long.parseLong(percentiles.group(3).replace(",", ""));
            // Nothing is had before the liquidation that let it be found, or emitted.
            assertThat(p50).as(percentiles.group()).isNotNegative().isLessThanOrEqualTo(max);
            latencies++;
        }
        assertThat(latencies).as(printed).isEqualTo(8);
        Matcher checkpoints = CHECKPOINTS.matcher(printed);
        assertThat(checkpoints.find()).as(printed).isTrue();
        assertThat(Long.parseLong(checkpoints.group(1).replace(",", ""))).as(checkpoints.group()).isPositive();
        assertThat(Long.parseLong(checkpoints.group(2).replace(",", "")))
                .isLessThanOrEqualTo(Long.parseLong(checkpoints.group(3).replace(",", "")));
        assertThat(Double.parseDouble(checkpoints.group(4))).as("the detector's state").isPositive();
    }

    @Test
    void aHistoryKeptInADirectoryIsReadAgainByTheNextRun(@TempDir Path dir) throws Exception {
        Path history = dir.resolve("history");
        String first = stdoutOf(() -> RadarCli.execute("bench", "pipeline", "--quick", "--history", history.toString()));
        String second = stdoutOf(() -> RadarCli.execute("bench", "pipeline", "--quick", "--history", history.toString()));

        assertThat(first).containsPattern("generated in \\d+\\.\\d s, kept in " + Pattern.quote(history.toString()));
        assertThat(history.resolve("liquidations.avro")).exists();
        assertThat(second).contains("kept in " + history + " by an earlier run").doesNotContain("generated in");
        Matcher made = POINTS_AND_ALERTS.matcher(first);
        assertThat(made.find()).as(first).isTrue();
        assertThat(second).as("the same files, the same outputs").contains(made.group());
    }

    @Test
    void aComparisonNeedsACommitOfThisCheckout() {
        assertThat(stderrOf(() -> assertThat(RadarCli.execute("bench", "compare")).isEqualTo(2)))
                .contains("bench compare needs --against COMMIT");
        assertThat(stderrOf(() -> assertThat(RadarCli.execute("bench", "compare", "--against", "no-such-commit")).isEqualTo(2)))
                .contains("--against no-such-commit: not a commit of");
    }

    @Test
    void noRunsIsOneLineAndExitCodeTwo() {
        String refused = stderrOf(() -> assertThat(RadarCli.execute("bench", "pipeline", "--runs", "0")).isEqualTo(2));
        assertThat(refused).contains("--runs 0: at least one run");
    }
}
