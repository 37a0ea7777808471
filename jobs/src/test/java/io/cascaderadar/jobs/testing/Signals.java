package io.cascaderadar.jobs.testing;

import io.cascaderadar.avro.CascadeSignal;
import io.cascaderadar.avro.IntensityLevel;
import io.cascaderadar.avro.Scope;
import io.cascaderadar.avro.WindowStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Cascade signals for tests: one scope, one step, a level and a USD amount per window. */
public final class Signals {
    private static final int[] WINDOWS = {10, 60, 300, 900, 3600};

    private Signals() {}

    public static CascadeSignal signal(Scope scope, String key, long stepEnd, IntensityLevel level, double usd15m) {
        List<WindowStats> windows = new ArrayList<>();
        for (int seconds : WINDOWS) {
            double usd = usd15m * seconds / 900.0;
            windows.add(WindowStats.newBuilder().setWindowSeconds(seconds).setUsd(usd).setCount((long) (usd / 10_000))
                    .setLongUsd(0.8 * usd).setShortUsd(0.2 * usd).setLongCount(0).setShortCount(0)
                    .setExpectedUsd(usd / 10).setExcess(10).setExpectedCount(1).setCountExcess(10).build());
        }
        return CascadeSignal.newBuilder().setScope(scope).setScopeKey(key)
                .setStepStart(Instant.ofEpochMilli(stepEnd - 10_000)).setStepEnd(Instant.ofEpochMilli(stepEnd))
                .setLevel(level).setWindows(windows).setBaselineUsdPerMinute(1000).setRobustZ(5)
                .setAcceleration(2).setBaselineMinutes(600).setSampledShare(0).setCalmSeconds(0).build();
    }

    public static CascadeSignal market(long stepEnd, IntensityLevel level, int breadthAssets, int breadthVenues) {
        CascadeSignal s = signal(Scope.MARKET, "ALL", stepEnd, level, 1e8);
        s.setBreadthAssets(breadthAssets);
        s.setBreadthVenues(breadthVenues);
        return s;
    }

    public static CascadeSignal calm(Scope scope, String key, long stepEnd, long calmSeconds) {
        CascadeSignal s = signal(scope, key, stepEnd, IntensityLevel.CALM, 1e4);
        s.setCalmSeconds(calmSeconds);
        return s;
    }
}
