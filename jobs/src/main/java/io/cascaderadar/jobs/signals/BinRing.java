package io.cascaderadar.jobs.signals;

import io.cascaderadar.jobs.ingest.ScopedLiquidation;

/**
 * Liquidations of one scope in bins of one evaluation step, for the longest window (60 minutes of 10-second
 * bins by default). A slot belongs to the bin whose index it stores; a slot of an older bin reads as empty.
 * Bins enter the ring only once the watermark has passed them, so events running ahead never overwrite a bin
 * still inside a window. A Flink POJO kept in keyed state: its memory is bounded by the bins, not the events.
 */
public class BinRing {
    public long[] bin;
    public double[] usd;
    public double[] longUsd;
    public double[] sampledUsd;
    public int[] count;
    public int[] longCount;
    /** Arrivals from venues that report every liquidation, for the branching estimate. */
    public int[] completeCount;

    public BinRing() {}

    public static BinRing withBins(int n) {
        BinRing r = new BinRing();
        r.bin = new long[n];
        java.util.Arrays.fill(r.bin, Long.MIN_VALUE);
        r.usd = new double[n];
        r.longUsd = new double[n];
        r.sampledUsd = new double[n];
        r.count = new int[n];
        r.longCount = new int[n];
        r.completeCount = new int[n];
        return r;
    }

    /** Stores a completed bin, replacing the bin a ring's length older. */
    public void put(long binIndex, Bin b) {
        int s = slot(binIndex);
        bin[s] = binIndex;
        usd[s] = b.usd;
        longUsd[s] = b.longUsd;
        sampledUsd[s] = b.sampledUsd;
        count[s] = b.count;
        longCount[s] = b.longCount;
        completeCount[s] = b.completeCount;
    }

    /**
     * Adds a liquidation that arrived late, after its bin entered the ring, or takes back a retracted one. A bin
     * older than the ring is gone, and a retraction of a bin the ring does not hold has nothing to take back.
     *
     * @return whether the ring changed
     */
    public boolean amend(long binIndex, ScopedLiquidation e) {
        int s = slot(binIndex);
        Bin b;
        if (bin[s] == binIndex) {
            b = get(s);
        } else if (bin[s] < binIndex && !e.retraction) {
            b = new Bin();
        } else {
            return false;
        }
        b.add(e);
        put(binIndex, b);
        return true;
    }

    private Bin get(int s) {
        Bin b = new Bin();
        b.usd = usd[s];
        b.longUsd = longUsd[s];
        b.sampledUsd = sampledUsd[s];
        b.count = count[s];
        b.longCount = longCount[s];
        b.completeCount = completeCount[s];
        return b;
    }

    /** Sums over the {@code bins} bins ending with {@code lastBin}. */
    public Sums sum(long lastBin, int bins) {
        Sums sums = new Sums();
        for (long b = lastBin - bins + 1; b <= lastBin; b++) {
            int s = slot(b);
            if (bin[s] == b) {
                sums.usd += usd[s];
                sums.longUsd += longUsd[s];
                sums.sampledUsd += sampledUsd[s];
                sums.count += count[s];
                sums.longCount += longCount[s];
            }
        }
        return sums;
    }

    /** Arrivals per bin over the {@code bins} bins ending with {@code lastBin}: complete feeds if they have enough. */
    public int[] arrivals(long lastBin, int bins, int minArrivals) {
        int[] complete = new int[bins];
        int[] all = new int[bins];
        int completeTotal = 0;
        for (int i = 0; i < bins; i++) {
            long b = lastBin - bins + 1 + i;
            int s = slot(b);
            if (bin[s] == b) {
                complete[i] = completeCount[s];
                all[i] = count[s];
                completeTotal += completeCount[s];
            }
        }
        return completeTotal >= minArrivals ? complete : all;
    }

    private int slot(long binIndex) {
        return (int) Math.floorMod(binIndex, (long) bin.length);
    }

    /** One bin's liquidations while it waits for the watermark. A Flink POJO. */
    public static class Bin {
        public double usd;
        public double longUsd;
        public double sampledUsd;
        public int count;
        public int longCount;
        public int completeCount;
        /** Event time of the latest liquidation in the bin. */
        public long lastTime;

        public Bin() {}

        /** Adds a liquidation, or takes back a retracted one. */
        public void add(ScopedLiquidation e) {
            int sign = e.sign();
            if (!e.retraction) {
                lastTime = Math.max(lastTime, e.time);
            }
            usd += sign * e.usd;
            count += sign;
            if (e.longSide) {
                longUsd += sign * e.usd;
                longCount += sign;
            }
            if (e.sampled) {
                sampledUsd += sign * e.usd;
            } else {
                completeCount += sign;
            }
        }
    }

    /** Totals of a window. */
    public static final class Sums {
        public double usd;
        public double longUsd;
        public double sampledUsd;
        public long count;
        public long longCount;

        public double shortUsd() {
            return usd - longUsd;
        }

        public long shortCount() {
            return count - longCount;
        }
    }
}
