package io.cascaderadar.jobs.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.connectors.csv.CsvFileReader;
import io.cascaderadar.connectors.history.HistoryFormat;
import io.cascaderadar.connectors.history.HistoryRecords;
import io.cascaderadar.connectors.csv.InputFileException;
import io.cascaderadar.connectors.validation.DeadLetter;
import io.cascaderadar.connectors.validation.RejectReason;
import io.cascaderadar.connectors.venue.WireDecoder;
import io.cascaderadar.connectors.venue.WireMessageException;
import io.cascaderadar.connectors.venue.WireRecords;
import io.cascaderadar.jobs.collect.VenueFeeds;
import io.cascaderadar.jobs.history.NormalizedFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Recorded wire messages ({@code replay --raw VENUE:FILE}): JSON lines, each a message as the venue sent it, or
 * {@code {"receiveTime": ms or ISO-8601, "message": ...}}. They go through the collector's decoders (each line is
 * tried with every channel's decoder of the venue) into normalized CSV files that the replay reads like any other;
 * a line no decoder reads becomes a dead letter with the line. Without a receive time, the receive time is the
 * event time.
 */
public final class RawRecordings {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The normalized CSV files made from the recordings; null where the recordings held no such record. */
    public record Normalized(Path liquidations, Path openInterest) {}

    private RawRecordings() {}

    /** @param recordings {@code VENUE:FILE} */
    public static Normalized decode(List<String> recordings, Path dir, Consumer<DeadLetter> reject)
            throws IOException, InputFileException {
        try (NormalizedFiles files = new NormalizedFiles(dir)) {
            for (String recording : recordings) {
                int colon = recording.indexOf(':');
                if (colon < 1) {
                    throw new IllegalArgumentException("--raw " + recording + ": VENUE:FILE");
                }
                read(recording.substring(0, colon), Path.of(recording.substring(colon + 1)), files, reject);
            }
            return new Normalized(files.liquidationsFile(), files.openInterestFile());
        }
    }

    /** One venue's recording, every line decoded into {@code out} or rejected. */
    public static CsvFileReader.Counts read(String venue, Path file, HistoryRecords out,
            Consumer<? super DeadLetter> reject) throws IOException, InputFileException {
        List<WireDecoder> decoders = VenueFeeds.decoders(venue);
        long decoded = 0;
        long rejected = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String line; (line = in.readLine()) != null; ) {
                number++;
                if (!line.isBlank()) {
                    if (decode(line, file + ":" + number, decoders, out, reject)) {
                        decoded++;
                    } else {
                        rejected++;
                    }
                }
            }
        } catch (NoSuchFileException e) {
            throw new InputFileException(file + ": no such file");
        }
        return new CsvFileReader.Counts(decoded, rejected);
    }

    /** The import format: the venue is the recording's file name, as {@code collect --record DIR} names it. */
    public static HistoryFormat format() {
        return HistoryFormat.of("collector-jsonl", "the raw JSON lines of `collect --record DIR` (DIR/<venue>.jsonl,"
                + " {receiveTime, message}) or bare wire messages: decoded by the venue's live decoders, so every venue"
                + " semantic of the live path applies; liquidations and open interest, receive times kept (the event time"
                + " where a line has none); Binance and OKX lines are sampled feeds", (file, out, rejects) -> {
                    String venue = file.getFileName().toString().replaceFirst("\\.jsonl$", "");
                    try {
                        return read(venue, file, out, rejects);
                    } catch (IllegalArgumentException e) {
                        throw new InputFileException(file + ": the file is named after its venue by `collect --record` ("
                                + e.getMessage() + ")");
                    } catch (IOException e) {
                        throw new InputFileException(file + ": cannot be read (" + e.getMessage() + ")", e);
                    }
                });
    }

    private static boolean decode(String line, String source, List<WireDecoder> decoders, HistoryRecords out,
            Consumer<? super DeadLetter> reject) {
        String message = line;
        Instant received = null;
        try {
            JsonNode root = JSON.readTree(line);
            if (root != null && root.isObject() && root.has("message") && root.size() <= 2) {
                JsonNode m = root.get("message");
                message = m.isTextual() ? m.asText() : m.toString();
                JsonNode time = root.get("receiveTime");
                received = time == null ? null : time.isNumber() ? Instant.ofEpochMilli(time.asLong()) : Instant.parse(time.asText());
            }
        } catch (IOException | RuntimeException notAnEnvelope) {
            // the line is the message itself; the decoders say whether it is one
        }
        WireMessageException first = null;
        for (WireDecoder decoder : decoders) {
            try {
                WireRecords records = decoder.decode(message, received == null ? Instant.EPOCH : received);
                boolean timed = received != null;
                records.liquidations().forEach(e -> out.liquidation(timed ? e
                        : LiquidationEvent.newBuilder(e).setReceiveTime(e.getEventTime()).build()));
                records.openInterest().forEach(out::openInterest);
                return true;
            } catch (WireMessageException e) {
                first = first == null ? e : first;
            }
        }
        reject.accept(new DeadLetter(source, first == null ? RejectReason.MALFORMED_MESSAGE : first.reason(),
                first == null ? "no decoder" : first.getMessage(), line));
        return false;
    }
}
