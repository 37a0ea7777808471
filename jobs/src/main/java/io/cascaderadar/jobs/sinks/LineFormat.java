package io.cascaderadar.jobs.sinks;

import io.cascaderadar.connectors.influxdb.Utf8Lines;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;

/**
 * How one record becomes lines of text (one JSON line, or several line-protocol points), each as its UTF-8 bytes
 * without the line break: what the sinks write, so a line made as bytes (a point) is never a string on its way, and
 * is copied once, from the buffer it was made in into the sink's ({@link Utf8Lines}).
 */
@FunctionalInterface
public interface LineFormat<T> extends Serializable {
    void format(T record, Utf8Lines lines);

    /** Text as its UTF-8 bytes. */
    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Lines joined by line breaks, as {@link LinesWithCount} sends them, each given apart (a range, not a copy). */
    static void eachLine(byte[] joined, Utf8Lines lines) {
        int start = 0;
        for (int i = 0; i < joined.length; i++) {
            if (joined[i] == '\n') {
                lines.line(joined, start, i);
                start = i + 1;
            }
        }
        lines.line(joined, start, joined.length);
    }
}
