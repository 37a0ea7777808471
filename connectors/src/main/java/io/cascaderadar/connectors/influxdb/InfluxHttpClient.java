package io.cascaderadar.connectors.influxdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascaderadar.connectors.tls.TrustStores;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * A client of InfluxDB's v1 HTTP API on the JDK's HTTP client: {@code /write} (line protocol, millisecond
 * precision, gzip) and {@code /query} (InfluxQL, times as epoch milliseconds). Every failure is an
 * {@link InfluxException} whose kind says whether trying again can help; credentials travel in headers, never in
 * a URL (which servers log).
 */
public final class InfluxHttpClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One series of a query result: its measurement, tags (with GROUP BY), columns and rows. */
    public record Series(String name, Map<String, String> tags, List<String> columns, List<List<Object>> values) {
        /** The values of one column, row by row. */
        public List<Object> column(String column) {
            int i = columns.indexOf(column);
            if (i < 0) {
                throw new IllegalArgumentException("no column '" + column + "' in " + columns);
            }
            return values.stream().map(row -> row.get(i)).toList();
        }
    }

    private final InfluxConfig config;
    private final HttpClient http;

    public InfluxHttpClient(InfluxConfig config) {
        this.config = config;
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(config.requestTimeout());
        if (config.truststoreLocation() != null) {
            http.sslContext(TrustStores.sslContext("InfluxDB", config.truststoreLocation(),
                    config.truststorePassword(), config.truststoreType()));
        }
        this.http = http.build();
    }

    public InfluxConfig config() {
        return config;
    }

    /** Writes lines of line protocol (millisecond timestamps) to the configured database and retention policy. */
    public void write(List<String> lines) throws InfluxException, InterruptedException {
        byte[] body = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = request("/write?" + query(Map.of("db", config.database(), "precision", "ms"),
                config.retentionPolicy()));
        if (config.gzip()) {
            request.header("Content-Encoding", "gzip");
            body = gzip(body);
        }
        send(request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), "write");
    }

    /** Runs InfluxQL that only reads ({@code SELECT}, {@code SHOW}); one list of series per statement. */
    private List<List<Series>> query(String influxql) throws InfluxException, InterruptedException {
        return results(send(request("/query?" + query(Map.of("db", config.database(), "epoch", "ms", "q", influxql), null))
                .GET().build(), influxql));
    }

    /** The series of a single reading statement. */
    public List<Series> select(String influxql) throws InfluxException, InterruptedException {
        return query(influxql).get(0);
    }

    /** The one number a query aggregates to ({@code SELECT count(x) FROM m}); 0 where nothing matched. */
    public long aggregate(String influxql) throws InfluxException, InterruptedException {
        List<Series> series = select(influxql);
        return series.isEmpty() ? 0 : ((Number) series.get(0).values().get(0).get(1)).longValue();
    }

    /** Runs InfluxQL that changes the server ({@code CREATE}, {@code DROP}, {@code SELECT ... INTO}). */
    public List<List<Series>> execute(String influxql) throws InfluxException, InterruptedException {
        String form = query(Map.of("db", config.database(), "epoch", "ms", "q", influxql), null);
        return results(send(request("/query").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), influxql));
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(config.url() + pathAndQuery))
                .timeout(config.requestTimeout());
        if (config.username() != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (config.username() + ":" + config.password()).getBytes(StandardCharsets.UTF_8)));
        } else if (config.token() != null) {
            request.header("Authorization", "Token " + config.token());
        }
        return request;
    }

    private String send(HttpRequest request, String what) throws InfluxException, InterruptedException {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InfluxException(InfluxException.Kind.UNAVAILABLE, 0,
                    "InfluxDB at " + config.url() + " did not answer (" + what + "): " + e, e);
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            throw new InfluxException(InfluxException.kindOf(status), status,
                    "InfluxDB answered " + status + " to " + what + ": " + errorOf(response.body()), null);
        }
        return response.body();
    }

    private static List<List<Series>> results(String body) throws InfluxException {
        JsonNode root = parse(body);
        List<List<Series>> results = new ArrayList<>();
        for (JsonNode result : root.path("results")) {
            if (result.has("error")) {
                throw new InfluxException(InfluxException.Kind.REJECTED, 200, "InfluxQL: " + result.get("error").asText(), null);
            }
            List<Series> series = new ArrayList<>();
            for (JsonNode s : result.path("series")) {
                Map<String, String> tags = new LinkedHashMap<>();
                s.path("tags").fields().forEachRemaining(t -> tags.put(t.getKey(), t.getValue().asText()));
                List<String> columns = new ArrayList<>();
                s.path("columns").forEach(c -> columns.add(c.asText()));
                List<List<Object>> rows = new ArrayList<>();
                for (JsonNode row : s.path("values")) {
                    List<Object> values = new ArrayList<>(row.size());
                    row.forEach(v -> values.add(v.isNull() ? null : v.isNumber() ? v.numberValue() : v.isBoolean() ? v.booleanValue() : v.asText()));
                    rows.add(values);
                }
                series.add(new Series(s.path("name").asText(), tags, columns, rows));
            }
            results.add(series);
        }
        return results;
    }

    /** The {@code error} of a JSON answer, or the answer itself. */
    private static String errorOf(String body) {
        try {
            JsonNode error = JSON.readTree(body).path("error");
            return error.isMissingNode() ? body.strip() : error.asText();
        } catch (IOException notJson) {
            return body.strip();
        }
    }

    private static JsonNode parse(String body) throws InfluxException {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new InfluxException(InfluxException.Kind.OTHER, 200, "InfluxDB answered something that is not JSON: " + body, e);
        }
    }

    private static String query(Map<String, String> parameters, String retentionPolicy) {
        StringBuilder query = new StringBuilder();
        parameters.forEach((key, value) -> append(query, key, value));
        if (retentionPolicy != null) {
            append(query, "rp", retentionPolicy);
        }
        return query.toString();
    }

    private static void append(StringBuilder query, String key, String value) {
        if (!query.isEmpty()) {
            query.append('&');
        }
        query.append(key).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
        // The fastest level: line protocol still shrinks about tenfold, for a fraction of the default level's CPU,
        // which the machine running InfluxDB beside the job needs more.
        try (GZIPOutputStream zip = new GZIPOutputStream(out, 64 * 1024) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            zip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
