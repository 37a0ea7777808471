package io.cascaderadar.connectors.influxdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascaderadar.avro.CascadeSignal;
import io.cascaderadar.avro.IntensityLevel;
import io.cascaderadar.avro.OpenInterestChange;
import io.cascaderadar.avro.OpenInterestStress;
import io.cascaderadar.avro.PriceChange;
import io.cascaderadar.avro.PriceMove;
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
 * {@link LinePoint}, which sorts, writes from the same values given in any order (its estimates and statistics
 * rounded first).
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

    @Test
    void openInterestAndPricesCarryTheirStatisticsToSixDigitsAndTheirAmountsExactly() {
        OpenInterestStress stress = OpenInterestStress.newBuilder().setScope(Scope.ASSET).setScopeKey("BTC")
                .setEventTime(Instant.ofEpochMilli(1_760_130_000_000L)).setOpenInterestUsd(8_123_456_789.37)
                .setOpenInterestBase(72_345.123456789).setInstruments(5)
                .setChanges(List.of(OpenInterestChange.newBuilder().setWindowSeconds(900).setChangePctUsd(-3.141592653589793)
                        .setChangePctBase(null).setLiquidatedUsd(1_234_567.89).setForcedShare(0.6180339887498949).build()))
                .setTypicalChangePct(0.4142135623730951).setStress(7.3890560989306495).setFlush(true).build();
        assertThat(SignalPoints.lines(stress)).containsExactly(
                "oi_change,asset=BTC,scope=ASSET,window=15m change_pct_usd=-3.14159,forced_share=0.618034,"
                        + "liquidated_usd=1234567.89 1760130000000",
                "open_interest,asset=BTC,scope=ASSET flush=true,instruments=5i,open_interest_base=72345.123456789,"
                        + "open_interest_usd=8.12345678937e9,stress=7.38906,typical_change_pct=0.414214 1760130000000");
        PriceMove move = PriceMove.newBuilder().setScope(Scope.ASSET).setScopeKey("ETH")
                .setEventTime(Instant.ofEpochMilli(1_760_130_060_000L)).setPrice(3_876.123456789).setInstruments(4)
                .setChanges(List.of(PriceChange.newBuilder().setWindowSeconds(3_600).setChangePct(-12.345678901).build()))
                .setHighPrice(4_421.5).setDrawdownPct(-12.3333333333).build();
        assertThat(SignalPoints.line(move)).isEqualTo("price,asset=ETH,scope=ASSET change_pct_60m=-12.3457,"
                + "drawdown_pct_60m=-12.3333,high_60m=4421.5,instruments=4i,price=3876.123456789 1760130060000");
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
                    p -> p.field("count", w.getCount()), p -> p.field("count_excess", statistic(w.getCountExcess())),
                    p -> p.field("excess", statistic(w.getExcess())), p -> p.field("expected_count", statistic(w.getExpectedCount())),
                    p -> p.field("expected_usd", statistic(w.getExpectedUsd())), p -> p.field("long_count", w.getLongCount()),
                    p -> p.field("long_usd", w.getLongUsd()), p -> p.field("short_count", w.getShortCount()),
                    p -> p.field("short_usd", w.getShortUsd()), p -> p.field("usd", w.getUsd())));
            lines.add(point(SignalPoints.CASCADE_INTENSITY, parts, s, random));
        }
        List<UnaryOperator<LinePoint>> parts = new ArrayList<>(List.of(
                p -> p.tag("scope", s.getScope().name()), p -> p.tag(SignalPoints.keyTag(s.getScope()), s.getScopeKey()),
                p -> p.field("acceleration", statistic(s.getAcceleration())), p -> p.field("baseline_minutes", s.getBaselineMinutes()),
                p -> p.field("baseline_usd_per_min", statistic(s.getBaselineUsdPerMinute())),
                p -> p.field("branching_ratio", s.getBranchingRatio() == null ? null : statistic(s.getBranchingRatio())),
                p -> p.field("breadth_assets", (long) s.getBreadthAssets()),
                p -> p.field("breadth_venues", (long) s.getBreadthVenues()), p -> p.field("calm_seconds", s.getCalmSeconds()),
                p -> p.field("coverage_gaps", (long) s.getCoverageGaps().size()), p -> p.field("level", s.getLevel().name()),
                p -> p.field("level_code", (long) s.getLevel().ordinal()), p -> p.field("robust_z", statistic(s.getRobustZ())),
                p -> p.field("sampled_share", statistic(s.getSampledShare()))));
        lines.add(point(SignalPoints.CASCADE_STATE, parts, s, random));
        return lines;
    }

    /** Estimates and statistics to six significant digits, the observed amounts exactly. */
    private static double statistic(double v) {
        return ShortestDecimal.round(v, SignalPoints.STATISTIC_DIGITS);
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
