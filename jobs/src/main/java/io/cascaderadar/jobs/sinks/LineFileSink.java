package io.cascaderadar.jobs.sinks;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes records as lines to one local file (the replay outputs). Run it with parallelism 1: lines keep the
 * order in which the records arrive. The file is flushed on every checkpoint and at the end of the input.
 */
public class LineFileSink<T> implements Sink<T> {
    private final String path;
    private final boolean append;
    private final LineFormat<T> format;

    public LineFileSink(Path path, boolean append, LineFormat<T> format) {
        this.path = path.toString();
        this.append = append;
        this.format = format;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        StandardOpenOption mode = append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(Path.of(path),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode), 1 << 16);
        return new Writer<>(out, format);
    }

    private static final class Writer<T> implements SinkWriter<T> {
        private final OutputStream out;
        private final LineFormat<T> format;

        Writer(OutputStream out, LineFormat<T> format) {
            this.out = out;
            this.format = format;
        }

        @Override
        public void write(T record, Context context) throws IOException {
            try {
                format.format(record, (line, from, to) -> {
                    try {
                        out.write(line, from, to - from);
                        out.write('\n');
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
