package io.cascaderadar.jobs.signals;

import java.util.Arrays;

/**
 * One instrument's open interest: its latest report, and a ring of per-minute snapshots (NaN where the
 * instrument was stale or unknown) so that changes compare the same instruments at both ends. A Flink POJO.
 */
public class InstrumentSeries {
    public long[] minute;
    public double[] base;
    public double[] usd;
    public long lastUpdate;
    public double lastBase;
    public double lastUsd;

    public InstrumentSeries() {}

    public static InstrumentSeries withMinutes(int n) {
        InstrumentSeries s = new InstrumentSeries();
        s.minute = new long[n];
        Arrays.fill(s.minute, Long.MIN_VALUE);
        s.base = new double[n];
        s.usd = new double[n];
        return s;
    }

    public void report(long time, double baseValue, double usdValue) {
        if (time >= lastUpdate) {
            lastUpdate = time;
            lastBase = baseValue;
            lastUsd = usdValue;
        }
    }

    /** Records the latest report as the snapshot of {@code epochMinute}, or NaN when it is older than the limit. */
    public void snapshot(long epochMinute, long minuteEnd, long staleMillis) {
        int s = slot(epochMinute);
        boolean fresh = minuteEnd - lastUpdate <= staleMillis;
        minute[s] = epochMinute;
        base[s] = fresh ? lastBase : Double.NaN;
        usd[s] = fresh ? lastUsd : Double.NaN;
    }

    public double baseAt(long epochMinute) {
        int s = slot(epochMinute);
        return minute[s] == epochMinute ? base[s] : Double.NaN;
    }

    public double usdAt(long epochMinute) {
        int s = slot(epochMinute);
        return minute[s] == epochMinute ? usd[s] : Double.NaN;
    }

    private int slot(long epochMinute) {
        return (int) Math.floorMod(epochMinute, (long) minute.length);
    }
}
