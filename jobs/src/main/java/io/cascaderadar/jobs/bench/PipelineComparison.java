package io.cascaderadar.jobs.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bench compare}: this checkout's replay throughput against another commit's, on the same history, in one
 * run. The other commit is exported with {@code git archive} (the repository is not touched) and built; then each
 * side runs {@code radar bench pipeline} in a JVM of its own, in the order before, this, this, before: on a shared
 * VM whose pace drifts by a tenth within the hour, two runs one after the other would credit the drift to the code.
 * A side is run through its own {@code radar}, as a user runs it (its JVM flags and collector included).
 */
public final class PipelineComparison {

    /** The other commit, and what each side's {@code bench pipeline} is given. */
    public record Options(String against, long events, long seed, int parallelism, int runs, Path history,
            long warmUp) {}

    /** What one JVM of {@code bench pipeline} printed: the full detector's rate and ratio in each run, its CPU. */
    public record Result(List<Double> rates, List<Double> ratios, double medianRatio, double coreMicrosPerLiquidation) {

        private static final Pattern RUN = Pattern.compile("^run \\d+ of \\d+: .*full detector ([\\d,]+)/s \\(([\\d.]+)\\)",
                Pattern.MULTILINE);
        private static final Pattern SUMMARY = Pattern.compile(
                "^full detector +([\\d,]+) events/s, [\\d.]+ cores busy = ([\\d.]+) of pass-through", Pattern.MULTILINE);
        private static final Pattern CPU = Pattern.compile("([\\d.]+) core-us a liquidation");

        /** From the text of {@code bench pipeline}; refused when it has no full detector's figures. */
        public static Result parse(String text) {
            Matcher summary = SUMMARY.matcher(text);
            if (!summary.find()) {
                throw new IllegalArgumentException("no full detector's rate in the output of bench pipeline");
            }
            List<Double> rates = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            Matcher run = RUN.matcher(text);
            while (run.find()) {
                rates.add(number(run.group(1)));
                ratios.add(number(run.group(2)));
            }
            if (rates.isEmpty()) { // one run: only the summary
                rates.add(number(summary.group(1)));
                ratios.add(number(summary.group(2)));
            }
            Matcher cpu = CPU.matcher(text);
            return new Result(rates, ratios, number(summary.group(2)), cpu.find() ? number(cpu.group(1)) : Double.NaN);
        }

        double meanRate() {
            return rates.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        }

        private static double number(String digits) {
            return Double.parseDouble(digits.replace(",", ""));
        }
    }

    private static final long BUILD_MINUTES = 30;
    private static final long RUN_MINUTES = 60;

    private PipelineComparison() {}

