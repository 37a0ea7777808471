package io.cascaderadar.jobs.ingest;

import io.cascaderadar.avro.Scope;

/**
 * One instrument's open interest for one scope, one-sided; NaN in a unit the venue does not give (Binance USD-M
 * gives base units only, COIN-M USD only). A Flink POJO.
 */
public class ScopedOpenInterest {
    public String scopeId;
    public Scope scope;
    public String key;
    /** The instrument's base asset. */
    public String asset;
    /** venue + instrument. */
    public String instrument;
    public long time;
    public double base;
    public double usd;

    public ScopedOpenInterest() {}

    public ScopedOpenInterest(Scope scope, String key, String asset, String instrument, long time, double base, double usd) {
        this.scopeId = ScopeKeys.id(scope, key);
        this.scope = scope;
        this.key = key;
        this.asset = asset;
        this.instrument = instrument;
        this.time = time;
        this.base = base;
        this.usd = usd;
    }
}
