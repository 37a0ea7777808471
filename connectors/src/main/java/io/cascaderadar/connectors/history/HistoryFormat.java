package io.cascaderadar.connectors.history;

import io.cascaderadar.connectors.csv.CsvFileReader;
import io.cascaderadar.connectors.csv.CsvReadFormat;
import io.cascaderadar.connectors.csv.InputFileException;
import io.cascaderadar.connectors.validation.DeadLetter;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;

/**
 * A history format that {@code radar import} converts to the normalized files: every row (or line) of a file
 * becomes liquidations, open interest or prices, or a dead letter with its reason.
 */
public interface HistoryFormat {

    /** The name on the command line, e.g. {@code tardis-liquidations}. */
    String id();

    /** What the format's fields map to and what it cannot know (sampled feeds, missing times, aggregates). */
    String description();

    CsvFileReader.Counts read(Path file, HistoryRecords out, Consumer<? super DeadLetter> rejects)
            throws InputFileException;

    /** A CSV format whose row is one record. */
    static HistoryFormat csv(String id, String description, CsvReadFormat<? extends SpecificRecord> rows) {
        return csvRows(id, description, new CsvReadFormat<List<SpecificRecord>>() {
            @Override
            public String name() {
                return rows.name();
            }

            @Override
            public List<String> requiredColumns() {
                return rows.requiredColumns();
            }

            @Override
            public List<String> impliedHeader() {
                return rows.impliedHeader();
            }

            @Override
            public List<SpecificRecord> fromRow(io.cascaderadar.connectors.csv.CsvRow row)
                    throws io.cascaderadar.connectors.validation.Rejection {
                return List.of(rows.fromRow(row));
            }
        });
    }

    /** A CSV format whose row holds any number of records (wide exports: one column per venue and side). */
    static HistoryFormat csvRows(String id, String description,
            CsvReadFormat<? extends Collection<? extends SpecificRecord>> rows) {
        return of(id, description, (file, out, rejects) ->
                CsvFileReader.read(file, rows, records -> records.forEach(out::accept), rejects));
    }

    /** How one file is read. */
    @FunctionalInterface
    interface FileReader {
        CsvFileReader.Counts read(Path file, HistoryRecords out, Consumer<? super DeadLetter> rejects)
                throws InputFileException;
    }

    /** A format named {@code id} whose files {@code reader} reads. */
    static HistoryFormat of(String id, String description, FileReader reader) {
        return new HistoryFormat() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public CsvFileReader.Counts read(Path file, HistoryRecords out, Consumer<? super DeadLetter> rejects)
                    throws InputFileException {
                return reader.read(file, out, rejects);
            }
        };
    }
}
