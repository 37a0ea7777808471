package io.cascaderadar.jobs.replay;

import io.cascaderadar.connectors.csv.CsvFileReader;
import io.cascaderadar.connectors.csv.CsvReadFormat;
import io.cascaderadar.connectors.csv.InputFileException;
import io.cascaderadar.connectors.validation.DeadLetter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * One input of a replay, read from its CSV files, sorted by event time (stable: ties keep file order) and
 * written as an Avro container file for the job's file source. Sorting makes the replay event-time exact:
 * nothing arrives late, whatever the order of the files. Rows that cannot be used go to the dead letters.
 */
public final class SortedInput {
    private final Path avroFile;
    private final long rows;
    private final long records;
    private final Instant first;
    private final Instant last;

    private SortedInput(Path avroFile, long rows, long records, Instant first, Instant last) {
        this.avroFile = avroFile;
        this.rows = rows;
        this.records = records;
        this.first = first;
        this.last = last;
    }

    public static <T extends SpecificRecordBase> SortedInput prepare(List<Path> csvFiles, CsvReadFormat<T> format,
            Class<T> type, Function<T, Instant> eventTime, Path avroFile, Consumer<DeadLetter> rejects)
            throws InputFileException, IOException {
        List<T> all = new ArrayList<>();
        long rows = 0;
        for (Path file : csvFiles) {
            CsvFileReader.Counts counts = CsvFileReader.read(file, format, all::add, rejects);
            rows += counts.records() + counts.rejected();
        }
        all.sort(Comparator.comparing(eventTime));
        Schema schema = all.isEmpty() ? newInstance(type).getSchema() : all.get(0).getSchema();
        try (DataFileWriter<T> writer = AvroFileFormat.writer(avroFile, schema)) {
            for (T record : all) {
                writer.append(record);
            }
        }
        return new SortedInput(avroFile, rows, all.size(),
                all.isEmpty() ? null : eventTime.apply(all.get(0)),
                all.isEmpty() ? null : eventTime.apply(all.get(all.size() - 1)));
    }

    private static <T extends SpecificRecordBase> T newInstance(Class<T> type) throws IOException {
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IOException("cannot create an empty " + type.getSimpleName(), e);
        }
    }

    public Path avroFile() {
        return avroFile;
    }

    public long rows() {
        return rows;
    }

    public long records() {
        return records;
    }

    public Instant first() {
        return first;
    }

    public Instant last() {
        return last;
    }
}
