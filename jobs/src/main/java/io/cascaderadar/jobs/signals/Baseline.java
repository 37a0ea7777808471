package io.cascaderadar.jobs.signals;

/**
 * The adaptive baseline of one scope, updated once per minute of event time with the USD and the number of
 * liquidations in it.
 *
 * <ul>
 *   <li>{@code rate}: EWMA of USD per minute; each minute is first capped at a multiple of the baseline
 *       (winsorised), so a cascade lifts its own baseline only slowly;</li>
 *   <li>{@code logMean}, {@code logDev}: EWMA mean and mean absolute deviation of log(floor + USD per minute),
 *       for a robust z-score;</li>
 *   <li>{@code hourDev}: per UTC hour of day, the EWMA of how far that hour's log rate sits from the mean;
 *       trusted fully after some days of that hour, not at all before;</li>
 *   <li>the first minutes are a plain running mean (the EWMA weight is at least 1/n), so no prior is needed.</li>
 * </ul>
 * A Flink POJO kept in keyed state, for as long as the scope exists.
 */
public class Baseline {
    static final double MIN_LOG_SCALE = 0.25;
    /** Capping needs a baseline to cap against: the first minutes are taken as they are. */
    private static final long MINUTES_BEFORE_CAPPING = 10;
    private static final double MAD_TO_SIGMA = 1.2533;

    public double rate;
    /** EWMA of liquidations per minute (capped like the USD). */
    public double countRate;
    public double logMean;
    public double logDev;
    public double[] hourDev = new double[24];
    public int[] hourMinutes = new int[24];
    /** Minutes learned from (zeros included; gaps and long silences excluded). */
    public long minutes;
    /** Epoch minute of the last minute observed; -1 before the first. */
    public long lastMinute = -1;

    public Baseline() {}

    /** Learns from one minute (epoch minutes) with {@code usd} and {@code count} liquidated in it. */
    public void observe(long minute, double usd, long count, Params p) {
        update(minute, usd, count, p);
    }

    /** Marks a minute as seen without learning from it: a feed gap, or a silence too long to be calm. */
    public void skip(long minute) {
        lastMinute = Math.max(lastMinute, minute);
    }

    private void update(long minute, double usd, long count, Params p) {
        boolean cap = minutes >= MINUTES_BEFORE_CAPPING;
        double capped = cap ? Math.min(usd, p.winsorizeAt() * Math.max(rate, p.floorUsdPerMinute())) : usd;
        double cappedCount = cap ? Math.min(count, p.winsorizeAt() * Math.max(countRate, p.floorCountPerMinute())) : count;
        double alpha = Math.max(p.alpha(), 1.0 / (minutes + 1));
        rate += alpha * (capped - rate);
        countRate += alpha * (cappedCount - countRate);
        double x = logUsd(capped, p);
        double deviation = Math.abs(x - logMean);
        logMean += alpha * (x - logMean);
        logDev += alpha * (deviation - logDev);
        int hour = hourOf(minute);
        double hourAlpha = Math.max(p.hourAlpha(), 1.0 / (hourMinutes[hour] + 1));
        hourDev[hour] += hourAlpha * ((x - logMean) - hourDev[hour]);
        hourMinutes[hour]++;
        minutes++;
        lastMinute = minute;
    }

    /** The expected USD per minute at this epoch minute, adjusted for its hour of day. */
    public double rateAt(long minute, Params p) {
        return rate * Math.exp(hourAdjustment(minute, p));
    }

    /** The expected liquidations per minute at this epoch minute, adjusted for its hour of day. */
    public double countRateAt(long minute, Params p) {
        return countRate * Math.exp(hourAdjustment(minute, p));
    }

    /** Robust z-score of a minute's USD, in log(floor + USD), against the mean (hour-adjusted) and scale. */
    public double z(double usdLastMinute, long minute, Params p) {
        double mean = logMean + hourAdjustment(minute, p);
        double scale = Math.max(MAD_TO_SIGMA * logDev, MIN_LOG_SCALE);
        return (logUsd(usdLastMinute, p) - mean) / scale;
    }

    /**
     * log(floor + USD): minutes below the scope's materiality floor all look alike, so a sparse scope's empty
     * minutes do not inflate its scale and a thin asset's lone liquidation does not look extreme.
     */
    private static double logUsd(double usd, Params p) {
        return Math.log(p.floorUsdPerMinute() + usd);
    }

    private double hourAdjustment(long minute, Params p) {
        int hour = hourOf(minute);
        double trust = Math.min(1.0, hourMinutes[hour] / (60.0 * p.hourProfileDays()));
        return trust * hourDev[hour];
    }

    private static int hourOf(long epochMinute) {
        return (int) Math.floorMod(epochMinute / 60, 24L);
    }

    /** What the updates need from the configuration, per scope. */
    public record Params(double alpha, double hourAlpha, int hourProfileDays, long maxSilenceMinutes,
            double winsorizeAt, double floorUsdPerMinute, double floorCountPerMinute) implements java.io.Serializable {}
}
