package io.cascaderadar.connectors.history;

import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.OpenInterestUpdate;
import io.cascaderadar.avro.PositionSide;
import io.cascaderadar.avro.PriceKind;
import io.cascaderadar.avro.VenueType;
import io.cascaderadar.connectors.StableId;
import io.cascaderadar.connectors.validation.InputRules;
import io.cascaderadar.connectors.validation.Rejection;
import java.time.Instant;

/**
 * Records from an aggregator's buckets (Coinalyze, CoinGlass): USD liquidated per time bucket, market and side,
 * and open interest per bucket and market. These are aggregates, not liquidations, and the records say so:
 * <ul>
 *   <li>One bucket of one market and side becomes ONE {@link LiquidationEvent} carrying the bucket's USD; a zero
 *       or blank amount becomes nothing (the aggregator reports no liquidation, and an event needs a positive
 *       size). Counts made from these events count buckets, not liquidations.</li>
 *   <li>The event time is the bucket's start, the only time the row states (its length is not in the row, so a
 *       midpoint or end cannot be computed). The detector sees the whole bucket at that one instant, before most
 *       of it happened: daily buckets give totals and coverage, never onset timing.</li>
 *   <li>The quantity in base units is unknown: the bucket gives USD only, and the input rules want a positive
 *       price and quantity. The event carries the USD amount as its quantity at a placeholder price of 1
 *       ({@code priceKind} UNKNOWN): a price of 1 is no price of the base asset (a plausible one would be
 *       believed; this one cannot be), and base-unit sums of these
 *       events (the forced share of an open-interest fall) mean nothing; their USD is the figure to use.</li>
 *   <li>Every event is {@code sampled}: aggregators rebuild totals from the venues' throttled feeds, so they are
 *       lower bounds and approximate.</li>
 *   <li>The event id hashes the source, venue, instrument, side and bucket start, so a re-import gives the same
 *       ids and the job drops the repeats.</li>
 * </ul>
 * A rule broken by one value rejects it with the column named, so that a wide row goes to the dead letters whole.
 */
public final class BucketRecords {

    /** The market a bucket is of: venue id, the instrument as the aggregator names it, base and quote assets. */
    public record Market(String venue, String instrument, String baseAsset, String quoteAsset) {}

    private final String source;
    private final InputRules rules;
    private final Instant now;

    /** @param source the aggregator, the prefix of event ids ({@code coinalyze}) */
    public BucketRecords(String source, InputRules rules, Instant now) {
        this.source = source;
        this.rules = rules;
        this.now = now;
    }

    /** The liquidations of one bucket and side, or null when the amount is blank or zero. */
    public LiquidationEvent liquidation(Market market, PositionSide side, Instant bucketStart, Double usd, String column)
            throws Rejection {
        if (usd == null || usd == 0) {
            return null;
        }
        LiquidationEvent event = LiquidationEvent.newBuilder()
                .setEventId(source + ":" + StableId.hash(source, market.venue(), market.instrument(), side,
                        bucketStart.toEpochMilli()))
                .setVenue(market.venue())
                .setVenueType(VenueType.CEX)
                .setInstrument(market.instrument())
                .setBaseAsset(market.baseAsset())
                .setQuoteAsset(market.quoteAsset())
                .setLiquidatedSide(side)
                .setPrice(1.0) // a placeholder: the quantity is the USD amount (see above)
                .setPriceKind(PriceKind.UNKNOWN)
                .setQuantityBase(usd)
                .setNotionalUsd(usd)
                .setEventTime(bucketStart)
                .setReceiveTime(bucketStart)
                .setSampled(true)
                .build();
        try {
            rules.check(event, now);
        } catch (Rejection r) {
            throw inColumn(column, r);
        }
        return event;
    }

    /** Open interest of one bucket, in USD or in base units as the source gives it. */
    public OpenInterestUpdate openInterest(Market market, Instant bucketStart, Double usd, Double base, String column)
            throws Rejection {
        OpenInterestUpdate update = OpenInterestUpdate.newBuilder()
                .setVenue(market.venue())
                .setInstrument(market.instrument())
                .setBaseAsset(market.baseAsset())
                .setOpenInterestUsd(usd)
                .setOpenInterestBase(base)
                .setEventTime(bucketStart)
                .build();
        try {
            rules.check(update, now);
        } catch (Rejection r) {
            throw inColumn(column, r);
        }
        return update;
    }

    private static Rejection inColumn(String column, Rejection r) {
        return new Rejection(r.reason(), column + ": " + r.getMessage());
    }
}
