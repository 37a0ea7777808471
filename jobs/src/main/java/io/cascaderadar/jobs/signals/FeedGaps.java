package io.cascaderadar.jobs.signals;

import io.cascaderadar.avro.FeedHealth;
import java.util.Arrays;

/**
 * The gaps of one venue's liquidation feed as a flat array of [start, end) pairs in epoch milliseconds, an
 * open gap ending at {@link Long#MAX_VALUE}. Kept in broadcast state, one array per venue.
 */
public final class FeedGaps {
    public static final String LIQUIDATIONS_CHANNEL = "liquidations";
    static final long KEEP_MILLIS = 2 * 3600_000L;

    private FeedGaps() {}

    /**
     * The gaps after a feed-health report; closed gaps ended long ago are forgotten. Reports may arrive out of
     * order (several partitions): a recovery that names its gap closes it whether the gap was seen or not, and a
     * gap reported after its own recovery stays closed.
     */
    public static long[] apply(long[] gaps, FeedHealth h) {
        long[] g = gaps == null ? new long[0] : gaps.clone();
        long now = h.getEventTime().toEpochMilli();
        Long start = h.getGapStart() == null ? null : h.getGapStart().toEpochMilli();
        switch (h.getState()) {
            case GAP, SILENT -> {
                long s = start != null ? start : now;
                if (!covers(g, s)) {
                    g = append(g, s, Long.MAX_VALUE);
                }
            }
            case RECOVERED, CONNECTED -> {
                long end = h.getGapEnd() != null ? h.getGapEnd().toEpochMilli() : now;
                for (int i = 0; i + 1 < g.length; i += 2) {
                    if (g[i + 1] == Long.MAX_VALUE && g[i] <= end) {
                        g[i + 1] = end;
                    }
                }
                if (start != null && !covers(g, start)) {
                    g = append(g, start, end);
                }
            }
        }
        return prune(g, now - KEEP_MILLIS);
    }

    private static boolean covers(long[] g, long t) {
        for (int i = 0; i + 1 < g.length; i += 2) {
            if (g[i] <= t && t < g[i + 1]) {
                return true;
            }
        }
        return false;
    }

    /** True if some gap overlaps [start, end). */
    public static boolean overlaps(long[] gaps, long start, long end) {
        for (int i = 0; i + 1 < gaps.length; i += 2) {
            if (gaps[i] < end && gaps[i + 1] > start) {
                return true;
            }
        }
        return false;
    }

    private static long[] append(long[] g, long start, long end) {
        long[] out = Arrays.copyOf(g, g.length + 2);
        out[g.length] = start;
        out[g.length + 1] = end;
        return out;
    }

    private static long[] prune(long[] g, long before) {
        long[] kept = new long[g.length];
        int n = 0;
        for (int i = 0; i + 1 < g.length; i += 2) {
            if (g[i + 1] >= before) {
                kept[n++] = g[i];
                kept[n++] = g[i + 1];
            }
        }
        return n == g.length ? g : Arrays.copyOf(kept, n);
    }
}
