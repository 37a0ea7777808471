package io.cascaderadar.connectors.influxdb;

/**
 * Writes one line-protocol point at a time, in the order of the calls, into a builder that each thread reuses:
 * what {@link LinePoint} writes once it has sorted its keys, and what a caller that gives its keys in order
 * (tags, then fields, each sorted by key as InfluxDB recommends) may call directly. Such a caller writes a point's
 * measurement and tags once and goes {@link #back} to them for each of several points that share them (a
 * signal's windows): a signal's six points allocated 8.9 KB, for 2 KB of text, with a builder and sorted
 * arrays per point. Tags with a null or empty value and non-finite floats are left out (the protocol has
 * neither), and a point without a field is refused at its end. One point at a time per thread: a
 * {@link LinePoint} written between the calls would take the builder.
 */
public final class LineBuilder {
    private static final ThreadLocal<LineBuilder> PER_THREAD = ThreadLocal.withInitial(LineBuilder::new);

    private final StringBuilder line = new StringBuilder(512);
    /** Before the next field: ' ' after the tags, ',' after a field. */
    private char separator;

    private LineBuilder() {}

    /** This thread's writer, with the point's measurement written; what it wrote before is gone. */
    public static LineBuilder measurement(String name) {
        LineBuilder writer = PER_THREAD.get();
        writer.line.setLength(0);
        appendEscaped(writer.line, name, false);
        writer.separator = ' ';
        return writer;
    }

    /** Where the point is now: after the measurement and some tags, before any field. */
    public int mark() {
        if (separator != ' ') {
            throw new IllegalStateException("a mark is taken before the fields");
        }
        return line.length();
    }

    /** Back to a {@link #mark()}: what was written after it is gone, and the next field is the first again. */
    public LineBuilder back(int mark) {
        line.setLength(mark);
        separator = ' ';
        return this;
    }

    public LineBuilder tag(String key, String value) {
        if (value != null && !value.isEmpty()) {
            appendEscaped(line.append(','), key, true);
            appendEscaped(line.append('='), value, true);
        }
        return this;
    }

    public LineBuilder field(String key, double value) {
        if (Double.isFinite(value)) {
            ShortestDecimal.append(key(key), value);
        }
        return this;
    }

    /** A float field; null is left out. */
    public LineBuilder field(String key, Double value) {
        return value == null ? this : field(key, value.doubleValue());
    }

    public LineBuilder field(String key, long value) {
        key(key).append(value).append('i');
        return this;
    }

    public LineBuilder field(String key, boolean value) {
        key(key).append(value);
        return this;
    }

    /** A string field, quoted, its quotes and backslashes escaped; null is left out. */
    public LineBuilder field(String key, String value) {
        if (value != null) {
            StringBuilder out = key(key).append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"' || c == '\\') {
                    out.append('\\');
                }
                out.append(c);
            }
            out.append('"');
        }
        return this;
    }

    /** The point, ended by its time in milliseconds; then {@link #back} to a mark, or a new {@link #measurement}. */
    public String end(long timestampMillis) {
        if (separator == ' ') {
            throw new IllegalStateException("a point needs at least one field: " + line);
        }
        return line.append(' ').append(timestampMillis).toString();
    }

    private StringBuilder key(String key) {
        appendEscaped(line.append(separator), key, true);
        separator = ',';
        return line.append('=');
    }

    /**
     * Escaped straight into the line, without a string per key and value (a replay's profile found those copies);
     * most need no escaping and are copied whole.
     */
    private static void appendEscaped(StringBuilder line, String s, boolean equalsToo) {
        int length = s.length();
        int i = 0;
        // Letters, digits and '_' are above '=', the highest character to escape: one comparison for most.
        while (i < length && (s.charAt(i) > '=' || !needsEscape(s.charAt(i), equalsToo))) {
            i++;
        }
        if (i == length) {
            // Whole: a String is copied as an array, a range of it char by char.
            line.append(s);
            return;
        }
        line.append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                line.append(' ');
            } else {
                line.append(needsEscape(c, equalsToo) ? "\\" : "").append(c);
            }
        }
    }

    private static boolean needsEscape(char c, boolean equalsToo) {
        return c == ',' || c == ' ' || c == '\n' || (equalsToo && c == '=');
    }
}
