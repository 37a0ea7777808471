package io.cascaderadar.jobs.signals;

import io.cascaderadar.jobs.ingest.ScopedLiquidations;

/**
 * Liquidations of one scope in bins of one evaluation step, for the longest window (60 minutes of 10-second
 * bins by default). A slot belongs to the bin whose index it stores; a slot of an older bin reads as empty.
 * Bins enter the ring only once the watermark has passed them, so events running ahead never overwrite a bin
 * still inside a window. A Flink POJO kept in keyed state: its memory is bounded by the bins, not the events.
 *
 * <p>USD is kept in whole cents. Whole numbers add up exactly: a window's sum is the same in any order, a retraction
 * takes back exactly what its liquidation added, and running totals stay exact. Floats had to be added in one order,
 * bin by bin, for replays to repeat. A cent is far below anything a level or an alert is decided on.
 *
 * <p>{@link #sums} keeps the windows' totals of its last call in memory and moves them on by the bins that entered
 * and left them, rather than walking the ring again. Not in state: a ring read from a checkpoint, or copied by one,
 * walks once and goes on from there.
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

    // What the ring held in the windows of the last sums call, bin by bin, as a walk would sum it now: each change to
    // a bin in them changes these too. Windows are known by the caller's array.
    private transient int[] totalledWindows;
    private transient long totalledEnd;
    /** Per window: USD, long USD and sampled USD in cents, count, long count. */
    private transient long[][] totals;

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
        total(s, bin[s], -1);
        bin[s] = binIndex;
        usdCents[s] = cents(b.usd);
        longUsdCents[s] = cents(b.longUsd);
        sampledUsdCents[s] = cents(b.sampledUsd);
        count[s] = b.count;
        longCount[s] = b.longCount;
        completeCount[s] = b.completeCount;
        total(s, binIndex, 1);
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
            total(s, binIndex, -1);
            usdCents[s] += cents(late.usd);
            longUsdCents[s] += cents(late.longUsd);
            sampledUsdCents[s] += cents(late.sampledUsd);
            count[s] += late.count;
            longCount[s] += late.longCount;
            completeCount[s] += late.completeCount;
            total(s, binIndex, 1);
        } else if (bin[s] < binIndex && !late.onlyRetractions()) {
            put(binIndex, late);
        } else {
            return false;
        }
        return true;
    }

    /** Sums over the {@code bins} bins ending with {@code lastBin}, walked (the running totals are the windows'). */
    public Sums sum(long lastBin, int bins) {
        return toSums(walk(lastBin, new int[] {bins}))[0];
    }

    /**
     * Sums over trailing windows that all end with {@code lastBin}, of {@code ascendingBins} bins each (the caller's
     * array, the same at every call). Moved on from the last call's totals when it ended earlier by less than the ring:
     * a busy scope's next step reads a bin entering and one leaving each window. The walk read the whole ring, six
     * arrays of which no scope's stay in the cache while the others take their turn: a quarter of cascade intensity's
     * thread.
     */
    public Sums[] sums(long lastBin, int[] ascendingBins) {
        if (totalledWindows != ascendingBins || lastBin < totalledEnd || lastBin - totalledEnd >= bin.length) {
            totals = walk(lastBin, ascendingBins);
        } else {
            for (long x = totalledEnd + 1; x <= lastBin; x++) {
                int entering = slot(x);
                for (int w = 0; w < ascendingBins.length; w++) {
                    int leaving = entering - ascendingBins[w];
                    add(totals[w], entering, x, 1);
                    add(totals[w], leaving < 0 ? leaving + bin.length : leaving, x - ascendingBins[w], -1);
                }
            }
        }
        totalledWindows = ascendingBins;
        totalledEnd = lastBin;
        return toSums(totals);
    }

    /** Changes the running totals by a slot's values ({@code sign} 1 or -1), if it holds {@code binIndex} and they do. */
    private void total(int s, long binIndex, int sign) {
        if (totalledWindows == null || binIndex > totalledEnd) {
            return;
        }
        for (int w = 0; w < totalledWindows.length; w++) {
            if (binIndex > totalledEnd - totalledWindows[w]) {
                add(totals[w], s, binIndex, sign);
            }
        }
    }

    /** Adds a slot's values to totals ({@code sign} 1) or takes them away (-1), if it holds {@code binIndex}. */
    private void add(long[] to, int s, long binIndex, int sign) {
        if (bin[s] == binIndex) {
            to[0] += sign * usdCents[s];
            to[1] += sign * longUsdCents[s];
            to[2] += sign * sampledUsdCents[s];
            to[3] += sign * count[s];
            to[4] += sign * longCount[s];
        }
    }

    private static Sums[] toSums(long[][] totals) {
        Sums[] sums = new Sums[totals.length];
        for (int w = 0; w < totals.length; w++) {
            long[] t = totals[w];
            Sums window = new Sums();
            window.usd = t[0] / 100.0;
            window.longUsd = t[1] / 100.0;
            window.sampledUsd = t[2] / 100.0;
            window.shortUsd = (t[0] - t[1]) / 100.0;
            window.count = t[3];
            window.longCount = t[4];
            sums[w] = window;
        }
        return sums;
    }

    /**
     * The totals of trailing windows, each as {@link #totals}: one walk back over the longest, since each window holds
     * the shorter ones (a fifth of the bins visited, not all again).
     */
    private long[][] walk(long lastBin, int[] ascendingBins) {
        long[][] walked = new long[ascendingBins.length][];
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
            walked[w] = new long[] {usdTotal, longUsdTotal, sampledUsdTotal, countTotal, longCountTotal};
        }
        return walked;
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
