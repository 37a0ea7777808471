package io.cascaderadar.jobs.config;

import io.cascaderadar.avro.Scope;
import io.cascaderadar.jobs.signals.Baseline;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * Cascade intensity: windows, the adaptive baseline and the levels (README, "Signals").
 *
 * @param step evaluation step: one signal per active scope per step
 * @param windows trailing windows, ascending, each a multiple of the step; the longest sets the ring
 * @param baselineHalfLife half-life of the EWMA baseline (robust: each minute is capped at
 *     {@code winsorizeAt} times the baseline before it is averaged in)
 * @param hourProfileDays days of a given hour of day after which its profile is fully trusted
 * @param hourProfileHalfLifeDays half-life of the hour-of-day profile, in days of that hour
 * @param warmup minutes of history before thresholds are at their nominal value; before that they are
 *     multiplied by warmup/minutes (at most 10)
 * @param maxSilence longer silences are missing data, not calm: the baseline is held, not decayed
 * @param floorUsdPerMinuteMarket materiality: the least baseline a MARKET scope is measured against
 * @param floorUsdPerMinuteAsset the same for one asset
 * @param floorUsdPerMinuteVenue the same for one venue
 * @param floorCountPerMinute the least liquidations per minute any scope is measured against
 * @param elevatedExcess5m ELEVATED: 5-minute USD at least this many times the baseline...
 * @param elevatedZ ...and a robust z of the last minute at least this...
 * @param elevatedMinCount5m ...and at least this many liquidations in 5 minutes...
 * @param elevatedCountExcess5m ...and at least this many times the usual number of them (so that one large
 *     liquidation alone is no cascade)
 * @param severeExcess15m SEVERE: ELEVATED, and 15-minute USD at least this many times the baseline...
 * @param severeMinCount15m ...with at least this many liquidations in 15 minutes
 * @param extremeUsd15mMarket SEVERE whatever the baseline: at least this much USD liquidated in 15 minutes in
 *     the market (and the SEVERE count), so that a recording that starts inside a cascade still sees it
 * @param extremeUsd15mScope the same for one asset or venue
 * @param calmExcess5m CALM: 5-minute USD below this multiple of the baseline...
 * @param calmExcess15m ...and 15-minute USD below this multiple
 * @param winsorizeAt a minute enters the baseline capped at this multiple of it
 * @param branchingBins bins of one step for the Hawkes branching estimate
 * @param branchingMinArrivals fewer arrivals than this in those bins give no estimate
 * @param activeFor a scope keeps emitting signals this long after its last liquidation
 */
public record IntensityConfig(Duration step, List<Duration> windows, Duration baselineHalfLife,
        int hourProfileDays, int hourProfileHalfLifeDays, int warmup, Duration maxSilence,
        double floorUsdPerMinuteMarket, double floorUsdPerMinuteAsset, double floorUsdPerMinuteVenue,
        double floorCountPerMinute,
        double elevatedExcess5m, double elevatedZ, int elevatedMinCount5m, double elevatedCountExcess5m,
        double severeExcess15m, int severeMinCount15m, double extremeUsd15mMarket, double extremeUsd15mScope,
        double calmExcess5m, double calmExcess15m, double winsorizeAt,
        int branchingBins, int branchingMinArrivals, Duration activeFor) implements Serializable {

    public IntensityConfig {
        long previous = 0;
        for (Duration w : windows) {
            if (w.toMillis() <= previous || w.toMillis() % step.toMillis() != 0) {
                throw new IllegalArgumentException("intensity windows must be ascending multiples of the step ("
                        + step + "): " + windows);
            }
            previous = w.toMillis();
        }
    }

    public static IntensityConfig defaults() {
        return new IntensityConfig(
                Duration.ofSeconds(10),
                List.of(Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15),
                        Duration.ofHours(1)),
                Duration.ofHours(12),
                3,
                7,
                60,
                Duration.ofHours(6),
                25_000, 10_000, 10_000,
                0.2,
                5.0, 3.0, 3, 2.0,
                10.0, 10, 250e6, 100e6,
                2.0, 3.0, 5.0,
                60, 20,
                Duration.ofHours(1));
    }

    public double floorUsdPerMinute(Scope scope) {
        return switch (scope) {
            case MARKET -> floorUsdPerMinuteMarket;
            case ASSET -> floorUsdPerMinuteAsset;
            case VENUE -> floorUsdPerMinuteVenue;
        };
    }

    /** The baseline's parameters for one scope type. */
    public Baseline.Params baselineParams(Scope scope) {
        double ln2 = Math.log(2);
        return new Baseline.Params(
                ln2 / baselineHalfLife.toMinutes(),
                ln2 / (hourProfileHalfLifeDays * 60.0),
                hourProfileDays,
                maxSilence.toMinutes(),
                winsorizeAt,
                floorUsdPerMinute(scope),
                floorCountPerMinute);
    }

    public double extremeUsd15m(Scope scope) {
        return scope == Scope.MARKET ? extremeUsd15mMarket : extremeUsd15mScope;
    }

    public int bins() {
        return (int) (windows.get(windows.size() - 1).toMillis() / step.toMillis());
    }

    public int stepsPerMinute() {
        return (int) (Duration.ofMinutes(1).toMillis() / step.toMillis());
    }

    /** Index of a window in {@link #windows()}. */
    public int windowIndex(Duration window) {
        int i = windows.indexOf(window);
        if (i < 0) {
            throw new IllegalArgumentException("no window of " + window + " in " + windows);
        }
        return i;
    }
}
