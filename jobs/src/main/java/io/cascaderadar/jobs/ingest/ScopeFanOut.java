package io.cascaderadar.jobs.ingest;

import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.OpenInterestUpdate;
import io.cascaderadar.avro.PositionSide;
import io.cascaderadar.avro.Scope;
import io.cascaderadar.avro.Sidedness;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/** Every input counts in several scopes at once; these functions copy it to each. */
public final class ScopeFanOut {

    private ScopeFanOut() {}

    /** A liquidation (or its retraction) counts for the whole market, its venue type, its asset and its venue. */
    public static final class Liquidations implements FlatMapFunction<LiquidationEvent, ScopedLiquidation> {
        @Override
        public void flatMap(LiquidationEvent e, Collector<ScopedLiquidation> out) {
            long t = e.getEventTime().toEpochMilli();
            boolean isLong = e.getLiquidatedSide() == PositionSide.LONG;
            double usd = e.getNotionalUsd();
            double qty = e.getQuantityBase();
            boolean sampled = e.getSampled();
            boolean retraction = e.getRetracted();
            String venue = e.getVenue();
            out.collect(new ScopedLiquidation(Scope.MARKET, ScopeKeys.ALL, venue, t, usd, qty, isLong, sampled, retraction));
            out.collect(new ScopedLiquidation(Scope.MARKET, ScopeKeys.marketOf(e.getVenueType()), venue, t, usd, qty,
                    isLong, sampled, retraction));
            out.collect(new ScopedLiquidation(Scope.ASSET, e.getBaseAsset(), venue, t, usd, qty, isLong, sampled, retraction));
            out.collect(new ScopedLiquidation(Scope.VENUE, venue, venue, t, usd, qty, isLong, sampled, retraction));
        }
    }

    /**
     * Open interest counts for its asset and, in USD, for the market. Two-sided figures are halved so that
     * every venue is summed one-sided.
     */
    public static final class OpenInterest implements FlatMapFunction<OpenInterestUpdate, ScopedOpenInterest> {
        @Override
        public void flatMap(OpenInterestUpdate u, Collector<ScopedOpenInterest> out) {
            double factor = u.getSidedness() == Sidedness.TWO_SIDED ? 0.5 : 1.0;
            double base = u.getOpenInterestBase() == null ? Double.NaN : u.getOpenInterestBase() * factor;
            double usd = u.getOpenInterestUsd() == null ? Double.NaN : u.getOpenInterestUsd() * factor;
            String instrument = u.getVenue() + '/' + u.getInstrument();
            long t = u.getEventTime().toEpochMilli();
            out.collect(new ScopedOpenInterest(Scope.ASSET, u.getBaseAsset(), u.getBaseAsset(), instrument, t, base, usd));
            out.collect(new ScopedOpenInterest(Scope.MARKET, ScopeKeys.ALL, u.getBaseAsset(), instrument, t, base, usd));
        }
    }
}
