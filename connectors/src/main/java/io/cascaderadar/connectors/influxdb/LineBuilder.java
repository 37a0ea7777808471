package io.cascaderadar.connectors.influxdb;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes one line-protocol point at a time, in the order of the calls, as UTF-8 into a buffer that each thread
 * reuses: what {@link LinePoint} writes once it has sorted its keys, and what a caller that gives its keys in order
 * (tags, then fields, each sorted by key as InfluxDB recommends) may call directly. Such a caller writes a point's
 * measurement and tags once and goes {@link #back} to them for each of several points that share them (a
 * signal's windows): a signal's six points allocated 8.9 KB, for 2 KB of text, with a builder and sorted
 * arrays per point. Numbers are written as digits straight into the bytes ({@link AsciiDigits},
 * {@link ShortestDecimal}), the point's text made once at its end. Tags with a null or empty value and non-finite
 * floats are left out (the protocol has neither), and a point without a field is refused at its end. One point at
 * a time per thread: a {@link LinePoint} written between the calls would take the buffer.
 */
public final class LineBuilder {
    private static final ThreadLocal<LineBuilder> PER_THREAD = ThreadLocal.withInitial(LineBuilder::new);
    /** The most bytes one char takes here: escaped (two), or in UTF-8 (three; a pair of surrogates takes four). */
    private static final int MAX_BYTES_PER_CHAR = 3;

    private byte[] line;
    private int length;
    /** The time the last point ended with, and its digits: a signal's six points, and a step's signals, share it. */
    private long lastTime = Long.MIN_VALUE;
    private final byte[] lastTimeDigits = new byte[AsciiDigits.MAX_LENGTH];
    private int lastTimeLength;
    /** Before the next field: ' ' after the tags, ',' after a field. */
    private byte separator;

    private LineBuilder() {
        this(512);
    }

    private LineBuilder(int capacity) {
        line = new byte[capacity];
        lastTimeLength = AsciiDigits.write(lastTimeDigits, 0, lastTime);
    }

    /** This thread's writer, with the point's measurement written; what it wrote before is gone. */
    public static LineBuilder measurement(String name) {
        LineBuilder writer = emptied();
        writer.appendEscaped(name, false);
        return writer;
    }

    /** As {@link #measurement(String)}, with a name escaped once ({@link Key#measurement}) and copied. */
    public static LineBuilder measurement(Key name) {
        LineBuilder writer = emptied();
        writer.appendKey(name, null);
        return writer;
    }

    private static LineBuilder emptied() {
        LineBuilder writer = PER_THREAD.get();
        writer.length = 0;
        writer.separator = ' ';
        return writer;
    }

    /** Where the point is now: after the measurement and some tags, before any field. */
    public int mark() {
        if (separator != ' ') {
            throw new IllegalStateException("a mark is taken before the fields");
        }
        return length;
    }

    /** Back to a {@link #mark()}: what was written after it is gone, and the next field is the first again. */
    public LineBuilder back(int mark) {
        length = mark;
        separator = ' ';
        return this;
    }

    // Each kind of tag or field has one body, given its key as a Key (escaped once, copied whole) or as a string
    // (escaped straight into the line, as LinePoint's keys are: a Key made per use would be garbage per field).

    public LineBuilder tag(String key, String value) {
        return tag(null, key, value);
    }

    public LineBuilder tag(Key key, String value) {
        return tag(key, null, value);
    }

    /** A tag whose value is escaped once too: one of a few a caller writes point after point (a signal's windows). */
    public LineBuilder tag(Key key, Key value) {
        tagKey(key, null);
        appendKey(value, null);
        return this;
    }

    private LineBuilder tag(Key key, String name, String value) {
        if (value != null && !value.isEmpty()) {
            tagKey(key, name);
            appendEscaped(value, true);
        }
        return this;
    }

    /** ',', the tag's key and '=': its value next. */
    private void tagKey(Key key, String name) {
        room(1);
        line[length++] = ',';
        appendKey(key, name);
        room(1);
        line[length++] = '=';
    }

    public LineBuilder field(String key, double value) {
        return decimal(null, key, value);
    }

    public LineBuilder field(Key key, double value) {
        return decimal(key, null, value);
    }

    /** A float field; null is left out. */
    public LineBuilder field(Key key, Double value) {
        return value == null ? this : decimal(key, null, value);
    }

    private LineBuilder decimal(Key key, String name, double value) {
        if (Double.isFinite(value)) {
            key(key, name, ShortestDecimal.MAX_LENGTH);
            length = ShortestDecimal.write(line, length, value);
        }
        return this;
    }

    /**
     * A float field rounded to {@code significant} digits ({@link ShortestDecimal#writeRounded}): an estimate or a
     * statistic, whose further digits say nothing.
     */
    public LineBuilder field(Key key, double value, int significant) {
        if (Double.isFinite(value)) {
            key(key, null, ShortestDecimal.MAX_LENGTH);
            length = ShortestDecimal.writeRounded(line, length, value, significant);
        }
        return this;
    }

    /** As {@link #field(Key, double, int)}; null is left out. */
    public LineBuilder field(Key key, Double value, int significant) {
        return value == null ? this : field(key, value.doubleValue(), significant);
    }

    public LineBuilder field(String key, long value) {
        return integer(null, key, value);
    }

    public LineBuilder field(Key key, long value) {
        return integer(key, null, value);
    }

    private LineBuilder integer(Key key, String name, long value) {
        key(key, name, AsciiDigits.MAX_LENGTH + 1);
        length = AsciiDigits.write(line, length, value);
        line[length++] = 'i';
        return this;
    }

    public LineBuilder field(String key, boolean value) {
        return bool(null, key, value);
    }

    public LineBuilder field(Key key, boolean value) {
        return bool(key, null, value);
    }

    private LineBuilder bool(Key key, String name, boolean value) {
        key(key, name, 0);
        appendEscaped(value ? "true" : "false", false);
        return this;
    }

    public LineBuilder field(String key, String value) {
        return text(null, key, value);
    }

    public LineBuilder field(Key key, String value) {
        return text(key, null, value);
    }

    /** A string field, quoted, its quotes and backslashes escaped; null is left out. */
    private LineBuilder text(Key key, String name, String value) {
        if (value != null) {
            key(key, name, 1);
            line[length++] = '"';
            room(MAX_BYTES_PER_CHAR * value.length() + 1);
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"' || c == '\\') {
                    line[length++] = '\\';
                }
                i = appendChar(value, i);
            }
            line[length++] = '"';
        }
        return this;
    }

    /** The point, ended by its time in milliseconds; then {@link #back} to a mark, or a new {@link #measurement}. */
    public String end(long timestampMillis) {
        writeTime(timestampMillis);
        return new String(line, 0, length, StandardCharsets.UTF_8);
    }

    /**
     * As {@link #end}, the point as its UTF-8 bytes, handed to {@code lines} straight from this writer's buffer: what a
     * sink writes, without a string made and encoded again, nor an array of its own. {@code lines} must not write a
     * point on this thread meanwhile.
     */
    public void end(long timestampMillis, Utf8Lines lines) {
        writeTime(timestampMillis);
        lines.line(line, 0, length);
    }

    private void writeTime(long timestampMillis) {
        if (separator == ' ') {
            throw new IllegalStateException("a point needs at least one field: "
                    + new String(line, 0, length, StandardCharsets.UTF_8));
        }
        room(1 + AsciiDigits.MAX_LENGTH);
        line[length++] = ' ';
        if (timestampMillis != lastTime) {
            lastTimeLength = AsciiDigits.write(lastTimeDigits, 0, timestampMillis);
            lastTime = timestampMillis;
        }
        System.arraycopy(lastTimeDigits, 0, line, length, lastTimeLength);
        length += lastTimeLength;
    }

    /** The separator and the key, then '=', with room for {@code valueBytes} more. */
    private void key(Key key, String name, int valueBytes) {
        room(1);
        line[length++] = separator;
        separator = ',';
        appendKey(key, name);
        room(1 + valueBytes);
        line[length++] = '=';
    }

    /** {@code key} copied, or else {@code name} escaped. */
    private void appendKey(Key key, String name) {
        if (key == null) {
            appendEscaped(name, true);
        } else {
            room(key.escaped.length);
            System.arraycopy(key.escaped, 0, line, length, key.escaped.length);
            length += key.escaped.length;
        }
    }

    /**
     * Escaped straight into the line, without a string per key and value (a replay's profile found those copies);
     * most are ASCII and need no escaping, and are copied whole.
     */
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): the low byte of each char, ASCII here
    private void appendEscaped(String s, boolean equalsToo) {
        int n = s.length();
        room(MAX_BYTES_PER_CHAR * n);
        int i = 0;
        while (i < n && isPlain(s.charAt(i), equalsToo)) {
            i++;
        }
        s.getBytes(0, i, line, length);
        length += i;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (needsEscape(c, equalsToo)) {
                line[length++] = '\\';
            }
            if (c == '\n') {
                // The protocol cannot escape a line break: an escaped space in its place.
                line[length++] = ' ';
            } else {
                i = appendChar(s, i);
            }
        }
    }

    /** ASCII that needs no escape: letters, digits and '_' are above '=', the highest character to escape. */
    private static boolean isPlain(char c, boolean equalsToo) {
        return c < 0x80 && (c > '=' || !needsEscape(c, equalsToo));
    }

    private static boolean needsEscape(char c, boolean equalsToo) {
        return c == ',' || c == ' ' || c == '\n' || (equalsToo && c == '=');
    }

    /** The char at {@code i} in UTF-8, with the next when the two are a surrogate pair; the index of the last read. */
    private int appendChar(String s, int i) {
        char c = s.charAt(i);
        if (c < 0x80) {
            line[length++] = (byte) c;
        } else if (c < 0x800) {
            line[length++] = (byte) (0xC0 | c >> 6);
            line[length++] = (byte) (0x80 | c & 0x3F);
        } else if (Character.isSurrogate(c)) {
            int codePoint = s.codePointAt(i);
            if (!Character.isSupplementaryCodePoint(codePoint) || !Character.isHighSurrogate(c)) {
                line[length++] = '?'; // a lone surrogate, as String.getBytes writes one
                return i;
            }
            line[length++] = (byte) (0xF0 | codePoint >> 18);
            line[length++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
            line[length++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
            line[length++] = (byte) (0x80 | codePoint & 0x3F);
            return i + 1;
        } else {
            line[length++] = (byte) (0xE0 | c >> 12);
            line[length++] = (byte) (0x80 | c >> 6 & 0x3F);
            line[length++] = (byte) (0x80 | c & 0x3F);
        }
        return i;
    }

    /** Room for {@code count} more bytes. */
    private void room(int count) {
        if (length + count > line.length) {
            line = Arrays.copyOf(line, Math.max(2 * line.length, length + count));
        }
    }

    /**
     * A tag's or field's key, a tag's value or a measurement's name, escaped once: a caller that writes the same
     * ones point after point (a signal's sixty keys) keeps them as constants, and each is copied whole into the point.
     */
    public static final class Key {
        private final byte[] escaped;

        private Key(byte[] escaped) {
            this.escaped = escaped;
        }

        /** A tag's or field's key, or a tag's value. */
        public static Key of(String key) {
            return escaped(key, true);
        }

        /** A measurement's name, in which '=' is not escaped. */
        public static Key measurement(String name) {
            return escaped(name, false);
        }

        private static Key escaped(String text, boolean equalsToo) {
            LineBuilder writer = new LineBuilder(MAX_BYTES_PER_CHAR * text.length());
            writer.appendEscaped(text, equalsToo);
            return new Key(writer.length == writer.line.length ? writer.line : Arrays.copyOf(writer.line, writer.length));
        }
    }
}
