package io.cascaderadar.jobs.bench.functions;

import io.cascaderadar.avro.CascadeSignal;
import io.cascaderadar.avro.IntensityLevel;
import io.cascaderadar.avro.Scope;
import io.cascaderadar.avro.WindowStats;
import java.time.Instant;
import java.util.List;

/** Bitcoin at the end of the fifth minute of a cascade: SEVERE, five windows, one feed gap. */
final class SampleSignal {
    private static final double BASELINE_USD_PER_MINUTE = 48_250.7;
    private static final double BASELINE_COUNT_PER_MINUTE = 3.4;

    private SampleSignal() {}

    static CascadeSignal severeBitcoin() {
        return CascadeSignal.newBuilder()
                .setScope(Scope.ASSET)
                .setScopeKey("BTC")
                .setStepStart(Instant.parse("2025-10-10T21:04:50Z"))
                .setStepEnd(Instant.parse("2025-10-10T21:05:00Z"))
                .setLevel(IntensityLevel.SEVERE)
                .setWindows(List.of(
                        window(10, 2_418_337.52, 41, 0.91),
                        window(60, 11_903_215.08, 188, 0.88),
                        window(300, 38_774_901.6, 702, 0.86),
                        window(900, 41_208_119.93, 779, 0.85),
                        window(3_600, 44_371_560.27, 903, 0.83)))
                .setBaselineUsdPerMinute(BASELINE_USD_PER_MINUTE)
                .setRobustZ(7.418256)
                .setBranchingRatio(0.7613)
                .setAcceleration(4.332)
                .setBaselineMinutes(10_080)
                .setSampledShare(0.3725)
                .setCalmSeconds(0)
                .setBreadthAssets(14)
                .setBreadthVenues(5)
                .setCoverageGaps(List.of("okx"))
                .build();
    }

    private static WindowStats window(int seconds, double usd, long count, double longShare) {
        double minutes = seconds / 60.0;
        long longCount = Math.round(count * longShare);
        // Whole cents, as the ring sums USD.
        double longUsd = Math.rint(usd * longShare * 100) / 100;
        return WindowStats.newBuilder()
                .setWindowSeconds(seconds)
                .setUsd(usd)
                .setCount(count)
                .setLongUsd(longUsd)
                .setShortUsd((Math.rint(usd * 100) - Math.rint(longUsd * 100)) / 100)
                .setLongCount(longCount)
                .setShortCount(count - longCount)
                .setExpectedUsd(BASELINE_USD_PER_MINUTE * minutes)
                .setExcess(usd / (BASELINE_USD_PER_MINUTE * minutes))
                .setExpectedCount(BASELINE_COUNT_PER_MINUTE * minutes)
                .setCountExcess(count / (BASELINE_COUNT_PER_MINUTE * minutes))
                .build();
    }
}
