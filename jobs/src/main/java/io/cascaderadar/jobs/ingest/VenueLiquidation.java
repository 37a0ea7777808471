package io.cascaderadar.jobs.ingest;

import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.PositionSide;
import io.cascaderadar.avro.VenueType;
import io.cascaderadar.connectors.StableId;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * A liquidation as the de-duplication and the step sums need it: what crosses the shuffle by venue. Its id is
 * fingerprinted before the shuffle, on the source's thread. A Flink POJO of ten fields is several times cheaper
 * to serialize and read than the Avro record (that shuffle was the largest cost left in a replay's profile); the
 * whole record comes along only with a retraction, for the dead letter if nothing it takes back was counted.
 */
public class VenueLiquidation {
    /** {@link StableId#fingerprint} of the event id. */
    public long id;
    public String venue;
    public VenueType venueType;
    public String baseAsset;
    public long time;
    public double usd;
    public double quantityBase;
    public boolean longSide;
    public boolean sampled;
    /** The event, for a retraction only. */
    public LiquidationEvent retraction;

    public VenueLiquidation() {}

    public static VenueLiquidation of(LiquidationEvent e) {
        return of(e, StableId.fingerprint(e.getEventId()));
    }

    private static VenueLiquidation of(LiquidationEvent e, long id) {
        VenueLiquidation v = new VenueLiquidation();
        v.id = id;
        v.venue = e.getVenue();
        v.venueType = e.getVenueType();
        v.baseAsset = e.getBaseAsset();
        v.time = e.getEventTime().toEpochMilli();
        v.usd = e.getNotionalUsd();
        v.quantityBase = e.getQuantityBase();
        v.longSide = e.getLiquidatedSide() == PositionSide.LONG;
        v.sampled = e.getSampled();
        v.retraction = e.getRetracted() ? e : null;
        return v;
    }

    /** Each event as a {@link VenueLiquidation}, its id fingerprinted with this function's own digest. */
    public static final class FromEvents implements MapFunction<LiquidationEvent, VenueLiquidation> {
        private transient StableId.Fingerprints fingerprints;

        @Override
        public VenueLiquidation map(LiquidationEvent e) {
            if (fingerprints == null) {
                fingerprints = new StableId.Fingerprints();
            }
            return of(e, fingerprints.of(e.getEventId()));
        }
    }

    /** Takes back a liquidation counted before (a chain reorg withdrew it). */
    public boolean retracted() {
        return retraction != null;
    }
}
