package io.cascaderadar.connectors.feed;

import io.cascaderadar.avro.FeedHealth;
import java.time.Instant;

/** What a {@link FeedConnection} hands on, on its own thread, one call at a time. */
public interface FeedListener {

    /** A complete text frame, stamped with the time it was received. */
    void onMessage(String message, Instant receiveTime);

    /** The feed's coverage changed: connected, a gap opened, a gap closed. */
    void onHealth(FeedHealth health);
}
