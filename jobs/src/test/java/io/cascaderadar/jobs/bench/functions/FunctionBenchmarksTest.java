package io.cascaderadar.jobs.bench.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The quick run measures every hot function and prints its score; what the scores are is measured, never asserted. */
class FunctionBenchmarksTest {
    private static final Pattern SCORE = Pattern.compile("^(\\S+)\\s+([\\d,]+) ops/s  ± ", Pattern.MULTILINE);
    private static final List<String> BENCHMARKS = List.of(
            "AvroCodecBenchmarks.decodeLiquidation",
            "AvroCodecBenchmarks.deserializeSignal",
            "AvroCodecBenchmarks.encodeLiquidation",
            "AvroCodecBenchmarks.serializeSignal",
            "CascadeIntensityBenchmarks.addToStepSums",
            "CascadeIntensityBenchmarks.baselineMinute",
            "CascadeIntensityBenchmarks.branchingRatio",
            "CascadeIntensityBenchmarks.windowSumsOfStep",
            "DeduplicationBenchmarks.countNewId",
            "DeduplicationBenchmarks.eventIdFingerprint",
            "InputDecodingBenchmarks.binanceForceOrderToLiquidation",
            "InputDecodingBenchmarks.csvLineToLiquidation",
            "SignalPointBenchmarks.cascadeSignalLines",
            "SignalPointBenchmarks.floatAsJavaText",
            "SignalPointBenchmarks.floatAsRoundedDecimal",
            "SignalPointBenchmarks.floatAsShortestDecimal");

    @Test
    void theQuickRunPrintsAPositiveScoreForEachBenchmark() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            FunctionBenchmarks.run(true, out);
        }
        String text = printed.toString(StandardCharsets.UTF_8);
        System.out.print(text);

        assertThat(text).startsWith("JMH, operations per second of one thread: no fork");
        Map<String, Long> scores = new LinkedHashMap<>();
        Matcher score = SCORE.matcher(text);
        while (score.find()) {
            scores.put(score.group(1), Long.parseLong(score.group(2).replace(",", "")));
        }
        assertThat(scores.keySet()).as(text).containsExactlyElementsOf(BENCHMARKS);
        assertThat(scores).as(text).allSatisfy((benchmark, opsPerSecond) -> assertThat(opsPerSecond).as(benchmark).isPositive());
    }
}
