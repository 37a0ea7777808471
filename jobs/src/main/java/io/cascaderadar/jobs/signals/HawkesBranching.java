package io.cascaderadar.jobs.signals;

/**
 * Self-excitation of arrivals from the Fano factor of counts in equal bins: for a stationary Hawkes process
 * the variance/mean ratio of counts in long windows tends to 1/(1-n)^2, so n = 1 - sqrt(mean/variance)
 * (Hardiman, Bercot and Bouchaud 2013). n near 1: liquidations are feeding on liquidations. Throttled feeds
 * cap the counts and bias n down, which is why complete feeds are preferred when they have enough arrivals.
 */
public final class HawkesBranching {

    private HawkesBranching() {}

    /**
     * n in [0, 1) from the arrivals in {@code bins} equal bins, given as their total and the sum of their squares: 0
     * for arrivals no burstier than Poisson, null with fewer than {@code minArrivals}. The variance comes from whole
     * numbers, exactly: bins² · variance = bins · Σc² − (Σc)².
     */
    public static Double estimate(long total, long sumOfSquares, int bins, int minArrivals) {
        if (total < minArrivals) {
            return null;
        }
        double mean = total / (double) bins;
        double variance = (bins * sumOfSquares - total * total) / ((double) bins * bins);
        return variance <= mean ? 0.0 : 1.0 - Math.sqrt(mean / variance);
    }
}
