package io.cascaderadar.connectors.influxdb;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One InfluxDB line-protocol point with a millisecond timestamp (write with {@code precision=ms}). Tags are
 * sorted by key, as InfluxDB recommends; non-finite floats are left out (the protocol has no NaN).
 */
public final class LinePoint {
    private final String measurement;
    private final Map<String, String> tags = new TreeMap<>();
    private final Map<String, String> fields = new TreeMap<>();
    private long timestampMillis;

    private LinePoint(String measurement) {
        this.measurement = measurement;
    }

    public static LinePoint measurement(String name) {
        return new LinePoint(name);
    }

    /** A tag; a null or empty value is left out. */
    public LinePoint tag(String key, String value) {
        if (value != null && !value.isEmpty()) {
            tags.put(key, value);
        }
        return this;
    }

    public LinePoint field(String key, double value) {
        if (Double.isFinite(value)) {
            fields.put(key, Double.toString(value).replace('E', 'e'));
        }
        return this;
    }

    /** A float field; null is left out. */
    public LinePoint field(String key, Double value) {
        return value == null ? this : field(key, value.doubleValue());
    }

    public LinePoint field(String key, long value) {
        fields.put(key, value + "i");
        return this;
    }

    public LinePoint field(String key, boolean value) {
        fields.put(key, Boolean.toString(value));
        return this;
    }

    public LinePoint field(String key, String value) {
        if (value != null) {
            fields.put(key, '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"');
        }
        return this;
    }

    public LinePoint time(Instant t) {
        this.timestampMillis = t.toEpochMilli();
        return this;
    }

    public String toLine() {
        if (fields.isEmpty()) {
            throw new IllegalStateException("a point needs at least one field: " + measurement);
        }
        StringBuilder line = new StringBuilder(128);
        appendEscaped(line, measurement, false);
        for (Map.Entry<String, String> t : tags.entrySet()) {
            appendEscaped(line.append(','), t.getKey(), true);
            appendEscaped(line.append('='), t.getValue(), true);
        }
        char sep = ' ';
        for (Map.Entry<String, String> f : fields.entrySet()) {
            appendEscaped(line.append(sep), f.getKey(), true);
            line.append('=').append(f.getValue());
            sep = ',';
        }
        return line.append(' ').append(timestampMillis).toString();
    }

    /** Escaped straight into the line, without a string per key and value (a replay's profile found those copies). */
    private static void appendEscaped(StringBuilder line, String s, boolean equalsToo) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == ' ' || (equalsToo && c == '=')) {
                line.append('\\');
            }
            line.append(c == '\n' ? ' ' : c);
        }
    }
}
