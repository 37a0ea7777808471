package io.cascaderadar.jobs.signals;

import java.util.Arrays;

/** USD and base quantity liquidated per minute in one scope, in a ring. A Flink POJO. */
public class LiquidatedByMinute {
    public long[] minute;
    public double[] usd;
    public double[] base;

    public LiquidatedByMinute() {}

    public static LiquidatedByMinute withMinutes(int n) {
        LiquidatedByMinute r = new LiquidatedByMinute();
        r.minute = new long[n];
        Arrays.fill(r.minute, Long.MIN_VALUE);
        r.usd = new double[n];
        r.base = new double[n];
        return r;
    }

    /** Adds to a minute (negative amounts take back a retracted liquidation). */
    public void add(long epochMinute, double usdValue, double baseValue) {
        int s = (int) Math.floorMod(epochMinute, (long) minute.length);
        if (minute[s] > epochMinute) {
            return; // a minute older than the ring: it has left every window
        }
        if (minute[s] != epochMinute) {
            minute[s] = epochMinute;
            usd[s] = 0;
            base[s] = 0;
        }
        usd[s] += usdValue;
        base[s] += baseValue;
    }

    /** {usd, base} liquidated in the minutes (last - minutes, last]. */
    public double[] sum(long last, int minutes) {
        double[] total = new double[2];
        for (long m = last - minutes + 1; m <= last; m++) {
            int s = (int) Math.floorMod(m, (long) minute.length);
            if (minute[s] == m) {
                total[0] += usd[s];
                total[1] += base[s];
            }
        }
        return total;
    }
}
