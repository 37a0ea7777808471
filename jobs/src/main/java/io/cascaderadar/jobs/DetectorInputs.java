package io.cascaderadar.jobs;

import io.cascaderadar.avro.FeedHealth;
import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.OpenInterestUpdate;
import io.cascaderadar.avro.PriceUpdate;
import io.cascaderadar.jobs.ingest.InputStream;
import java.time.Instant;

/**
 * The inputs of the detector: Kafka topics when live, sorted history files in replay, lists in tests. Prices are
 * context (the price and drawdown beside the signals), never evidence of a cascade.
 *
 * @param prices mark, index or kline prices; null for a run without prices
 * @param end for bounded inputs, the latest event time in them (after the last watermark the detector evaluates
 *     up to it, so results do not depend on how fast watermarks advanced); null for unbounded inputs
 */
public record DetectorInputs(InputStream<LiquidationEvent> liquidations,
        InputStream<OpenInterestUpdate> openInterest, InputStream<FeedHealth> feedHealth, InputStream<PriceUpdate> prices,
        Instant end) {

    /** Without prices. */
    public DetectorInputs(InputStream<LiquidationEvent> liquidations, InputStream<OpenInterestUpdate> openInterest,
            InputStream<FeedHealth> feedHealth, Instant end) {
        this(liquidations, openInterest, feedHealth, null, end);
    }
}
