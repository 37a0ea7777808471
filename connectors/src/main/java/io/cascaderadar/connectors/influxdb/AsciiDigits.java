package io.cascaderadar.connectors.influxdb;

import java.nio.charset.StandardCharsets;

/**
 * Whole numbers as ASCII digits in a byte array, two digits per division, written from the last: most of the text
 * of line protocol (a signal's six points carry 61 numbers and six times).
 */
final class AsciiDigits {
    /** The longest a long is written: {@code -9223372036854775808}. */
    static final int MAX_LENGTH = 20;

    private static final byte[] MIN_VALUE = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);
    /** The two digits of 0 to 99, tens then ones. */
    private static final byte[] PAIRS = new byte[200];
    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        for (int i = 0; i < 100; i++) {
            PAIRS[2 * i] = (byte) ('0' + i / 10);
            PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = 10 * POWERS_OF_TEN[i - 1];
        }
    }

    private AsciiDigits() {}

    /** {@code v} at {@code at}, with a '-' when negative; where the next byte goes. */
    static int write(byte[] to, int at, long v) {
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                System.arraycopy(MIN_VALUE, 0, to, at, MIN_VALUE.length);
                return at + MIN_VALUE.length;
            }
            to[at++] = '-';
            v = -v;
        }
        int count = count(v);
        writeLast(to, at + count, v, count);
        return at + count;
    }

    /**
     * The last {@code count} digits of {@code v} ≥ 0 (zeros in front where it has fewer), ending before {@code end};
     * returns what is left of {@code v} before them.
     */
    static long writeLast(byte[] to, int end, long v, int count) {
        int at = end;
        int start = end - count;
        while (at - start >= 2) {
            long rest = v / 100;
            int pair = 2 * (int) (v - 100 * rest);
            to[--at] = PAIRS[pair + 1];
            to[--at] = PAIRS[pair];
            v = rest;
        }
        if (at > start) {
            long rest = v / 10;
            to[--at] = (byte) ('0' + (v - 10 * rest));
            v = rest;
        }
        return v;
    }

    /** The number of decimal digits of {@code v} ≥ 0 (one for 0). */
    static int count(long v) {
        int n = ShortestDecimal.floorLog10Pow2(Long.SIZE - Long.numberOfLeadingZeros(v));
        return v >= POWERS_OF_TEN[n] ? n + 1 : Math.max(n, 1);
    }
}
