package io.cascaderadar.connectors.influxdb;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Where InfluxDB is and how points are written there, over the v1 HTTP API ({@code /write}, {@code /query}),
 * which InfluxDB 1.x serves natively, 2.x through its v1 compatibility (a DBRP mapping) and 3.x
 * Core as well. Keys, as {@code influx.<key>} settings:
 * <ul>
 *   <li>{@code url} (required), {@code database} (default {@value #DEFAULT_DATABASE}), {@code retention.policy}
 *       (default: the database's default policy);</li>
 *   <li>{@code username} and {@code password} (HTTP basic), or {@code token} ({@code Authorization: Token}, for
 *       2.x and 3.x); {@code ssl.truststore.location}, {@code .password}, {@code .type} for https with a private
 *       CA;</li>
 *   <li>{@code batch.lines} (default 5000) and {@code flush.interval} (default 1s): a batch is sent when it is
 *       full or that old; {@code gzip} (default false: on a machine that runs InfluxDB too, compressing and
 *       decompressing costs more than it saves; true for a server across a network); {@code request.timeout}
 *       (default 10s);
 *       {@code retry.max.time} (default 10m): how long a batch is retried while InfluxDB is down or failing
 *       before the job fails (and restarts from its last checkpoint);</li>
 *   <li>{@code setup} (default true): create the database, its retention policies and continuous queries
 *       ({@link InfluxSchema}) before writing; false where the user may not.</li>
 * </ul>
 * {@link #toString()} never shows a secret.
 */
public record InfluxConfig(URI url, String database, String retentionPolicy, String username, String password,
        String token, String truststoreLocation, String truststorePassword, String truststoreType, int batchLines,
        Duration flushInterval, boolean gzip, Duration requestTimeout, Duration retryMaxTime, boolean setup)
        implements Serializable {

    public static final String DEFAULT_DATABASE = "radar";

    public InfluxConfig {
        if (url == null || url.getScheme() == null || !url.getScheme().startsWith("http")) {
            throw new IllegalArgumentException("InfluxDB URL must be http or https, got " + url);
        }
        if (token != null && (username != null || password != null)) {
            throw new IllegalArgumentException("InfluxDB: give a username and password or a token, not both");
        }
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("InfluxDB: a username needs a password, and a password a username");
        }
        if (batchLines < 1) {
            throw new IllegalArgumentException("influx.batch.lines must be at least 1, got " + batchLines);
        }
    }

    public static InfluxConfig of(String url, String database) {
        return fromMap(Map.of("url", url, "database", database));
    }

    /** From {@code influx.*} settings with the prefix removed. */
    public static InfluxConfig fromMap(Map<String, String> settings) {
        String url = text(settings, "url");
        if (url == null) {
            throw new IllegalArgumentException("'influx.url' is not set");
        }
        String database = text(settings, "database");
        return new InfluxConfig(URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url),
                database == null ? DEFAULT_DATABASE : database, text(settings, "retention.policy"),
                text(settings, "username"), text(settings, "password"), text(settings, "token"),
                text(settings, "ssl.truststore.location"), text(settings, "ssl.truststore.password"),
                text(settings, "ssl.truststore.type"), Integer.parseInt(orDefault(settings, "batch.lines", "5000")),
                duration(settings, "flush.interval", "PT1S"), Boolean.parseBoolean(orDefault(settings, "gzip", "false")),
                duration(settings, "request.timeout", "PT10S"), duration(settings, "retry.max.time", "PT10M"),
                Boolean.parseBoolean(orDefault(settings, "setup", "true")));
    }

    /** The same, writing to another retention policy. */
    public InfluxConfig withRetentionPolicy(String policy) {
        return new InfluxConfig(url, database, policy, username, password, token, truststoreLocation,
                truststorePassword, truststoreType, batchLines, flushInterval, gzip, requestTimeout, retryMaxTime, setup);
    }

    private static String text(Map<String, String> settings, String key) {
        String value = settings.get(key);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String orDefault(Map<String, String> settings, String key, String fallback) {
        String value = text(settings, key);
        return value == null ? fallback : value;
    }

    /** {@code 500ms}, {@code 10s}, {@code 5m} or ISO-8601 ({@code PT10S}). */
    private static Duration duration(Map<String, String> settings, String key, String fallback) {
        String value = orDefault(settings, key, fallback);
        try {
            if (value.matches("\\d+(ms|s|m|h)")) {
                String unit = value.replaceAll("\\d+", "");
                long amount = Long.parseLong(value.substring(0, value.length() - unit.length()));
                return switch (unit) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    default -> Duration.ofHours(amount);
                };
            }
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("influx." + key + ": not a duration: " + value);
        }
    }

    @Override
    public String toString() {
        return "InfluxConfig[url=" + url + ", database=" + database
                + (retentionPolicy != null ? ", retentionPolicy=" + retentionPolicy : "")
                + ", auth=" + (username != null ? "basic " + username + ":****" : token != null ? "token ****" : "none")
                + (truststoreLocation != null ? ", truststore=" + truststoreLocation : "")
                + ", batchLines=" + batchLines + ", flushInterval=" + flushInterval + ", gzip=" + gzip + "]";
    }
}
