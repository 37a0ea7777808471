package io.cascaderadar.jobs.replay;

import java.io.Console;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Locale;

/** A progress bar on the terminal (nothing when the output is not a terminal): events replayed and event time reached. */
final class Progress {
    private static final int WIDTH = 30;

    private final long total;
    private final Instant last;
    private final PrintStream out;
    private final long started = System.nanoTime();
    private boolean shown;

    Progress(long total, Instant last) {
        Console console = System.console();
        this.total = total;
        this.last = last;
        this.out = console == null ? null : System.err;
    }

    void show(long records, long eventTimeMillis) {
        if (out == null || total == 0) {
            return;
        }
        double fraction = Math.min(1.0, records / (double) total);
        int filled = (int) Math.round(fraction * WIDTH);
        double seconds = (System.nanoTime() - started) / 1e9;
        String at = eventTimeMillis == Long.MIN_VALUE ? "starting" : Instant.ofEpochMilli(eventTimeMillis).toString();
        out.printf(Locale.ROOT, "\r[%s%s] %3.0f%%  %,d/%,d events  event time %s  %,.0f events/s   ",
                "#".repeat(filled), ".".repeat(WIDTH - filled), 100 * fraction, records, total, at,
                records / Math.max(seconds, 1e-3));
        out.flush();
        shown = true;
    }

    void finish() {
        if (shown) {
            show(total, last == null ? Long.MIN_VALUE : last.toEpochMilli());
            out.println();
        }
    }
}
