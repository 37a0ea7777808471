package io.cascaderadar.jobs.signals;

import io.cascaderadar.jobs.ingest.ScopedLiquidations;

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
    public void put(long binIndex, ScopedLiquidations b) {
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
     * Adds liquidations that arrived late, after their bin entered the ring, or takes back retracted ones. A bin
     * older than the ring is gone, and retractions of a bin the ring does not hold have nothing to take back.
     *
     * @return whether the ring changed
     */
    public boolean amend(long binIndex, ScopedLiquidations late) {
        int s = slot(binIndex);
        if (bin[s] == binIndex) {
            usd[s] += late.usd;
            longUsd[s] += late.longUsd;
            sampledUsd[s] += late.sampledUsd;
            count[s] += late.count;
            longCount[s] += late.longCount;
            completeCount[s] += late.completeCount;
        } else if (bin[s] < binIndex && !late.onlyRetractions()) {
            put(binIndex, late);
        } else {
            return false;
        }
        return true;
    }

    /** Sums over the {@code bins} bins ending with {@code lastBin}. */
    public Sums sum(long lastBin, int bins) {
        return sums(lastBin, new int[] {bins})[0];
    }

    /**
     * Sums over trailing windows that all end with {@code lastBin}, of {@code ascendingBins} bins each: one walk
     * back over the longest, since each window holds the shorter ones (a fifth of the bins visited, not all again).
     */
    public Sums[] sums(long lastBin, int[] ascendingBins) {
        Sums[] sums = new Sums[ascendingBins.length];
        // Totals in locals, and the ring walked down in runs that need no wrap test: 640 ns for the default windows
        // against 900 with a Sums' fields and a wrap test at every bin. The same additions in the same order, so the
        // same totals.
        double usdTotal = 0;
        double longUsdTotal = 0;
        double sampledUsdTotal = 0;
        long countTotal = 0;
        long longCountTotal = 0;
        int s = slot(lastBin);
        long expected = lastBin;
        int visited = 0;
        for (int w = 0; w < ascendingBins.length; w++) {
            while (visited < ascendingBins[w]) {
                int run = Math.min(ascendingBins[w] - visited, s + 1);
                for (int end = s - run; s > end; s--, expected--) {
                    if (bin[s] == expected) {
                        usdTotal += usd[s];
                        longUsdTotal += longUsd[s];
                        sampledUsdTotal += sampledUsd[s];
                        countTotal += count[s];
                        longCountTotal += longCount[s];
                    }
                }
                visited += run;
                if (s < 0) {
                    s = bin.length - 1;
                }
            }
            Sums window = new Sums();
            window.usd = usdTotal;
            window.longUsd = longUsdTotal;
            window.sampledUsd = sampledUsdTotal;
            window.count = countTotal;
            window.longCount = longCountTotal;
            sums[w] = window;
        }
        return sums;
    }

    /** Arrivals per bin over the {@code bins} bins ending with {@code lastBin}: complete feeds if they have enough. */
    public int[] arrivals(long lastBin, int bins, int minArrivals) {
        int[] complete = new int[bins];
        int[] all = new int[bins];
        int completeTotal = 0;
        long b = lastBin - bins + 1;
        // The slot found once and stepped on: a floorMod per bin, a long division, was most of this walk.
        for (int i = 0, s = slot(b); i < bins; i++, b++, s = s + 1 == bin.length ? 0 : s + 1) {
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
