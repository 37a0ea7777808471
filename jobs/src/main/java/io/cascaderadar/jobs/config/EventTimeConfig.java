package io.cascaderadar.jobs.config;

import java.io.Serializable;
import java.time.Duration;

/**
 * Event time of the inputs.
 *
 * @param maxOutOfOrderness how far behind the newest event of a source an event may arrive and still count;
 *     later events go to the dead letters (LATE_EVENT)
 * @param idleness a source silent this long (processing time) stops holding the watermark back, so that a
 *     quiet venue never stalls the others; {@link Duration#ZERO} turns it off (replay, where it would make
 *     results depend on speed)
 * @param dedupHorizon how long (event time) an event id is remembered for de-duplication
 */
public record EventTimeConfig(Duration maxOutOfOrderness, Duration idleness, Duration dedupHorizon) implements Serializable {

    public static EventTimeConfig live() {
        return new EventTimeConfig(Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofHours(1));
    }

    /**
     * Sorted history: no idleness (a source paused by back-pressure is not idle). Sources need no alignment:
     * operators with two inputs buffer each by minute or step until the watermark passes, so either may run ahead.
     */
    public static EventTimeConfig replay() {
        return new EventTimeConfig(Duration.ofSeconds(5), Duration.ZERO, Duration.ofHours(1));
    }
}
