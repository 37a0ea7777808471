package io.cascaderadar.jobs;

import io.cascaderadar.avro.CascadeSignal;
import io.cascaderadar.avro.DeleveragingAlert;
import io.cascaderadar.avro.OpenInterestStress;
import io.cascaderadar.avro.PriceMove;
import io.cascaderadar.connectors.validation.DeadLetter;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * What the detector produces; the caller attaches sinks (files in replay, Kafka and InfluxDB live, collectors in tests).
 *
 * @param scopeSignals the signals of every scope but the whole market's, as cascade intensity emits them
 * @param marketSignals the whole market's signals, with breadth
 * @param priceMoves null when the run has no prices
 */
public record DetectorOutputs(DataStream<DeleveragingAlert> alerts, DataStream<CascadeSignal> scopeSignals,
        DataStream<CascadeSignal> marketSignals, DataStream<OpenInterestStress> openInterestStress,
        DataStream<PriceMove> priceMoves, DataStream<DeadLetter> deadLetters) {

    /** The outputs of the detector's three stages ({@link DetectorJob}). */
    public static DetectorOutputs of(DetectorJob.Ingested ingested, DetectorJob.Signals signals,
            DataStream<DeleveragingAlert> alerts) {
        return new DetectorOutputs(alerts, signals.scopeSignals(), signals.marketSignals(), signals.openInterestStress(),
                signals.priceMoves(), ingested.deadLetters());
    }

    /**
     * Every signal. An operator reading a union cannot chain to what feeds it: work on every signal (formatting)
     * is cheaper attached to both streams.
     */
    public DataStream<CascadeSignal> signals() {
        return scopeSignals.union(marketSignals);
    }
}
