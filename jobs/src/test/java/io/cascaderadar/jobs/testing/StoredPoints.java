package io.cascaderadar.jobs.testing;

import io.cascaderadar.connectors.influxdb.InfluxHttpClient;
import io.cascaderadar.connectors.influxdb.InfluxSchema;
import io.cascaderadar.jobs.sinks.LineProtocolReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Points as a test compares them: per measurement, each point's series (tags) and time mapped to its fields, with
 * every number rounded to nine significant digits (sums over partitions that interleave differ in the last bits).
 * Read from a {@code signals.lp} file, or back from InfluxDB.
 */
public final class StoredPoints {

    private StoredPoints() {}

    /** measurement → "tags @ time" → fields, of every line in a line-protocol file. */
    public static Map<String, Map<String, Map<String, Object>>> fromFile(Path file) throws IOException {
        Map<String, Map<String, Map<String, Object>>> points = new TreeMap<>();
        try (Stream<String> lines = Files.lines(file)) {
            lines.map(LineProtocolReader::parse).forEach(p -> {
                Map<String, Object> fields = new TreeMap<>();
                p.fields().forEach((name, value) -> fields.put(name, value(value)));
                Object previous = points.computeIfAbsent(p.measurement(), m -> new TreeMap<>())
                        .put(key(new TreeMap<>(p.tags()), p.time()), fields);
                if (previous != null) {
                    throw new IllegalStateException("two points of one series at one time: " + p);
                }
            });
        }
        return points;
    }

    /** The same, of one measurement in one retention policy. */
    public static Map<String, Map<String, Object>> fromInflux(InfluxHttpClient client, String policy, String measurement)
            throws Exception {
        Map<String, Map<String, Object>> points = new TreeMap<>();
        for (InfluxHttpClient.Series series : client.select("SELECT * FROM " + InfluxSchema.quote(policy) + "."
                + InfluxSchema.quote(measurement) + " GROUP BY *")) {
            Map<String, String> tags = new TreeMap<>();
            series.tags().forEach((k, v) -> {
                if (!v.isEmpty()) {
                    tags.put(k, v);
                }
            });
            List<String> columns = series.columns();
            for (List<Object> row : series.values()) {
                Map<String, Object> fields = new TreeMap<>();
                for (int i = 1; i < columns.size(); i++) {
                    if (row.get(i) != null) {
                        fields.put(columns.get(i), row.get(i) instanceof Number n ? rounded(n.doubleValue()) : row.get(i));
                    }
                }
                points.put(key(tags, ((Number) row.get(0)).longValue()), fields);
            }
        }
        return points;
    }

    /** What differs between two sets of points of a measurement, briefly: empty when they are equal. */
    public static List<String> differences(Map<String, Map<String, Object>> expected, Map<String, Map<String, Object>> actual) {
        List<String> differences = new java.util.ArrayList<>();
        long missing = expected.keySet().stream().filter(k -> !actual.containsKey(k)).count();
        long extra = actual.keySet().stream().filter(k -> !expected.containsKey(k)).count();
        if (missing > 0 || extra > 0) {
            differences.add(expected.size() + " points expected, " + actual.size() + " found: " + missing + " missing (first "
                    + expected.keySet().stream().filter(k -> !actual.containsKey(k)).limit(3).toList() + "), " + extra
                    + " not expected (first " + actual.keySet().stream().filter(k -> !expected.containsKey(k)).limit(3).toList() + ")");
        }
        expected.forEach((key, fields) -> {
            if (actual.containsKey(key) && !actual.get(key).equals(fields) && differences.size() < 5) {
                differences.add(key + ": expected " + fields + ", found " + actual.get(key));
            }
        });
        return differences;
    }

    private static String key(Map<String, String> tags, long time) {
        return tags + " @ " + time;
    }

    private static Object value(String lineValue) {
        if (lineValue.startsWith("\"")) {
            return lineValue.substring(1, lineValue.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        if (lineValue.equals("true") || lineValue.equals("false")) {
            return Boolean.parseBoolean(lineValue);
        }
        return rounded(Double.parseDouble(lineValue.endsWith("i") ? lineValue.substring(0, lineValue.length() - 1) : lineValue));
    }

    private static double rounded(double value) {
        return new BigDecimal(value).round(new MathContext(9)).doubleValue();
    }
}
