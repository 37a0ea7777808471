package io.cascaderadar.connectors.influxdb;

/**
 * Where lines of text go as their UTF-8 bytes, without the line break: each a range of an array that its writer may
 * use again for the next line, so a line is read or copied before {@link #line} returns, never kept. A point is made
 * in its {@link LineBuilder}'s buffer and copied once, into whatever collects the lines.
 */
@FunctionalInterface
public interface Utf8Lines {
    /** The line in {@code bytes} from index {@code from} (inclusive) to {@code to} (exclusive). */
    void line(byte[] bytes, int from, int to);

    /** A line that is a whole array. */
    default void line(byte[] whole) {
        line(whole, 0, whole.length);
    }
}
