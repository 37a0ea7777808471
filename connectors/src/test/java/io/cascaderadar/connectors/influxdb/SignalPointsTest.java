package io.cascaderadar.connectors.influxdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascaderadar.avro.CascadeSignal;
import io.cascaderadar.avro.IntensityLevel;
import io.cascaderadar.avro.Scope;
import io.cascaderadar.avro.WindowStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A signal's points are written by {@link LineBuilder} in the order of the calls: they must be the points that
 * {@link LinePoint}, which sorts, writes from the same values given in any order.
 */
class SignalPointsTest {

    @Test
    void aSignalsPointsAreThoseOfSortedLinePointsForEveryScope() {
        Random random = new Random(11);
        for (Scope scope : Scope.values()) {
            for (String key : List.of("BTC", "binance usdm,x=y")) {
                for (int round = 0; round < 20; round++) {
                    CascadeSignal signal = signal(random, scope, key);
                    assertThat(SignalPoints.lines(signal)).as("%s %s", scope, key).isEqualTo(sortedByLinePoint(signal, random));
                }
            }
        }
    }

    private static CascadeSignal signal(Random random, Scope scope, String key) {
        List<WindowStats> windows = new ArrayList<>();
        for (int seconds : new int[] {60, 300, 900, 3600}) {
            windows.add(WindowStats.newBuilder().setWindowSeconds(seconds).setUsd(value(random)).setCount(random.nextInt(1000))
                    .setLongUsd(value(random)).setShortUsd(value(random)).setLongCount(random.nextInt(500))
                    .setShortCount(random.nextInt(500)).setExpectedUsd(value(random)).setExcess(value(random))
                    .setExpectedCount(value(random)).setCountExcess(value(random)).build());
        }
        long stepEnd = 1_760_130_000_000L + 10_000L * random.nextInt(100_000);
        return CascadeSignal.newBuilder().setScope(scope).setScopeKey(key).setStepStart(Instant.ofEpochMilli(stepEnd - 10_000))
                .setStepEnd(Instant.ofEpochMilli(stepEnd)).setLevel(IntensityLevel.values()[random.nextInt(4)])
                .setWindows(windows).setBaselineUsdPerMinute(value(random)).setRobustZ(value(random))
                .setBranchingRatio(random.nextBoolean() ? null : value(random)).setAcceleration(value(random))
                .setBaselineMinutes(random.nextInt(10_000)).setSampledShare(value(random)).setCalmSeconds(random.nextInt(3600))
                .setBreadthAssets(random.nextInt(13)).setBreadthVenues(random.nextInt(6))
                .setCoverageGaps(random.nextBoolean() ? List.of() : List.of("okx")).build();
    }

    /** Now and then not finite (left out), else of any magnitude. */
    private static double value(Random random) {
        return switch (random.nextInt(12)) {
            case 0 -> Double.NaN;
            case 1 -> Double.POSITIVE_INFINITY;
            case 2 -> 0.0;
            default -> Math.scalb(random.nextDouble(), random.nextInt(80) - 30);
        };
    }

    /** The measurement design's points from {@link LinePoint}, their tags and fields given in a random order. */
    private static List<String> sortedByLinePoint(CascadeSignal s, Random random) {
        List<String> lines = new ArrayList<>();
        for (WindowStats w : s.getWindows()) {
            List<UnaryOperator<LinePoint>> parts = new ArrayList<>(List.of(
                    p -> p.tag("scope", s.getScope().name()), p -> p.tag(SignalPoints.keyTag(s.getScope()), s.getScopeKey()),
                    p -> p.tag("window", SignalPoints.windowLabel(w.getWindowSeconds())),
                    p -> p.field("count", w.getCount()), p -> p.field("count_excess", w.getCountExcess()),
                    p -> p.field("excess", w.getExcess()), p -> p.field("expected_count", w.getExpectedCount()),
                    p -> p.field("expected_usd", w.getExpectedUsd()), p -> p.field("long_count", w.getLongCount()),
                    p -> p.field("long_usd", w.getLongUsd()), p -> p.field("short_count", w.getShortCount()),
                    p -> p.field("short_usd", w.getShortUsd()), p -> p.field("usd", w.getUsd())));
            lines.add(point(SignalPoints.CASCADE_INTENSITY, parts, s, random));
        }
        List<UnaryOperator<LinePoint>> parts = new ArrayList<>(List.of(
                p -> p.tag("scope", s.getScope().name()), p -> p.tag(SignalPoints.keyTag(s.getScope()), s.getScopeKey()),
                p -> p.field("acceleration", s.getAcceleration()), p -> p.field("baseline_minutes", s.getBaselineMinutes()),
                p -> p.field("baseline_usd_per_min", s.getBaselineUsdPerMinute()),
                p -> p.field("branching_ratio", s.getBranchingRatio()),
                p -> p.field("breadth_assets", (long) s.getBreadthAssets()),
                p -> p.field("breadth_venues", (long) s.getBreadthVenues()), p -> p.field("calm_seconds", s.getCalmSeconds()),
                p -> p.field("coverage_gaps", (long) s.getCoverageGaps().size()), p -> p.field("level", s.getLevel().name()),
                p -> p.field("level_code", (long) s.getLevel().ordinal()), p -> p.field("robust_z", s.getRobustZ()),
                p -> p.field("sampled_share", s.getSampledShare())));
        lines.add(point(SignalPoints.CASCADE_STATE, parts, s, random));
        return lines;
    }

    private static String point(String measurement, List<UnaryOperator<LinePoint>> parts, CascadeSignal s, Random random) {
        Collections.shuffle(parts, random);
        LinePoint point = LinePoint.measurement(measurement);
        for (UnaryOperator<LinePoint> part : parts) {
            point = part.apply(point);
        }
        return point.time(s.getStepEnd()).toLine();
    }
}
