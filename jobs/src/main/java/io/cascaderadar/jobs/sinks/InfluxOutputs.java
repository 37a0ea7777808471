package io.cascaderadar.jobs.sinks;

import io.cascaderadar.connectors.influxdb.InfluxConfig;
import io.cascaderadar.connectors.influxdb.InfluxHttpClient;
import io.cascaderadar.connectors.influxdb.InfluxSchema;
import io.cascaderadar.connectors.influxdb.SignalPoints;
import io.cascaderadar.jobs.DetectorOutputs;
import org.apache.flink.streaming.api.datastream.DataStream;

/** The detector's signals and alerts into InfluxDB: what {@code replay}, {@code demo} and {@code run} add with {@code --influx-url}. */
public final class InfluxOutputs {

    private InfluxOutputs() {}

    /** Creates the database, its retention policies and continuous queries where missing, unless setup is off. */
    public static void prepare(InfluxConfig config) throws Exception {
        if (config.setup()) {
            InfluxSchema.ensure(new InfluxHttpClient(config));
        }
    }

    public static void attach(DetectorOutputs outputs, DataStream<byte[]> signalLines, InfluxConfig config,
            InfluxSchema.Target target, DeadLetterTarget deadLetters) {
        signalLines
                .sinkTo(new InfluxDbSink<byte[]>(config.withRetentionPolicy(target.signals(config)),
                        LineFormat::eachLine, deadLetters))
                .uid("signals-influxdb").name("signals to InfluxDB");
        outputs.alerts()
                .sinkTo(new InfluxDbSink<>(config.withRetentionPolicy(target.alerts(config)),
                        (alert, lines) -> lines.line(LineFormat.utf8(SignalPoints.line(alert))), deadLetters))
                .uid("alerts-influxdb").name("alerts to InfluxDB").setParallelism(1);
    }
}
