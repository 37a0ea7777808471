package io.cascaderadar.connectors.csv;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes records as CSV with a header row; gzip when the file name ends with .gz. */
public final class CsvFileWriter<T> implements AutoCloseable {
    private final BufferedWriter out;
    private final CsvWriteFormat<T> format;

    public CsvFileWriter(Path file, CsvWriteFormat<T> format) throws IOException {
        OutputStream stream = Files.newOutputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            stream = new GZIPOutputStream(stream, 1 << 16);
        }
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
        this.format = format;
        writeLine(CsvLine.join(format.header()));
    }

    public void write(T record) {
        writeLine(CsvLine.join(format.toRow(record)));
    }

    private void writeLine(String line) {
        try {
            out.write(line);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
