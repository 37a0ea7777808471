package io.cascaderadar.jobs.signals;

/** One asset's price at the end of each of its last minutes, in a ring indexed by minute. A Flink POJO. */
public class MinutePrices {
    public long[] minutes;
    public double[] prices;
    public long latest;

    public MinutePrices() {}

    MinutePrices(int size) {
        minutes = new long[size];
        prices = new double[size];
        java.util.Arrays.fill(minutes, Long.MIN_VALUE);
    }

    void put(long minuteEnd, double price) {
        int slot = slot(minuteEnd);
        minutes[slot] = minuteEnd;
        prices[slot] = price;
        latest = Math.max(latest, minuteEnd);
    }

    /** The price at the end of {@code minuteEnd}, or null when that minute had none (or has left the ring). */
    Double at(long minuteEnd) {
        int slot = slot(minuteEnd);
        return minutes[slot] == minuteEnd ? prices[slot] : null;
    }

    /** The highest minute price over (from, to]. */
    double highSince(long from, long to) {
        double high = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < minutes.length; i++) {
            if (minutes[i] > from && minutes[i] <= to) {
                high = Math.max(high, prices[i]);
            }
        }
        return high;
    }

    private int slot(long minuteEnd) {
        return (int) Math.floorMod(Math.floorDiv(minuteEnd, 60_000L), (long) minutes.length);
    }
}
