package io.cascaderadar.jobs.replay;

import io.cascaderadar.connectors.json.AvroJson;
import io.cascaderadar.jobs.DetectorOutputs;
import io.cascaderadar.jobs.alerts.AlertText;
import io.cascaderadar.jobs.sinks.DeadLetterJson;
import io.cascaderadar.jobs.sinks.LineFileSink;
import io.cascaderadar.jobs.sinks.LineFormat;
import java.nio.file.Path;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.sink.PrintSink;

/** The files of a replay's output directory, and the alerts printed as they fire. */
public final class ReplayOutputs {
    public static final String ALERTS = "alerts.jsonl";
    public static final String SIGNALS = "signals.lp";
    public static final String DEAD_LETTERS = "dead-letter.jsonl";
    public static final String CHART = "chart.html";
    /** Points that InfluxDB refused, with its reason (with {@code --influx-url}). */
    public static final String INFLUX_DEAD_LETTERS = "influx-dead-letter.jsonl";

    private ReplayOutputs() {}

    /**
     * Attaches the file sinks; dead letters are appended, after those the input files produced before the job.
     */
    public static void attach(DetectorOutputs outputs, DataStream<byte[]> signalLines, Path dir, boolean printAlerts) {
        outputs.alerts()
                .sinkTo(new LineFileSink<>(dir.resolve(ALERTS), false, (alert, lines) -> lines.line(LineFormat.utf8(AvroJson.toJson(alert)))))
                .uid("alerts-file").name(ALERTS).setParallelism(1);
        if (printAlerts) {
            outputs.alerts().map(AlertText::line).returns(Types.STRING).uid("alerts-text").name("alerts as text")
                    .sinkTo(new PrintSink<>()).uid("alerts-console").name("alerts on the terminal").setParallelism(1);
        }
        // A record's points come joined by line breaks: written whole, they are its lines.
        signalLines.sinkTo(new LineFileSink<byte[]>(dir.resolve(SIGNALS), false, (points, lines) -> lines.line(points)))
                .uid("signals-file").name(SIGNALS).setParallelism(1);
        outputs.deadLetters()
                .sinkTo(new LineFileSink<>(dir.resolve(DEAD_LETTERS), true,
                        (letter, lines) -> lines.line(LineFormat.utf8(DeadLetterJson.toJson(letter)))))
                .uid("dead-letter-file").name(DEAD_LETTERS).setParallelism(1);
    }
}
