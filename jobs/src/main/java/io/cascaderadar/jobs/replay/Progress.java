package io.cascaderadar.jobs.replay;

import java.io.Console;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Locale;

/**
 * A progress bar on the terminal (nothing when the output is not a terminal): how far the detector has come in
 * the input's event time, and how many events the source has read.
 */
final class Progress {
    private static final int WIDTH = 30;

    private final long total;
    private final Instant first;
    private final Instant last;
    private final PrintStream out;
    private final long started = System.nanoTime();
    private boolean shown;

    Progress(long total, Instant first, Instant last) {
        Console console = System.console();
        this.total = total;
        this.first = first;
        this.last = last;
        this.out = console == null ? null : System.err;
    }

    /** @param detectorTime the latest step the detector completed, Long.MIN_VALUE before the first */
    void show(long recordsRead, long detectorTime) {
        if (out == null || first == null) {
            return;
        }
        double span = Math.max(1, last.toEpochMilli() - first.toEpochMilli());
        double fraction = detectorTime == Long.MIN_VALUE ? 0
                : Math.max(0, Math.min(1.0, (detectorTime - first.toEpochMilli()) / span));
        int filled = (int) Math.round(fraction * WIDTH);
        double seconds = (System.nanoTime() - started) / 1e9;
        String at = detectorTime == Long.MIN_VALUE ? "starting" : Instant.ofEpochMilli(Math.min(detectorTime, last.toEpochMilli())).toString();
        out.printf(Locale.ROOT, "\r[%s%s] %3.0f%%  event time %s  %,d/%,d events read  %.0f s   ",
                "#".repeat(filled), ".".repeat(WIDTH - filled), 100 * fraction, at, recordsRead, total, seconds);
        out.flush();
        shown = true;
    }

    void finish() {
        if (shown) {
            show(total, last.toEpochMilli());
            out.println();
        }
    }
}
