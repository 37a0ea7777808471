package io.cascaderadar.connectors.validation;

import io.cascaderadar.avro.FeedHealth;
import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.OpenInterestUpdate;
import io.cascaderadar.avro.PriceUpdate;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * The semantic checks every input record passes at the edge where it enters the system (a history file, a
 * Kafka record), so that the dead letter can carry the raw input. Parsing is the reader's job; these rules
 * judge the parsed values.
 */
public final class InputRules implements Serializable {

    /** Larger than any single liquidation on record (about $0.2B on 2025-10-10) by a wide margin. */
    public static final double MAX_NOTIONAL_USD = 1e9;
    /** Liquidations of crypto derivatives start with BitMEX in 2014. */
    public static final Instant EARLIEST_EVENT_TIME = Instant.parse("2014-01-01T00:00:00Z");
    public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofHours(1);

    private final Duration maxFutureSkew;

    public InputRules(Duration maxFutureSkew) {
        this.maxFutureSkew = maxFutureSkew;
    }

    public static InputRules defaults() {
        return new InputRules(DEFAULT_MAX_FUTURE_SKEW);
    }

    public void check(LiquidationEvent e, Instant now) throws Rejection {
        requireText("event id", e.getEventId());
        requireText("venue", e.getVenue());
        requireText("instrument", e.getInstrument());
        requireText("base asset", e.getBaseAsset());
        requirePositive("price", e.getPrice());
        requirePositive("quantity", e.getQuantityBase());
        requirePositive("notional", e.getNotionalUsd());
        if (e.getNotionalUsd() > MAX_NOTIONAL_USD) {
            throw new Rejection(RejectReason.ABSURD_NOTIONAL,
                    "notional " + e.getNotionalUsd() + " USD exceeds " + MAX_NOTIONAL_USD + " USD");
        }
        checkTime(e.getEventTime(), now);
    }

    public void check(OpenInterestUpdate u, Instant now) throws Rejection {
        requireText("venue", u.getVenue());
        requireText("instrument", u.getInstrument());
        requireText("base asset", u.getBaseAsset());
        if (u.getOpenInterestBase() == null && u.getOpenInterestUsd() == null) {
            throw new Rejection(RejectReason.MISSING_VALUE, "neither open interest in base units nor in USD");
        }
        requireNonNegative("open interest (base)", u.getOpenInterestBase());
        requireNonNegative("open interest (USD)", u.getOpenInterestUsd());
        checkTime(u.getEventTime(), now);
    }

    public void check(PriceUpdate p, Instant now) throws Rejection {
        requireText("venue", p.getVenue());
        requireText("instrument", p.getInstrument());
        requireText("base asset", p.getBaseAsset());
        requirePositive("price", p.getPrice());
        checkTime(p.getEventTime(), now);
    }

    public void check(FeedHealth h, Instant now) throws Rejection {
        requireText("venue", h.getVenue());
        requireText("channel", h.getChannel());
        checkTime(h.getEventTime(), now);
        if (h.getGapStart() != null && h.getGapEnd() != null && h.getGapEnd().isBefore(h.getGapStart())) {
            throw new Rejection(RejectReason.BAD_TIMESTAMP, "gap ends before it starts");
        }
    }

    private void checkTime(Instant t, Instant now) throws Rejection {
        if (t.isBefore(EARLIEST_EVENT_TIME)) {
            throw new Rejection(RejectReason.PREHISTORIC_TIMESTAMP,
                    "event time " + t + " is before " + EARLIEST_EVENT_TIME + " (epoch seconds given as milliseconds?)");
        }
        if (t.isAfter(now.plus(maxFutureSkew))) {
            throw new Rejection(RejectReason.FUTURE_TIMESTAMP,
                    "event time " + t + " is more than " + maxFutureSkew + " after " + now);
        }
    }

    private static void requireText(String what, String value) throws Rejection {
        if (value == null || value.isBlank()) {
            throw new Rejection(RejectReason.MISSING_VALUE, what + " is blank");
        }
    }

    private static void requirePositive(String what, double value) throws Rejection {
        requireFinite(what, value);
        if (value <= 0) {
            throw new Rejection(RejectReason.NON_POSITIVE, what + " " + value + " is not positive");
        }
    }

    private static void requireNonNegative(String what, Double value) throws Rejection {
        if (value == null) {
            return;
        }
        requireFinite(what, value);
        if (value < 0) {
            throw new Rejection(RejectReason.NON_POSITIVE, what + " " + value + " is negative");
        }
    }

    private static void requireFinite(String what, double value) throws Rejection {
        if (!Double.isFinite(value)) {
            throw new Rejection(RejectReason.NON_FINITE, what + " is " + value);
        }
    }
}
