package io.cascaderadar.jobs.sinks;

import java.util.HashMap;
import java.util.Map;

/**
 * Reads back the line protocol this project writes (escaped commas, spaces and equals signs; quoted strings
 * only as field values), for the chart and for tests that compare it with what InfluxDB stored. Not a general
 * parser of every InfluxDB line.
 */
public final class LineProtocolReader {

    public record Point(String measurement, Map<String, String> tags, Map<String, String> fields, long time) {
        double number(String field) {
            String v = fields.get(field);
            if (v == null) {
                return Double.NaN;
            }
            return Double.parseDouble(v.endsWith("i") ? v.substring(0, v.length() - 1) : v);
        }
    }

    private LineProtocolReader() {}

    public static Point parse(String line) {
        int tagsEnd = unescapedIndexOf(line, ' ', 0);
        int fieldsEnd = line.lastIndexOf(' ');
        String[] head = splitUnescaped(line.substring(0, tagsEnd), ',');
        Map<String, String> tags = new HashMap<>();
        for (int i = 1; i < head.length; i++) {
            int eq = unescapedIndexOf(head[i], '=', 0);
            tags.put(unescape(head[i].substring(0, eq)), unescape(head[i].substring(eq + 1)));
        }
        Map<String, String> fields = new HashMap<>();
        for (String f : splitUnescaped(line.substring(tagsEnd + 1, fieldsEnd), ',')) {
            int eq = unescapedIndexOf(f, '=', 0);
            fields.put(unescape(f.substring(0, eq)), f.substring(eq + 1));
        }
        return new Point(unescape(head[0]), tags, fields, Long.parseLong(line.substring(fieldsEnd + 1)));
    }

    private static int unescapedIndexOf(String s, char c, int from) {
        boolean quoted = false;
        for (int i = from; i < s.length(); i++) {
            char x = s.charAt(i);
            if (x == '\\') {
                i++;
            } else if (x == '"') {
                quoted = !quoted;
            } else if (x == c && !quoted) {
                return i;
            }
        }
        return -1;
    }

    private static String[] splitUnescaped(String s, char c) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        int start = 0;
        int i;
        while ((i = unescapedIndexOf(s, c, start)) >= 0) {
            parts.add(s.substring(start, i));
            start = i + 1;
        }
        parts.add(s.substring(start));
        return parts.toArray(new String[0]);
    }

    private static String unescape(String s) {
        return s.replace("\\,", ",").replace("\\ ", " ").replace("\\=", "=");
    }
}
