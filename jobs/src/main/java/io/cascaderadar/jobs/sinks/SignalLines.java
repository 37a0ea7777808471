package io.cascaderadar.jobs.sinks;

import io.cascaderadar.avro.CascadeSignal;
import io.cascaderadar.connectors.influxdb.SignalPoints;
import io.cascaderadar.jobs.DetectorOutputs;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;

/** The signals, open-interest stress and price moves as line-protocol points, for the replay's file and for InfluxDB. */
public final class SignalLines {
    /** Accumulator: the points made. */
    public static final String POINTS = "signal-points";

    private SignalLines() {}

    public static DataStream<String> of(DetectorOutputs outputs) {
        // Formatted where the records are made, chained to their operators (InfluxDB points are idempotent, their
        // order is free): the scopes' signals on every subtask of cascade intensity, the market's after breadth.
        DataStream<String> points = lines(outputs.scopeSignals(), "signal-points", "signal points")
                .union(lines(outputs.marketSignals(), "market-signal-points", "market signal points"),
                        outputs.openInterestStress()
                                .flatMap(new LinesWithCount<>(POINTS, (stress, lines) -> SignalPoints.lines(stress).forEach(lines)))
                                .returns(Types.STRING).uid("oi-points").name("open-interest points"));
        if (outputs.priceMoves() == null) {
            return points;
        }
        return points.union(outputs.priceMoves()
                .flatMap(new LinesWithCount<>(POINTS, (move, out) -> out.accept(SignalPoints.line(move))))
                .returns(Types.STRING).uid("price-points").name("price points"));
    }

    private static DataStream<String> lines(DataStream<CascadeSignal> signals, String uid, String name) {
        return signals.flatMap(new LinesWithCount<>(POINTS, (signal, lines) -> SignalPoints.lines(signal).forEach(lines)))
                .returns(Types.STRING).uid(uid).name(name);
    }
}
