package io.cascaderadar.connectors.influxdb;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The database the sink writes to, its retention policies and continuous queries, created where missing (InfluxDB
 * 1.x; on 2.x and 3.x the bucket and its DBRP mapping are made by the administrator and {@code influx.setup} is
 * false):
 * <ul>
 *   <li>{@value #RAW} (the default policy, {@value #RAW_DURATION}): the signals of live runs, a point per scope
 *       and window every evaluation step;</li>
 *   <li>{@value #LONG} (kept forever): alerts, and the signals downsampled to one minute by the continuous queries
 *       below, into the measurements {@code <name>_1m};</li>
 *   <li>{@value #HISTORY} (kept forever): what replays write, whose event times are older than any short
 *       policy keeps.</li>
 * </ul>
 */
public final class InfluxSchema {
    public static final String RAW = "raw";
    public static final String RAW_DURATION = "30d";
    public static final String LONG = "long";
    public static final String HISTORY = "history";

    /** Where a kind of run writes its signals and its alerts. */
    public enum Target {
        /** {@code radar run}: signals to {@value #RAW}, alerts to {@value #LONG}. */
        LIVE(RAW, LONG),
        /** Replays and the demo: everything to {@value #HISTORY}. */
        REPLAY(HISTORY, HISTORY);

        private final String signals;
        private final String alerts;

        Target(String signals, String alerts) {
            this.signals = signals;
            this.alerts = alerts;
        }

        /** The signals' policy: the configured one, else this target's. */
        public String signals(InfluxConfig config) {
            return config.retentionPolicy() != null ? config.retentionPolicy() : signals;
        }

        /** The alerts' policy: the configured one, else this target's. */
        public String alerts(InfluxConfig config) {
            return config.retentionPolicy() != null ? config.retentionPolicy() : alerts;
        }
    }

    /** One downsampling: the 1-minute aggregates of a raw measurement, series by series. */
    public record Downsampling(String measurement, String aggregates) {
        public String target() {
            return measurement + "_1m";
        }

        public String name() {
            return "downsample_" + measurement;
        }

        /** The SELECT ... INTO of the continuous query, over {@code from} and optionally a time range. */
        public String select(String database, String from, String into, String timeRange) {
            return "SELECT " + aggregates + " INTO " + quote(database) + "." + quote(into) + "." + quote(target())
                    + " FROM " + quote(database) + "." + quote(from) + "." + quote(measurement)
                    + (timeRange == null ? "" : " WHERE " + timeRange) + " GROUP BY time(1m), *";
        }
    }

    public static final List<Downsampling> DOWNSAMPLINGS = List.of(
            new Downsampling(SignalPoints.CASCADE_INTENSITY, "max(usd) AS usd, max(count) AS count, max(long_usd) AS long_usd, "
                    + "max(short_usd) AS short_usd, max(excess) AS excess, max(count_excess) AS count_excess"),
            new Downsampling(SignalPoints.CASCADE_STATE, "max(level_code) AS level_code, max(robust_z) AS robust_z, "
                    + "max(branching_ratio) AS branching_ratio, max(breadth_assets) AS breadth_assets, "
                    + "max(breadth_venues) AS breadth_venues, last(baseline_usd_per_min) AS baseline_usd_per_min"),
            new Downsampling(SignalPoints.OPEN_INTEREST, "last(open_interest_usd) AS open_interest_usd, "
                    + "max(stress) AS stress, max(instruments) AS instruments"),
            new Downsampling(SignalPoints.OI_CHANGE, "min(change_pct_usd) AS change_pct_usd, "
                    + "max(liquidated_usd) AS liquidated_usd, max(forced_share) AS forced_share"));

    private InfluxSchema() {}

    /** Creates what is missing: the database, the three policies, the continuous queries. Idempotent. */
    public static void ensure(InfluxHttpClient client) throws InfluxException, InterruptedException {
        String db = client.config().database();
        client.execute("CREATE DATABASE " + quote(db));
        Set<String> policies = new HashSet<>();
        for (InfluxHttpClient.Series s : client.select("SHOW RETENTION POLICIES ON " + quote(db))) {
            s.column("name").forEach(name -> policies.add(name.toString()));
        }
        createPolicy(client, policies, RAW, RAW_DURATION, true);
        createPolicy(client, policies, LONG, "INF", false);
        createPolicy(client, policies, HISTORY, "INF", false);
        Set<String> queries = new HashSet<>();
        for (InfluxHttpClient.Series s : client.select("SHOW CONTINUOUS QUERIES")) {
            if (s.name().equals(db)) {
                s.column("name").forEach(name -> queries.add(name.toString()));
            }
        }
        for (Downsampling d : DOWNSAMPLINGS) {
            if (!queries.contains(d.name())) {
                client.execute("CREATE CONTINUOUS QUERY " + quote(d.name()) + " ON " + quote(db)
                        + " BEGIN " + d.select(db, RAW, LONG, null) + " END");
            }
        }
    }

    /**
     * Downsamples points already written to {@code from} between two times, as the continuous queries do for
     * live points as they come (they never look back): for replayed history.
     */
    public static void downsample(InfluxHttpClient client, String from, String into, Instant start, Instant end)
            throws InfluxException, InterruptedException {
        String range = "time >= " + start.toEpochMilli() + "ms AND time < "
                + end.plus(Duration.ofMinutes(1)).toEpochMilli() + "ms";
        for (Downsampling d : DOWNSAMPLINGS) {
            client.execute(d.select(client.config().database(), from, into, range));
        }
    }

    private static void createPolicy(InfluxHttpClient client, Set<String> existing, String name, String duration,
            boolean isDefault) throws InfluxException, InterruptedException {
        if (!existing.contains(name)) {
            client.execute("CREATE RETENTION POLICY " + quote(name) + " ON " + quote(client.config().database())
                    + " DURATION " + duration + " REPLICATION 1" + (isDefault ? " DEFAULT" : ""));
        }
    }

    /** An InfluxQL identifier in double quotes. */
    public static String quote(String identifier) {
        return '"' + identifier.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
