package io.cascaderadar.jobs.signals;

import java.util.Arrays;

/**
 * One instrument's open interest by minute of event time: each slot keeps the last report made in its minute,
 * and a minute without a report carries the last one forward for as long as it is not stale. Reports may
 * arrive in any order within the watermark's bound. A Flink POJO.
 */
public class InstrumentSeries {
    /** The instrument's base asset. */
    public String asset;
    public long[] minute;
    public long[] reportTime;
    public double[] base;
    public double[] usd;

    public InstrumentSeries() {}

    /** A series that can look back {@code minutes} minutes. */
    public static InstrumentSeries withMinutes(String asset, int minutes) {
        InstrumentSeries s = new InstrumentSeries();
        s.asset = asset;
        s.minute = new long[minutes];
        Arrays.fill(s.minute, Long.MIN_VALUE);
        s.reportTime = new long[minutes];
        s.base = new double[minutes];
        s.usd = new double[minutes];
        return s;
    }

    public void report(long time, double baseValue, double usdValue) {
        long m = Math.floorDiv(time, 60_000L);
        int s = slot(m);
        if (minute[s] != m || time >= reportTime[s]) {
            minute[s] = m;
            reportTime[s] = time;
            base[s] = baseValue;
            usd[s] = usdValue;
        }
    }

    /**
     * Base units and USD at the end of {@code epochMinute}, NaN if unknown or older than {@code staleMinutes}; a unit
     * the venue does not give is valued at {@code price}, the asset's (NaN: none known).
     */
    public double[] valuedAt(long epochMinute, int staleMinutes, double price) {
        double b = baseAt(epochMinute, staleMinutes);
        double u = usdAt(epochMinute, staleMinutes);
        return new double[] {Double.isNaN(b) ? u / price : b, Double.isNaN(u) ? b * price : u};
    }

    /** Base units at the end of {@code epochMinute}, NaN if unknown or older than {@code staleMinutes}. */
    public double baseAt(long epochMinute, int staleMinutes) {
        int s = latest(epochMinute, staleMinutes);
        return s < 0 ? Double.NaN : base[s];
    }

    /** USD at the end of {@code epochMinute}, NaN if unknown or older than {@code staleMinutes}. */
    public double usdAt(long epochMinute, int staleMinutes) {
        int s = latest(epochMinute, staleMinutes);
        return s < 0 ? Double.NaN : usd[s];
    }

    /** True when no report is newer than {@code staleMinutes} before {@code epochMinute}. */
    public boolean staleAt(long epochMinute, int staleMinutes) {
        return latest(epochMinute, staleMinutes) < 0;
    }

    private int latest(long epochMinute, int staleMinutes) {
        for (long m = epochMinute; m > epochMinute - staleMinutes - 1 && m > epochMinute - minute.length; m--) {
            int s = slot(m);
            if (minute[s] == m) {
                return s;
            }
        }
        return -1;
    }

    private int slot(long epochMinute) {
        return (int) Math.floorMod(epochMinute, (long) minute.length);
    }
}
