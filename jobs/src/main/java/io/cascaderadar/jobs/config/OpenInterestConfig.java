package io.cascaderadar.jobs.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * Open-interest stress (README, "Signals").
 *
 * @param windows change windows, in whole minutes
 * @param staleAfter an instrument not updated for this long leaves the sums (at both ends of a change)
 * @param typicalHalfLife half-life of the typical absolute 15-minute change
 * @param typicalFloorPct the typical change is never taken below this
 * @param flushPct OI flush: the 15-minute price-neutral change falls at least this many percent...
 * @param flushStress ...and at least this many typical changes
 */
public record OpenInterestConfig(List<Duration> windows, Duration staleAfter, Duration typicalHalfLife,
        double typicalFloorPct, double flushPct, double flushStress) implements Serializable {

    public static OpenInterestConfig defaults() {
        return new OpenInterestConfig(
                List.of(Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1)),
                Duration.ofMinutes(30), Duration.ofDays(1), 0.25, 3.0, 4.0);
    }

    public int ringMinutes() {
        return (int) windows.get(windows.size() - 1).toMinutes() + 1;
    }
}
