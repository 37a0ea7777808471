package io.cascaderadar.jobs.cli;

import io.cascaderadar.connectors.history.HistoryFormat;
import io.cascaderadar.connectors.validation.InputRules;
import io.cascaderadar.jobs.history.HistoryFormats;
import io.cascaderadar.jobs.history.NormalizedFiles;
import io.cascaderadar.jobs.replay.ReplayOutputs;
import io.cascaderadar.jobs.sinks.DeadLetterJson;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code radar import}: history in another format to the normalized files that replay and publish read. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Converts history to the normalized CSV files (liquidations.csv, open-interest.csv, prices.csv)"
                + " and dead-letter.jsonl. `radar import --formats` says what each format maps.")
public final class ImportCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "FORMAT", description = "See --formats.")
    String format;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "FILE", description = "Input files.")
    List<Path> files = List.of();

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--formats", description = "Lists the formats and what each maps and cannot know.")
    boolean listFormats;

    @Override
    public Integer call() throws Exception {
        Map<String, HistoryFormat> formats = HistoryFormats.all(InputRules.defaults(), Instant.now());
        if (listFormats) {
            formats.values().forEach(f -> System.out.printf("%-29s %s%n", f.id(), f.description()));
            return 0;
        }
        if (format == null || files.isEmpty() || out == null) {
            throw new IllegalArgumentException("usage: radar import FORMAT FILE... --out DIR (formats: "
                    + String.join(", ", formats.keySet()) + ")");
        }
        HistoryFormat input = formats.get(format);
        if (input == null) {
            throw new IllegalArgumentException("unknown format '" + format + "'; known: " + String.join(", ", formats.keySet()));
        }
        Files.createDirectories(out);
        long rows = 0;
        long rejected = 0;
        try (NormalizedFiles normalized = new NormalizedFiles(out);
                BufferedWriter dead = Files.newBufferedWriter(out.resolve(ReplayOutputs.DEAD_LETTERS), StandardCharsets.UTF_8)) {
            for (Path file : files) {
                var counts = input.read(file, normalized, d -> {
                    try {
                        dead.write(DeadLetterJson.toJson(d));
                        dead.write('\n');
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                rows += counts.records();
                rejected += counts.rejected();
            }
            System.out.printf("imported %,d rows of %s (%,d rejected -> %s)%n", rows, format, rejected,
                    out.resolve(ReplayOutputs.DEAD_LETTERS));
            normalized.summary().forEach(System.out::println);
        }
        return 0;
    }
}
