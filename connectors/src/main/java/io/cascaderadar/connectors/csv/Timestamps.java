package io.cascaderadar.connectors.csv;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Event times in history files: ISO-8601 (UTC when no offset is given; a date alone is its midnight) or epoch
 * milliseconds.
 */
public final class Timestamps {

    /** Nanoseconds per unit of a fraction's last digit, by the number of its digits. */
    private static final int[] FRACTION_UNIT = {0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    private Timestamps() {}

    /** @throws DateTimeParseException when the text is neither form */
    public static Instant parse(String text) {
        String t = text.trim();
        Instant utc = utcDateTime(t);
        if (utc != null) {
            return utc;
        }
        if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
            return Instant.ofEpochMilli(Long.parseLong(t));
        }
        if (t.length() == 10) {
            return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        String iso = t.length() > 10 && t.charAt(10) == ' ' ? t.substring(0, 10) + 'T' + t.substring(11) : t;
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException notOffset) {
            return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
        }
    }

    /**
     * The form of nearly every row, read without java.time's parser, which was a fifth of a replay's preparation:
     * {@code yyyy-MM-dd}, {@code T} or a space, {@code HH:mm:ss}, a fraction of one to nine digits or none, and
     * {@code Z} or nothing (UTC). Null for any other text, or a field out of range, which the parser then reads or
     * refuses.
     */
    private static Instant utcDateTime(String t) {
        int end = t.endsWith("Z") ? t.length() - 1 : t.length();
        if (end < 19 || t.charAt(4) != '-' || t.charAt(7) != '-' || (t.charAt(10) != 'T' && t.charAt(10) != ' ')
                || t.charAt(13) != ':' || t.charAt(16) != ':') {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 7);
        int day = digits(t, 8, 10);
        int hour = digits(t, 11, 13);
        int minute = digits(t, 14, 16);
        int second = digits(t, 17, 19);
        long nanos = 0;
        if (end > 19) {
            int fractionDigits = end - 20;
            int fraction = t.charAt(19) == '.' && fractionDigits >= 1 && fractionDigits <= 9 ? digits(t, 20, end) : -1;
            if (fraction < 0) {
                return null;
            }
            nanos = (long) fraction * FRACTION_UNIT[fractionDigits];
        }
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > Month.of(month).length(Year.isLeap(year))
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        long seconds = LocalDate.of(year, month, day).toEpochDay() * 86_400L + hour * 3_600L + minute * 60L + second;
        return Instant.ofEpochSecond(seconds, nanos);
    }

    /** The number the ASCII digits from {@code from} to {@code to} write, or -1 when one is not a digit. */
    private static int digits(String t, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    public static String format(Instant t) {
        return t.toString();
    }
}
