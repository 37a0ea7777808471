package io.cascaderadar.connectors.csv;

import java.util.ArrayList;
import java.util.List;

/** Splitting and joining one CSV line (RFC 4180 quoting; a record does not span lines). */
public final class CsvLine {

    private CsvLine() {}

    /** The fields of a line, or null when a quote is not closed. */
    public static List<String> split(String line) {
        return line.indexOf('"') < 0 ? splitUnquoted(line) : splitQuoted(line);
    }

    /** Most lines: the fields are what lies between the commas, cut out whole rather than a character at a time. */
    private static List<String> splitUnquoted(String line) {
        List<String> fields = new ArrayList<>(commas(line) + 1);
        int from = 0;
        for (int comma = line.indexOf(','); comma >= 0; comma = line.indexOf(',', from)) {
            fields.add(line.substring(from, comma));
            from = comma + 1;
        }
        fields.add(line.substring(from));
        return fields;
    }

    static List<String> splitQuoted(String line) {
        List<String> fields = new ArrayList<>(commas(line) + 1);
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            return null;
        }
        fields.add(field.toString());
        return fields;
    }

    private static int commas(String line) {
        int commas = 0;
        for (int comma = line.indexOf(','); comma >= 0; comma = line.indexOf(',', comma + 1)) {
            commas++;
        }
        return commas;
    }

    public static String join(List<String> fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            String f = fields.get(i) == null ? "" : fields.get(i);
            if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                line.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                line.append(f);
            }
        }
        return line.toString();
    }
}
