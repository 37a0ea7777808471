package io.cascaderadar.connectors.csv;

import io.cascaderadar.connectors.validation.RejectReason;
import io.cascaderadar.connectors.validation.Rejection;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One data row, read by column name; every accessor says precisely what is wrong with a bad value. */
public final class CsvRow {
    private final Map<String, Integer> columns;
    private final List<String> values;

    CsvRow(Map<String, Integer> columns, List<String> values) {
        this.columns = columns;
        this.values = values;
    }

    public boolean has(String column) {
        return optionalText(column) != null;
    }

    public String text(String column) throws Rejection {
        String v = optionalText(column);
        if (v == null) {
            throw new Rejection(RejectReason.MISSING_VALUE, column + " is blank");
        }
        return v;
    }

    /** The trimmed value, or null when the column is absent or blank. */
    public String optionalText(String column) {
        Integer i = columns.get(column);
        if (i == null || i >= values.size()) {
            return null;
        }
        String v = values.get(i).trim();
        return v.isEmpty() ? null : v;
    }

    public double number(String column) throws Rejection {
        return parseNumber(column, text(column));
    }

    public Double optionalNumber(String column) throws Rejection {
        String v = optionalText(column);
        return v == null ? null : parseNumber(column, v);
    }

    public long longValue(String column) throws Rejection {
        return parseLong(column, text(column));
    }

    public Long optionalLong(String column) throws Rejection {
        String v = optionalText(column);
        return v == null ? null : parseLong(column, v);
    }

    private static long parseLong(String column, String v) throws Rejection {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new Rejection(RejectReason.BAD_NUMBER, column + " '" + v + "' is not an integer");
        }
    }

    public Instant time(String column) throws Rejection {
        return parseTime(column, text(column));
    }

    public Instant optionalTime(String column) throws Rejection {
        String v = optionalText(column);
        return v == null ? null : parseTime(column, v);
    }

    public <E extends Enum<E>> E enumValue(String column, Class<E> type) throws Rejection {
        String v = text(column);
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Rejection(RejectReason.UNKNOWN_VALUE, column + " '" + v + "' is not one of "
                    + Arrays.toString(type.getEnumConstants()));
        }
    }

    public <E extends Enum<E>> E optionalEnum(String column, Class<E> type, E fallback) throws Rejection {
        return has(column) ? enumValue(column, type) : fallback;
    }

    public boolean optionalBoolean(String column, boolean fallback) throws Rejection {
        String v = optionalText(column);
        if (v == null) {
            return fallback;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new Rejection(RejectReason.UNKNOWN_VALUE, column + " '" + v + "' is not a boolean");
        };
    }

    private static double parseNumber(String column, String v) throws Rejection {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new Rejection(RejectReason.BAD_NUMBER, column + " '" + v + "' is not a number");
        }
    }

    private static Instant parseTime(String column, String v) throws Rejection {
        try {
            return Timestamps.parse(v);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new Rejection(RejectReason.BAD_TIMESTAMP,
                    column + " '" + v + "' is neither ISO-8601 nor epoch milliseconds");
        }
    }
}
