package io.cascaderadar.jobs.collect;

import io.cascaderadar.avro.FeedHealth;
import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.OpenInterestUpdate;
import io.cascaderadar.connectors.json.AvroJson;
import io.cascaderadar.connectors.validation.DeadLetter;
import io.cascaderadar.jobs.sinks.DeadLetterJson;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Records as JSON lines with the Avro field names, one per line, in the order they came, for inspection
 * ({@code --sink jsonl:FILE}); dead letters beside them in {@code FILE.dead-letter.jsonl}. Both are appended to, so
 * a collector or a backfill started again where it stopped continues the same file. Each line is flushed, so a file
 * read while the collector runs is whole up to its last line.
 */
public final class JsonlCollectorSink implements CollectorSink {
    private final BufferedWriter records;
    private final BufferedWriter deadLetters;

    public JsonlCollectorSink(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        this.records = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        this.deadLetters = Files.newBufferedWriter(deadLetterFile(file), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    public static Path deadLetterFile(Path file) {
        return file.resolveSibling(file.getFileName() + ".dead-letter.jsonl");
    }

    @Override
    public void liquidation(LiquidationEvent event) throws IOException {
        line(records, AvroJson.toJson(event));
    }

    @Override
    public void openInterest(OpenInterestUpdate update) throws IOException {
        line(records, AvroJson.toJson(update));
    }

    @Override
    public void feedHealth(FeedHealth health) throws IOException {
        line(records, AvroJson.toJson(health));
    }

    @Override
    public void deadLetter(DeadLetter letter) throws IOException {
        line(deadLetters, DeadLetterJson.toJson(letter));
    }

    private synchronized void line(BufferedWriter out, String json) throws IOException {
        out.write(json);
        out.write('\n');
        out.flush();
    }

    @Override
    public void flush() {
        // every line is flushed as it is written
    }

    @Override
    public synchronized void close() throws IOException {
        try (records; deadLetters) {
            records.flush();
            deadLetters.flush();
        }
    }
}
