package io.cascaderadar.jobs.sinks;

import io.cascaderadar.avro.CascadeSignal;
import io.cascaderadar.connectors.influxdb.SignalPoints;
import io.cascaderadar.jobs.DetectorOutputs;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The signals, open-interest stress and price moves as line-protocol points, for the replay's file and for InfluxDB:
 * a record's points as their UTF-8 bytes, joined by line breaks ({@link LinesWithCount}), as a signal's are made
 * ({@link SignalPoints#points}) and as the sinks write them.
 */
public final class SignalLines {
    /** Accumulator: the points made. */
    public static final String POINTS = "signal-points";

    private SignalLines() {}

    public static DataStream<byte[]> of(DetectorOutputs outputs) {
        // Formatted where the records are made, chained to their operators (InfluxDB points are idempotent, their
        // order is free): the scopes' signals on every subtask of cascade intensity, the market's after breadth.
        LineFormat<CascadeSignal> signalLines = SignalPoints::points;
        DataStream<byte[]> points = lines(outputs.scopeSignals(), signalLines, "signal-points", "signal points")
                .union(lines(outputs.marketSignals(), signalLines, "market-signal-points", "market signal points"),
                        lines(outputs.openInterestStress(), SignalPoints::points, "oi-points", "open-interest points"));
        if (outputs.priceMoves() == null) {
            return points;
        }
        return points.union(lines(outputs.priceMoves(), (move, lines) -> lines.line(LineFormat.utf8(SignalPoints.line(move))),
                "price-points", "price points"));
    }

    private static <T> DataStream<byte[]> lines(DataStream<T> records, LineFormat<T> format, String uid, String name) {
        // The points cross a shuffle to their sink (a union's consumer never chains), a record's together, as bytes:
        // a string would be encoded to cross it, made again after, and encoded again by the sink.
        return records.flatMap(new LinesWithCount<>(POINTS, format)).returns(PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO)
                .uid(uid).name(name);
    }
}
