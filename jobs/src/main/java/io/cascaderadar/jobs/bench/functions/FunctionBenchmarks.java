package io.cascaderadar.jobs.bench.functions;

import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * JMH micro-benchmarks of the detector's hot functions, the benchmarks of this package: decoding a CSV line and a
 * venue's frame, Avro encoding and decoding (a liquidation, and a signal through Flink's serializer), the
 * de-duplication's fingerprint and lookup, the cascade intensity's bins, window sums, baseline and branching ratio,
 * and a signal as line protocol. Throughput of one thread, reported, never asserted. A fork inherits this JVM's options (JMH's default), the add-opens flags of {@code ./radar} included.
 */
public final class FunctionBenchmarks {

    private FunctionBenchmarks() {}

    /**
     * @param quick in this JVM, one warmup of 100 ms and one measurement of 200 ms per benchmark: to see that they
     *     run (the figures then mean little); otherwise one fork, three warmups and five measurements of a second each
     */
    public static void run(boolean quick, PrintStream out) throws Exception {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("^" + Pattern.quote(FunctionBenchmarks.class.getPackageName() + "."))
                .mode(Mode.Throughput)
                .timeUnit(TimeUnit.SECONDS)
                .threads(1)
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT);
        if (quick) {
            options.forks(0)
                    .warmupIterations(1).warmupTime(TimeValue.milliseconds(100))
                    .measurementIterations(1).measurementTime(TimeValue.milliseconds(200));
            out.println("JMH, operations per second of one thread: no fork, 1 warmup of 100 ms and 1 measurement of"
                    + " 200 ms per benchmark (quick: to see that they run, the figures mean little)");
        } else {
            options.forks(1)
                    .warmupIterations(3).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(5).measurementTime(TimeValue.seconds(1));
            out.println("JMH, operations per second of one thread: 1 fork, 3 warmups and 5 measurements of 1 s per"
                    + " benchmark; ± is the 99.9% confidence interval");
        }
        List<RunResult> results = new Runner(options.build()).run().stream()
                .sorted(Comparator.comparing(r -> r.getParams().getBenchmark()))
                .toList();
        int nameWidth = results.stream().mapToInt(r -> name(r).length()).max().orElse(0);
        for (RunResult r : results) {
            Result<?> score = r.getPrimaryResult();
            String error = Double.isNaN(score.getScoreError()) ? "n/a (one measurement)"
                    : String.format(Locale.ROOT, "%,.0f", score.getScoreError());
            out.printf(Locale.ROOT, "%-" + nameWidth + "s  %,15.0f ops/s  ± %s%n", name(r), score.getScore(), error);
        }
    }

    /** The benchmark's class and method. */
    private static String name(RunResult result) {
        return result.getParams().getBenchmark().substring(FunctionBenchmarks.class.getPackageName().length() + 1);
    }
}
