package io.cascaderadar.jobs.ingest;

import io.cascaderadar.avro.Scope;

/**
 * Liquidations of one scope in one evaluation step, summed: what a scope needs of them. Retractions count
 * negatively. They are summed per venue where they enter the job ({@link ScopeStepSums}), then per scope while
 * the step waits for its watermark, and this is the bin the scope's windows are made of. A Flink POJO.
 */
public class ScopedLiquidations {
    /** {@link ScopeKeys#id}: the key of every keyed operator downstream. */
    public String scopeId;
    public Scope scope;
    public String key;
    /** Start of the step, in epoch milliseconds. */
    public long stepStart;
    public double usd;
    public double longUsd;
    public double sampledUsd;
    public double quantityBase;
    public int count;
    public int longCount;
    /** Arrivals from venues that report every liquidation, for the branching estimate. */
    public int completeCount;
    /** Event time of the latest liquidation; {@link Long#MIN_VALUE} while there are only retractions. */
    public long lastTime = Long.MIN_VALUE;

    public ScopedLiquidations() {}

    public ScopedLiquidations(Scope scope, String key, long stepStart) {
        this.scopeId = ScopeKeys.id(scope, key);
        this.scope = scope;
        this.key = key;
        this.stepStart = stepStart;
    }

    public ScopedLiquidations add(VenueLiquidation e) {
        return add(e.time, e.usd, e.quantityBase, e.longSide, e.sampled, e.retracted());
    }

    /** Adds a liquidation, or takes back a retracted one. */
    public ScopedLiquidations add(long time, double usdValue, double quantity, boolean longSide, boolean sampled,
            boolean retraction) {
        int sign = retraction ? -1 : 1;
        if (!retraction) {
            lastTime = Math.max(lastTime, time);
        }
        usd += sign * usdValue;
        quantityBase += sign * quantity;
        count += sign;
        if (longSide) {
            longUsd += sign * usdValue;
            longCount += sign;
        }
        if (sampled) {
            sampledUsd += sign * usdValue;
        } else {
            completeCount += sign;
        }
        return this;
    }

    /** Adds other sums of the same scope and step. */
    public void add(ScopedLiquidations other) {
        lastTime = Math.max(lastTime, other.lastTime);
        usd += other.usd;
        quantityBase += other.quantityBase;
        count += other.count;
        longUsd += other.longUsd;
        longCount += other.longCount;
        sampledUsd += other.sampledUsd;
        completeCount += other.completeCount;
    }

    /** Only takes back liquidations counted before (a chain reorg withdrew them). */
    public boolean onlyRetractions() {
        return lastTime == Long.MIN_VALUE;
    }
}
