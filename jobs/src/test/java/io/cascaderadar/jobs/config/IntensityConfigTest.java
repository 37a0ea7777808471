package io.cascaderadar.jobs.config;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class IntensityConfigTest {

    @Test
    void windowsMustBeAscendingMultiplesOfTheStep() {
        IntensityConfig d = IntensityConfig.defaults();
        assertThrows(IllegalArgumentException.class, () -> withWindows(d,
                List.of(Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofHours(1))));
        assertThrows(IllegalArgumentException.class, () -> withWindows(d,
                List.of(Duration.ofMinutes(1), Duration.ofSeconds(75), Duration.ofHours(1))));
        withWindows(d, List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofHours(1)));
    }

    private static IntensityConfig withWindows(IntensityConfig d, List<Duration> windows) {
        return new IntensityConfig(d.step(), windows, d.baselineHalfLife(), d.hourProfileDays(),
                d.hourProfileHalfLifeDays(), d.warmup(), d.maxSilence(), d.floorUsdPerMinuteMarket(),
                d.floorUsdPerMinuteAsset(), d.floorUsdPerMinuteVenue(), d.floorCountPerMinute(), d.elevatedExcess5m(),
                d.elevatedZ(), d.elevatedMinCount5m(), d.elevatedCountExcess5m(), d.severeExcess15m(),
                d.severeMinCount15m(), d.extremeUsd15mMarket(), d.extremeUsd15mScope(), d.calmExcess5m(),
                d.calmExcess15m(), d.winsorizeAt(), d.branchingBins(), d.branchingMinArrivals(), d.activeFor());
    }
}
