package io.cascaderadar.connectors.feed;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Waits between reconnects: doubling from {@code first} up to {@code cap}, each wait drawn between half and all of
 * that, so that many collectors cut off together do not come back together.
 */
public record Backoff(Duration first, Duration cap) {

    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

    /** The wait before try number {@code failures + 1}. */
    public Duration delay(int failures) {
        long ceiling = first.toMillis() << Math.min(failures, 20);
        long millis = Math.min(cap.toMillis(), ceiling);
        return Duration.ofMillis(millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1));
    }
}