    /** @param root this checkout: a git work tree with {@code radar} at its top */
    public static void run(Path root, Options options, PrintStream out) throws Exception {
        String commit;
        try {
            commit = git(root, "rev-parse", "--verify", "--quiet", options.against() + "^{commit}").strip();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--against " + options.against() + ": not a commit of " + root, e);
        }
        String shortCommit = commit.substring(0, 12);
        Path before = Path.of(System.getProperty("java.io.tmpdir"), "radar-compare-" + shortCommit);
        Path history = options.history() != null ? options.history() : before.resolve("history");
        Path outputs = Files.createDirectories(before.resolve("runs"));
        if (!Files.isRegularFile(before.resolve("radar"))) {
            out.printf(Locale.ROOT, "exporting %s (%s) to %s, and building it%n", options.against(), shortCommit, before);
            export(root, commit, before);
        }
        // Built before it is timed, and failing here rather than inside the first run.
        command(before, BUILD_MINUTES, before.resolve("build.log"),
                before.resolve("mvnw").toString(), "-q", "-B", "package", "-DskipTests");

        List<String> pipeline = List.of("bench", "pipeline", "--events", Long.toString(options.events()),
                "--seed", Long.toString(options.seed()), "--parallelism", Integer.toString(options.parallelism()),
                "--runs", Integer.toString(options.runs()), "--history", history.toString());
        // Code from before the warm-up times its first run while the JIT compiler still works: this side then does
        // too, so that the two are measured alike.
        boolean beforeWarmsUp = warmsUp(before);
        if (!beforeWarmsUp) {
            out.printf(Locale.ROOT, "%s has no warm-up: neither side warms up%n", shortCommit);
        }
        List<String> warmUp = List.of("--warm-up", Long.toString(beforeWarmsUp ? options.warmUp() : 0));
        String[] order = {shortCommit, "this", "this", shortCommit};
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < order.length; i++) {
            boolean thisSide = order[i].equals("this");
            Path side = thisSide ? root : before;
            Path output = outputs.resolve((i + 1) + "-" + order[i] + ".out");
            out.printf(Locale.ROOT, "JVM %d of %d: %s, bench pipeline --runs %d (%s)%n", i + 1, order.length, order[i],
                    options.runs(), output);
            List<String> radar = new ArrayList<>(List.of(side.resolve("radar").toString()));
            radar.addAll(pipeline);
            if (thisSide || beforeWarmsUp) {
                radar.addAll(warmUp);
            }
            command(side, RUN_MINUTES, output, radar.toArray(String[]::new));
            results.add(Result.parse(Files.readString(output)));
        }
        print(order, results, out);
    }

    /** Whether the checkout in {@code dir} has {@code bench --warm-up}. */
    static boolean warmsUp(Path dir) throws IOException {
        Path command = dir.resolve("jobs/src/main/java/io/cascaderadar/jobs/cli/BenchCommand.java");
        return Files.isRegularFile(command) && Files.readString(command).contains("\"--warm-up\"");
    }

    /** The table of the JVMs in the order they ran, then each side's mean. */
    static void print(String[] order, List<Result> results, PrintStream out) {
        out.println("| code | full detector, each run (ratio to the pass-through) | median ratio | core-us a liquidation |");
        out.println("|---|---|---|---|");
        for (int i = 0; i < order.length; i++) {
            Result r = results.get(i);
            List<String> runs = new ArrayList<>();
            for (int j = 0; j < r.rates().size(); j++) {
                runs.add(String.format(Locale.ROOT, "%,.0fk/s (%.3f)", r.rates().get(j) / 1000, r.ratios().get(j)));
            }
            out.printf(Locale.ROOT, "| %s | %s | %.3f | %.2f |%n", order[i], String.join(", ", runs), r.medianRatio(),
                    r.coreMicrosPerLiquidation());
        }
        for (String side : List.of(order[0], "this")) {
            List<Result> of = new ArrayList<>();
            for (int i = 0; i < order.length; i++) {
                if (order[i].equals(side)) {
                    of.add(results.get(i));
                }
            }
            out.printf(Locale.ROOT, "%-14s full detector %,.0f/s on average, median ratios %s, core-us a liquidation %s%n",
                    side + ":", of.stream().mapToDouble(Result::meanRate).average().orElseThrow(),
                    of.stream().map(r -> String.format(Locale.ROOT, "%.3f", r.medianRatio())).toList(),
                    of.stream().map(r -> String.format(Locale.ROOT, "%.2f", r.coreMicrosPerLiquidation())).toList());
        }
    }

    private static void export(Path root, String commit, Path to) throws Exception {
        Files.createDirectories(to);
        Path archive = to.resolve("source.tar");
        git(root, "archive", "--format=tar", "--output=" + archive, commit);
        command(to, BUILD_MINUTES, to.resolve("export.log"), "tar", "-xf", archive.toString());
        Files.delete(archive);
    }

    private static String git(Path root, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", root.toString()));
        command.addAll(List.of(args));
        Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!git.waitFor(1, TimeUnit.MINUTES) || git.exitValue() != 0) {
            throw new IllegalArgumentException("git " + String.join(" ", args) + " failed in " + root
                    + (text.isBlank() ? "" : ": " + text.strip()));
        }
        return text;
    }

    /** Runs a command in {@code dir}, its output into {@code log}; fails with the log's end when it does. */
    private static void command(Path dir, long minutes, Path log, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " ran more than " + minutes + " minutes; see " + log);
        }
        if (process.exitValue() != 0) {
            List<String> lines = Files.readAllLines(log);
            throw new IOException(String.join(" ", command) + " failed (exit " + process.exitValue() + "); the end of "
                    + log + ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
        }
    }
}
