package io.cascaderadar.jobs;

import io.cascaderadar.avro.FeedHealth;
import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.OpenInterestUpdate;
import io.cascaderadar.jobs.ingest.InputStream;

/** The three inputs of the detector: Kafka topics when live, sorted history files in replay, lists in tests. */
public record DetectorInputs(InputStream<LiquidationEvent> liquidations,
        InputStream<OpenInterestUpdate> openInterest, InputStream<FeedHealth> feedHealth) {}
