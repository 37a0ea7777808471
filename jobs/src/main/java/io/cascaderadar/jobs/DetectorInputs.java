package io.cascaderadar.jobs;

import io.cascaderadar.avro.FeedHealth;
import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.OpenInterestUpdate;
import io.cascaderadar.jobs.ingest.InputStream;
import java.time.Instant;

/**
 * The three inputs of the detector: Kafka topics when live, sorted history files in replay, lists in tests.
 *
 * @param end for bounded inputs, the latest event time in them (after the last watermark the detector evaluates
 *     up to it, so results do not depend on how fast watermarks advanced); null for unbounded inputs
 */
public record DetectorInputs(InputStream<LiquidationEvent> liquidations,
        InputStream<OpenInterestUpdate> openInterest, InputStream<FeedHealth> feedHealth, Instant end) {}
