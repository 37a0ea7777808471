package io.cascaderadar.connectors.influxdb;

import java.time.Instant;
import java.util.Arrays;

/**
 * One InfluxDB line-protocol point with a millisecond timestamp (write with {@code precision=ms}). Tags and fields
 * are written sorted by key (tags as InfluxDB recommends, fields so that a line does not depend on the order of the
 * calls), by a {@link LineBuilder}; a key given twice keeps its last value. Non-finite floats are left out (the
 * protocol has no NaN).
 */
public final class LinePoint {
    private final String measurement;
    private final Entries tags = new Entries(4);
    private final Entries fields = new Entries(12);
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
            tags.put(key, Entries.TEXT, value, 0);
        }
        return this;
    }

    public LinePoint field(String key, double value) {
        if (Double.isFinite(value)) {
            fields.put(key, Entries.FLOAT, null, Double.doubleToRawLongBits(value));
        }
        return this;
    }

    /** A float field; null is left out. */
    public LinePoint field(String key, Double value) {
        return value == null ? this : field(key, value.doubleValue());
    }

    public LinePoint field(String key, long value) {
        fields.put(key, Entries.INTEGER, null, value);
        return this;
    }

    public LinePoint field(String key, boolean value) {
        fields.put(key, Entries.BOOLEAN, null, value ? 1 : 0);
        return this;
    }

    public LinePoint field(String key, String value) {
        if (value != null) {
            fields.put(key, Entries.TEXT, value, 0);
        }
        return this;
    }

    public LinePoint time(Instant t) {
        this.timestampMillis = t.toEpochMilli();
        return this;
    }

    public String toLine() {
        if (fields.size == 0) {
            throw new IllegalStateException("a point needs at least one field: " + measurement);
        }
        LineBuilder line = LineBuilder.measurement(measurement);
        for (int i : tags.sortedByKey()) {
            line.tag(tags.keys[i], tags.texts[i]);
        }
        for (int i : fields.sortedByKey()) {
            switch (fields.kinds[i]) {
                case Entries.FLOAT -> line.field(fields.keys[i], Double.longBitsToDouble(fields.numbers[i]));
                case Entries.INTEGER -> line.field(fields.keys[i], fields.numbers[i]);
                case Entries.BOOLEAN -> line.field(fields.keys[i], fields.numbers[i] != 0);
                default -> line.field(fields.keys[i], fields.texts[i]);
            }
        }
        return line.end(timestampMillis);
    }

    /**
     * Keys with a value each: text, or a number formatted only when written, a float as its bits, a boolean as 0 or 1
     * (a point has a dozen at most, so arrays and an insertion sort; a sorted map per point was a fifth of
     * formatting a replay's signals).
     */
    private static final class Entries {
        static final byte TEXT = 0;
        static final byte FLOAT = 1;
        static final byte INTEGER = 2;
        static final byte BOOLEAN = 3;

        private String[] keys;
        private byte[] kinds;
        private String[] texts;
        private long[] numbers;
        private int size;
        /** Whether the keys were put in ascending order, so that there is nothing to sort. */
        private boolean ordered = true;

        Entries(int capacity) {
            keys = new String[capacity];
            kinds = new byte[capacity];
            texts = new String[capacity];
            numbers = new long[capacity];
        }

        void put(String key, byte kind, String text, long number) {
            // Callers mostly give keys in order: while they do, a key after the last one is new and keeps the order.
            int i = size;
            if (!ordered || size > 0 && keys[size - 1].compareTo(key) >= 0) {
                i = 0;
                while (i < size && !keys[i].equals(key)) {
                    i++;
                }
                ordered &= i < size;
            }
            if (i == keys.length) {
                keys = Arrays.copyOf(keys, 2 * i);
                kinds = Arrays.copyOf(kinds, 2 * i);
                texts = Arrays.copyOf(texts, 2 * i);
                numbers = Arrays.copyOf(numbers, 2 * i);
            }
            keys[i] = key;
            kinds[i] = kind;
            texts[i] = text;
            numbers[i] = number;
            size = Math.max(size, i + 1);
        }

        int[] sortedByKey() {
            int[] order = new int[size];
            for (int i = 0; i < size; i++) {
                int j = i;
                while (!ordered && j > 0 && keys[order[j - 1]].compareTo(keys[i]) > 0) {
                    order[j] = order[j - 1];
                    j--;
                }
                order[j] = i;
            }
            return order;
        }
    }
}
