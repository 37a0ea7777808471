package io.cascaderadar.jobs.ingest;

import io.cascaderadar.avro.Scope;

/**
 * The part of a liquidation one scope needs, so that fanning an event out to its four scopes copies a few
 * numbers and not the whole record. A Flink POJO.
 */
public class ScopedLiquidation {
    /** {@link ScopeKeys#id}: the key of every keyed operator downstream. */
    public String scopeId;
    public Scope scope;
    public String key;
    public String venue;
    public long time;
    public double usd;
    public double quantityBase;
    public boolean longSide;
    public boolean sampled;
    /** Takes back a liquidation counted before (a chain reorg withdrew it): scopes subtract it. */
    public boolean retraction;

    public ScopedLiquidation() {}

    public ScopedLiquidation(Scope scope, String key, String venue, long time, double usd, double quantityBase,
            boolean longSide, boolean sampled, boolean retraction) {
        this.scopeId = ScopeKeys.id(scope, key);
        this.scope = scope;
        this.key = key;
        this.venue = venue;
        this.time = time;
        this.usd = usd;
        this.quantityBase = quantityBase;
        this.longSide = longSide;
        this.sampled = sampled;
        this.retraction = retraction;
    }

    /** +1 for a liquidation, -1 for a retraction: what it adds to the sums it belongs to. */
    public int sign() {
        return retraction ? -1 : 1;
    }
}
