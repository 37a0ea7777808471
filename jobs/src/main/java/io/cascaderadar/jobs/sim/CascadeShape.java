package io.cascaderadar.jobs.sim;

import java.time.Instant;

/**
 * The market-wide cascade of a scenario, minute by minute: an exponential ramp from {@code coreStart} to the
 * peak minute, the peak, an exponential decay to {@code coreEnd}, then a tail back to calm. The three parts
 * carry {@code rampUsd}, {@code peakMinuteUsd} and {@code decayUsd}; the core total is their sum.
 */
record CascadeShape(Instant coreStart, Instant peakMinute, Instant coreEnd, Instant tailEnd, double rampUsd,
        double peakMinuteUsd, double decayUsd, double tailStartUsdPerMinute, double longShare) {

    private static final double RAMP_TAU = 5.0;
    private static final double DECAY_TAU = 4.0;

    /** USD liquidated in the minute starting at {@code minuteStart} by the cascade (over the calm level), 0 outside it. */
    double usdInMinute(Instant minuteStart) {
        long m = minuteStart.getEpochSecond() / 60;
        long start = coreStart.getEpochSecond() / 60;
        long peak = peakMinute.getEpochSecond() / 60;
        long end = coreEnd.getEpochSecond() / 60;
        long tail = tailEnd.getEpochSecond() / 60;
        if (m < start || m >= tail) {
            return 0;
        }
        if (m < peak) {
            return rampUsd * weight(peak - m, RAMP_TAU) / totalWeight(peak - start, RAMP_TAU);
        }
        if (m == peak) {
            return peakMinuteUsd;
        }
        if (m < end) {
            return decayUsd * weight(m - peak, DECAY_TAU) / totalWeight(end - peak - 1, DECAY_TAU);
        }
        return tailStartUsdPerMinute * Math.exp(-3.0 * (m - end) / (tail - end));
    }

    /** Share of the cascade's core USD liquidated by {@code t}: 0 before, 1 after the core. */
    double progress(Instant t) {
        if (t.isBefore(coreStart)) {
            return 0;
        }
        if (!t.isBefore(coreEnd)) {
            return 1;
        }
        double done = 0;
        for (Instant m = coreStart; m.isBefore(t); m = m.plusSeconds(60)) {
            double minute = usdInMinute(m);
            double part = Math.min(1.0, (t.getEpochSecond() - m.getEpochSecond()) / 60.0);
            done += minute * part;
        }
        return done / (rampUsd + peakMinuteUsd + decayUsd);
    }

    private static double weight(long distance, double tau) {
        return Math.exp(-distance / tau);
    }

    private static double totalWeight(long n, double tau) {
        double total = 0;
        for (long k = 1; k <= n; k++) {
            total += weight(k, tau);
        }
        return total;
    }
}
