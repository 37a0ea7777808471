package io.cascaderadar.jobs.signals;

import io.cascaderadar.jobs.ingest.ScopedLiquidations;

/**
 * Liquidations of one scope in bins of one evaluation step, for the longest window (60 minutes of 10-second
 * bins by default). A slot belongs to the bin whose index it stores; a slot of an older bin reads as empty.
 * Bins enter the ring only once the watermark has passed them, so events running ahead never overwrite a bin
 * still inside a window. A Flink POJO kept in keyed state: its memory is bounded by the bins, not the events.
 *
 * <p>USD is kept in whole cents. Whole numbers add up exactly, so a window's sum is the same in any order and its
 * additions need not wait on each other: summed as floats, each addition waited on the one before, in the one order
 * that kept replays repeatable, and the window sums were a fifth of cascade intensity's thread. A cent is far below
 * anything a level or an alert is decided on.
 */
public class BinRing {
    public long[] bin;
    public long[] usdCents;
    public long[] longUsdCents;
    public long[] sampledUsdCents;
    public int[] count;
    public int[] longCount;
    /** Arrivals from venues that report every liquidation, for the branching estimate. */
    public int[] completeCount;

    public BinRing() {}

    public static BinRing withBins(int n) {
        BinRing r = new BinRing();
        r.bin = new long[n];
        java.util.Arrays.fill(r.bin, Long.MIN_VALUE);
        r.usdCents = new long[n];
        r.longUsdCents = new long[n];
        r.sampledUsdCents = new long[n];
        r.count = new int[n];
        r.longCount = new int[n];
        r.completeCount = new int[n];
        return r;
    }

    /** Stores a completed bin, replacing the bin a ring's length older. */
    public void put(long binIndex, ScopedLiquidations b) {
        int s = slot(binIndex);
        bin[s] = binIndex;
        usdCents[s] = cents(b.usd);
        longUsdCents[s] = cents(b.longUsd);
        sampledUsdCents[s] = cents(b.sampledUsd);
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
            usdCents[s] += cents(late.usd);
            longUsdCents[s] += cents(late.longUsd);
            sampledUsdCents[s] += cents(late.sampledUsd);
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
        // against 900 with a Sums' fields and a wrap test at every bin (when USD was summed as floats).
        long usdTotal = 0;
        long longUsdTotal = 0;
        long sampledUsdTotal = 0;
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
                        usdTotal += usdCents[s];
                        longUsdTotal += longUsdCents[s];
                        sampledUsdTotal += sampledUsdCents[s];
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
            window.usd = usdTotal / 100.0;
            window.longUsd = longUsdTotal / 100.0;
            window.sampledUsd = sampledUsdTotal / 100.0;
            window.shortUsd = (usdTotal - longUsdTotal) / 100.0;
            window.count = countTotal;
            window.longCount = longCountTotal;
            sums[w] = window;
        }
        return sums;
    }

    /**
     * The branching ratio ({@link HawkesBranching}) of the arrivals per bin over the {@code bins} bins ending with
     * {@code lastBin}: of complete feeds if they have {@code minArrivals}, else of all. Both from their sums and sums of
     * squares in one walk: two arrays of counts per step were a tenth of what cascade intensity allocated.
     */
    public Double branchingRatio(long lastBin, int bins, int minArrivals) {
        long complete = 0;
        long completeSquares = 0;
        long all = 0;
        long allSquares = 0;
        long b = lastBin - bins + 1;
        // The slot found once and stepped on: a floorMod per bin, a long division, was most of this walk.
        for (int i = 0, s = slot(b); i < bins; i++, b++, s = s + 1 == bin.length ? 0 : s + 1) {
            if (bin[s] == b) {
                long c = completeCount[s];
                long a = count[s];
                complete += c;
                completeSquares += c * c;
                all += a;
                allSquares += a * a;
            }
        }
        return complete >= minArrivals ? HawkesBranching.estimate(complete, completeSquares, bins, minArrivals)
                : HawkesBranching.estimate(all, allSquares, bins, minArrivals);
    }

    /** USD to the nearest cent, halves to even: a retraction's amount, negated, rounds to its liquidations' cents negated. */
    static long cents(double usd) {
        return (long) Math.rint(usd * 100);
    }

    private int slot(long binIndex) {
        return (int) Math.floorMod(binIndex, (long) bin.length);
    }

    /** Totals of a window. */
    public static final class Sums {
        public double usd;
        public double longUsd;
        public double sampledUsd;
        /** From the cents, not the difference of two floats: a whole number of cents like the others. */
        public double shortUsd;
        public long count;
        public long longCount;

        public long shortCount() {
            return count - longCount;
        }
    }
}
