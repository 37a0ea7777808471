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
 * @param priceMoves null when the run has no prices
 */
public record DetectorOutputs(DataStream<DeleveragingAlert> alerts, DataStream<CascadeSignal> signals,
        DataStream<OpenInterestStress> openInterestStress, DataStream<PriceMove> priceMoves,
        DataStream<DeadLetter> deadLetters) {}
