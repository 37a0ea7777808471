package io.cascaderadar.jobs.cli;

import io.cascaderadar.connectors.influxdb.InfluxConfig;
import io.cascaderadar.connectors.influxdb.InfluxSchema;
import io.cascaderadar.jobs.config.RadarSettings;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The InfluxDB options of {@code replay}, {@code demo} and {@code run}. Credentials are never options: they come
 * from {@code RADAR_INFLUX_USERNAME} and {@code RADAR_INFLUX_PASSWORD}, or {@code RADAR_INFLUX_TOKEN} (or a
 * settings file).
 */
public final class InfluxOptions {

    @Option(names = "--influx-url", paramLabel = "URL", description = "Write signals and alerts to this InfluxDB as well "
            + "(the v1 API: InfluxDB 1.x, 2.x with a DBRP mapping, 3.x). Credentials from RADAR_INFLUX_USERNAME and "
            + "RADAR_INFLUX_PASSWORD, or RADAR_INFLUX_TOKEN.")
    String url;

    @Option(names = "--influx-db", paramLabel = "NAME", description = "The database (default: radar).")
    String database;

    @Option(names = "--influx-rp", paramLabel = "NAME", description = "A retention policy for everything "
            + "(default: live signals to raw, alerts to long; replays to history).")
    String retentionPolicy;

    /** The settings with these options over them. */
    RadarSettings applyTo(RadarSettings settings) {
        RadarSettings applied = settings;
        if (url != null) {
            applied = applied.with("influx.url", url);
        }
        if (database != null) {
            applied = applied.with("influx.database", database);
        }
        if (retentionPolicy != null) {
            applied = applied.with("influx.retention.policy", retentionPolicy);
        }
        return applied;
    }

    /** InfluxDB from the options and the environment, if a URL is given in either. */
    Optional<InfluxConfig> fromEnvironment() throws Exception {
        return applyTo(RadarSettings.load(null)).influx();
    }

    static String describe(InfluxConfig config, InfluxSchema.Target target) {
        return "InfluxDB: signals to " + config.url() + " " + config.database() + "." + target.signals(config)
                + ", alerts to " + config.database() + "." + target.alerts(config);
    }
}
