package io.cascaderadar.jobs.ingest;

import io.cascaderadar.avro.OpenInterestUpdate;
import io.cascaderadar.avro.Scope;
import io.cascaderadar.avro.Sidedness;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/** Open interest counts in several scopes at once; this copies it to each (liquidations: {@link ScopeStepSums}). */
public final class ScopeFanOut {

    private ScopeFanOut() {}

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
