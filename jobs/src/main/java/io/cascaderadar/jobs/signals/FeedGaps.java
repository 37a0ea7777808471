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
     * The gaps after a feed-health report; closed gaps ended long ago are forgotten. A venue may have several
     * connections (Bybit's linear and inverse streams), each with gaps of its own: a recovery names its gap by its
     * start and closes that one (recording it whole if its gap was never seen, as reports may arrive out of order
     * from several partitions); a gap reported after its own recovery stays closed; CONNECTED, a collector starting,
     * closes every gap open before it.
     */
    public static long[] apply(long[] gaps, FeedHealth h) {
        long[] g = gaps == null ? new long[0] : gaps.clone();
        long now = h.getEventTime().toEpochMilli();
        Long start = h.getGapStart() == null ? null : h.getGapStart().toEpochMilli();
        switch (h.getState()) {
            case GAP, SILENT -> {
                long s = start != null ? start : now;
                if (!starts(g, s)) {
                    g = append(g, s, Long.MAX_VALUE);
                }
            }
            case RECOVERED, CONNECTED -> {
                long end = h.getGapEnd() != null ? h.getGapEnd().toEpochMilli() : now;
                boolean named = false;
                for (int i = 0; i + 1 < g.length; i += 2) {
                    if (start != null && g[i] == start) {
                        g[i + 1] = g[i + 1] == Long.MAX_VALUE ? end : Math.max(g[i + 1], end);
                        named = true;
                    } else if (start == null && g[i + 1] == Long.MAX_VALUE && g[i] <= end) {
                        g[i + 1] = end;
                    }
                }
                if (start != null && !named) {
                    g = append(g, start, end);
                }
            }
        }
        return prune(g, now - KEEP_MILLIS);
    }

    /** True if a gap starts at {@code t}: gaps are told apart by their start. */
    private static boolean starts(long[] g, long t) {
        for (int i = 0; i + 1 < g.length; i += 2) {
            if (g[i] == t) {
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
