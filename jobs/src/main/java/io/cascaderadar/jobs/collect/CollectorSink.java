package io.cascaderadar.jobs.collect;

import io.cascaderadar.avro.FeedHealth;
import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.OpenInterestUpdate;
import io.cascaderadar.connectors.validation.DeadLetter;
import java.io.IOException;

/** Where the collector puts what the venues sent: Kafka's input topics, or JSON lines to look at. Thread-safe. */
public interface CollectorSink extends AutoCloseable {

    void liquidation(LiquidationEvent event) throws IOException;

    void openInterest(OpenInterestUpdate update) throws IOException;

    void feedHealth(FeedHealth health) throws IOException;

    /** A message no decoder could read; {@code input} holds it exactly as received. */
    void deadLetter(DeadLetter letter) throws IOException;

    /** Makes what was handed on durable (written, acknowledged), or fails. */
    void flush() throws IOException;

    @Override
    void close() throws IOException;
}
