package io.cascaderadar.jobs.sinks;

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
        // The signals come out of the breadth operator, which runs alone: formatting them there took a quarter of
        // its thread, so they are spread over every core first (InfluxDB points are idempotent, their order is free).
        DataStream<String> points = outputs.signals()
                .rebalance()
                .flatMap(new LinesWithCount<>(POINTS, (signal, lines) -> SignalPoints.lines(signal).forEach(lines)))
                .returns(Types.STRING).uid("signal-points").name("signal points")
                .union(outputs.openInterestStress()
                        .flatMap(new LinesWithCount<>(POINTS, (stress, lines) -> SignalPoints.lines(stress).forEach(lines)))
                        .returns(Types.STRING).uid("oi-points").name("open-interest points"));
        if (outputs.priceMoves() == null) {
            return points;
        }
        return points.union(outputs.priceMoves()
                .flatMap(new LinesWithCount<>(POINTS, (move, out) -> out.accept(SignalPoints.line(move))))
                .returns(Types.STRING).uid("price-points").name("price points"));
    }
}
