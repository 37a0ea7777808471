package io.cascaderadar.connectors.csv;

import io.cascaderadar.connectors.validation.DeadLetter;
import io.cascaderadar.connectors.validation.RejectReason;
import io.cascaderadar.connectors.validation.Rejection;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Reads a CSV file (plain or gzip, detected by its magic bytes) with a header row, or without one where the
 * format implies its columns: every data row becomes a
 * record or a dead letter with the file, the line number, the reason and the raw line. A row may leave out
 * trailing blank columns; a row with more fields than the header is malformed. A file that cannot be
 * used at all (missing, unreadable, a header without the required columns) is an {@link InputFileException}.
 */
public final class CsvFileReader {

    private CsvFileReader() {}

    /** What a read produced. */
    public record Counts(long records, long rejected) {}

    public static <T> Counts read(Path file, CsvReadFormat<T> format, Consumer<? super T> records,
            Consumer<? super DeadLetter> rejects) throws InputFileException {
        try (BufferedReader reader = open(file)) {
            String headerLine = reader.readLine();
            if (headerLine == null) {
                throw new InputFileException(file + ": empty file, expected a " + format.name() + " CSV header");
            }
            boolean headerless = !format.impliedHeader().isEmpty() && startsWithNumber(headerLine);
            List<String> names = header(file, headerless ? String.join(",", format.impliedHeader()) : headerLine, format);
            Map<String, Integer> columns = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                columns.put(names.get(i), i);
            }
            long ok = 0;
            long bad = 0;
            long lineNumber = headerless ? 0 : 1;
            String line = headerless ? headerLine : reader.readLine();
            for (; line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> values = CsvLine.split(line);
                try {
                    if (values == null) {
                        throw new Rejection(RejectReason.MALFORMED_LINE, "unclosed quote");
                    }
                    if (values.size() > names.size()) {
                        throw new Rejection(RejectReason.MALFORMED_LINE,
                                values.size() + " fields where the header has " + names.size());
                    }
                    records.accept(format.fromRow(new CsvRow(columns, names, values)));
                    ok++;
                } catch (Rejection r) {
                    rejects.accept(r.toDeadLetter(file.getFileName() + ":" + lineNumber, line));
                    bad++;
                }
            }
            return new Counts(ok, bad);
        } catch (NoSuchFileException e) {
            throw new InputFileException(file + ": no such file");
        } catch (IOException e) {
            throw new InputFileException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static boolean startsWithNumber(String line) {
        String first = line.strip();
        return !first.isEmpty() && (Character.isDigit(first.charAt(0)) || first.charAt(0) == '-');
    }

    /** The header's column names, trimmed and in lower case, in file order (repeated names kept). */
    private static List<String> header(Path file, String line, CsvReadFormat<?> format)
            throws InputFileException {
        List<String> raw = CsvLine.split(line.startsWith("\uFEFF") ? line.substring(1) : line);
        if (raw == null) {
            throw new InputFileException(file + ": unreadable header (unclosed quote)");
        }
        List<String> names = raw.stream().map(n -> n.trim().toLowerCase(Locale.ROOT)).toList();
        List<String> missing = format.requiredColumns().stream().filter(c -> !names.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new InputFileException(file + ": not a " + format.name() + " CSV, the header lacks "
                    + String.join(", ", missing) + " (expected at least " + String.join(",", format.requiredColumns()) + ")");
        }
        return names;
    }

    private static BufferedReader open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        if (b1 == 0x1f && b2 == 0x8b) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }
}
