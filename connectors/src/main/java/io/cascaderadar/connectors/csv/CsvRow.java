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
    private final List<String> names;
    private final List<String> values;

    /** @param columns the position of each name (of the last column where a name repeats) */
    CsvRow(Map<String, Integer> columns, List<String> names, List<String> values) {
        this.columns = columns;
        this.names = names;
        this.values = values;
    }

    /** The header's column names in file order, in lower case, repeated names included (wide exports). */
    public List<String> columns() {
        return names;
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
        return i == null ? null : cell(i);
    }

    private String cell(int position) {
        if (position >= values.size()) {
            return null;
        }
        String v = values.get(position).trim();
        return v.isEmpty() ? null : v;
    }

    public double number(String column) throws Rejection {
        return parseNumber(column, text(column));
    }

    public Double optionalNumber(String column) throws Rejection {
        String v = optionalText(column);
        return v == null ? null : parseNumber(column, v);
    }

    /** The number in the column at this position of {@link #columns()}, or null when blank. */
    public Double optionalNumber(int position) throws Rejection {
        String v = cell(position);
        return v == null ? null : parseNumber(names.get(position), v);
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
