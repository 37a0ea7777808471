package io.cascaderadar.jobs.config;

import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.util.TimeUtils;

/**
 * Event time of the inputs.
 *
 * @param maxOutOfOrderness how far behind the newest event of a source an event may arrive and still be on time
 * @param allowedLateness how far behind its source's watermark an event may arrive and still count: it then amends
 *     the windows it belongs to (and the steps evaluated after it see it) instead of being judged in its own step;
 *     later events go to the dead letters (LATE_EVENT). On-chain liquidations arrive a confirmation depth behind
 *     the CEX feeds, so a live detector allows minutes; a replay of sorted history allows none
 * @param idleness a source silent this long (processing time) stops holding the watermark back, so that a
 *     quiet venue never stalls the others; {@link Duration#ZERO} turns it off (replay, where it would make
 *     results depend on speed)
 * @param dedupHorizon how long (event time) an event id is remembered for de-duplication and for retractions; never
 *     shorter than the allowed lateness, or a repeat arriving that late would still be accepted, and count twice
 */
public record EventTimeConfig(Duration maxOutOfOrderness, Duration allowedLateness, Duration idleness,
        Duration dedupHorizon) implements Serializable {

    public EventTimeConfig {
        if (dedupHorizon.compareTo(allowedLateness) < 0) {
            throw new IllegalArgumentException("the de-duplication horizon (event.dedup.horizon, "
                    + TimeUtils.formatWithHighestUnit(dedupHorizon) + ") is shorter than the allowed lateness"
                    + " (event.allowed.lateness, " + TimeUtils.formatWithHighestUnit(allowedLateness)
                    + "): a repeat arriving that late would still be accepted, and count twice");
        }
    }

    public static EventTimeConfig live() {
        return new EventTimeConfig(Duration.ofSeconds(5), Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ofHours(1));
    }

    /**
     * Sorted history: no idleness (a source paused by back-pressure is not idle). Results need no alignment of the
     * sources: operators with two inputs buffer each by minute or step until the watermark passes, so either may run
     * ahead. What runs ahead is kept in memory meanwhile, so a replay's files are paced ({@code Replay.inputs}).
     */
    public static EventTimeConfig replay() {
        return new EventTimeConfig(Duration.ofSeconds(5), Duration.ZERO, Duration.ZERO, Duration.ofHours(1));
    }
}
