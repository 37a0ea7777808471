package io.cascaderadar.jobs.signals;

/**
 * Self-excitation of arrivals from the Fano factor of counts in equal bins: for a stationary Hawkes process
 * the variance/mean ratio of counts in long windows tends to 1/(1-n)^2, so n = 1 - sqrt(mean/variance)
 * (Hardiman, Bercot and Bouchaud 2013). n near 1: liquidations are feeding on liquidations. Throttled feeds
 * cap the counts and bias n down, which is why complete feeds are preferred when they have enough arrivals.
 */
public final class HawkesBranching {

    private HawkesBranching() {}

    /** n in [0, 1), 0 for arrivals no burstier than Poisson, null with fewer than {@code minArrivals}. */
    public static Double estimate(int[] counts, int minArrivals) {
        long total = 0;
        for (int c : counts) {
            total += c;
        }
        if (total < minArrivals) {
            return null;
        }
        double mean = total / (double) counts.length;
        double variance = 0;
        for (int c : counts) {
            variance += (c - mean) * (c - mean);
        }
        variance /= counts.length;
        return variance <= mean ? 0.0 : 1.0 - Math.sqrt(mean / variance);
    }
}
