package io.cascaderadar.jobs.sinks;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * How one record becomes lines of text (one JSON line, or several line-protocol points), each as its UTF-8 bytes
 * without the line break: what the sinks write, so a line made as bytes (a point) is never a string on its way.
 */
@FunctionalInterface
public interface LineFormat<T> extends Serializable {
    void format(T record, Consumer<byte[]> lines);

    /** Text as its UTF-8 bytes. */
    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Lines joined by line breaks, as {@link LinesWithCount} sends them, each given apart. */
    static void eachLine(byte[] joined, Consumer<byte[]> lines) {
        int start = 0;
        for (int i = 0; i < joined.length; i++) {
            if (joined[i] == '\n') {
                lines.accept(Arrays.copyOfRange(joined, start, i));
                start = i + 1;
            }
        }
        lines.accept(start == 0 ? joined : Arrays.copyOfRange(joined, start, joined.length));
    }
}
