package io.cascaderadar.connectors.influxdb;

import io.cascaderadar.avro.CascadeSignal;
import io.cascaderadar.avro.DeleveragingAlert;
import io.cascaderadar.avro.OpenInterestChange;
import io.cascaderadar.avro.OpenInterestStress;
import io.cascaderadar.avro.PriceChange;
import io.cascaderadar.avro.PriceMove;
import io.cascaderadar.avro.Scope;
import io.cascaderadar.avro.WindowStats;
import io.cascaderadar.connectors.influxdb.LineBuilder.Key;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * The measurement design (README, "Time series"): what each record becomes in InfluxDB. Tags are of low
 * cardinality only (scope, market/asset/venue, window, pattern, severity, state); values are fields; the
 * point time is the event time, never the arrival time. Observed amounts are written exactly (USD in whole cents
 * already); estimates and statistics (expectations, excesses, ratios, percentages) to {@link #STATISTIC_DIGITS}
 * significant digits: more than any of them knows, and written in three fifths of the time of a double's 17. Fields are
 * given in key order, as {@link LinePoint} writes them, so that its sort has nothing to move; a signal's points are
 * written in that order by a {@link LineBuilder}.
 */
public final class SignalPoints {

    public static final String CASCADE_INTENSITY = "cascade_intensity";
    public static final String CASCADE_STATE = "cascade_state";
    public static final String OI_CHANGE = "oi_change";
    public static final String OPEN_INTEREST = "open_interest";
    public static final String ALERTS = "alerts";
    public static final String PRICE = "price";
    /** The significant digits of estimates and statistics. */
    public static final int STATISTIC_DIGITS = 6;

    // The measurements, keys and scope names of the signals' and open-interest stress's points, escaped once.
    private static final Key CASCADE_INTENSITY_NAME = Key.measurement(CASCADE_INTENSITY);
    private static final Key CASCADE_STATE_NAME = Key.measurement(CASCADE_STATE);
    private static final Key OI_CHANGE_NAME = Key.measurement(OI_CHANGE);
    private static final Key OPEN_INTEREST_NAME = Key.measurement(OPEN_INTEREST);
    private static final Key ACCELERATION = Key.of("acceleration");
    private static final Key BASELINE_MINUTES = Key.of("baseline_minutes");
    private static final Key BASELINE_USD_PER_MIN = Key.of("baseline_usd_per_min");
    private static final Key BRANCHING_RATIO = Key.of("branching_ratio");
    private static final Key BREADTH_ASSETS = Key.of("breadth_assets");
    private static final Key BREADTH_VENUES = Key.of("breadth_venues");
    private static final Key CALM_SECONDS = Key.of("calm_seconds");
    private static final Key CHANGE_PCT_BASE = Key.of("change_pct_base");
    private static final Key CHANGE_PCT_USD = Key.of("change_pct_usd");
    private static final Key COUNT = Key.of("count");
    private static final Key COUNT_EXCESS = Key.of("count_excess");
    private static final Key COVERAGE_GAPS = Key.of("coverage_gaps");
    private static final Key EXCESS = Key.of("excess");
    private static final Key EXPECTED_COUNT = Key.of("expected_count");
    private static final Key EXPECTED_USD = Key.of("expected_usd");
    private static final Key FLUSH = Key.of("flush");
    private static final Key FORCED_SHARE = Key.of("forced_share");
    private static final Key INSTRUMENTS = Key.of("instruments");
    private static final Key LEVEL = Key.of("level");
    private static final Key LEVEL_CODE = Key.of("level_code");
    private static final Key LIQUIDATED_USD = Key.of("liquidated_usd");
    private static final Key LONG_COUNT = Key.of("long_count");
    private static final Key LONG_USD = Key.of("long_usd");
    private static final Key OPEN_INTEREST_BASE = Key.of("open_interest_base");
    private static final Key OPEN_INTEREST_USD = Key.of("open_interest_usd");
    private static final Key ROBUST_Z = Key.of("robust_z");
    private static final Key SAMPLED_SHARE = Key.of("sampled_share");
    private static final Key SCOPE = Key.of("scope");
    private static final Key SHORT_COUNT = Key.of("short_count");
    private static final Key SHORT_USD = Key.of("short_usd");
    private static final Key STRESS = Key.of("stress");
    private static final Key TYPICAL_CHANGE_PCT = Key.of("typical_change_pct");
    private static final Key USD = Key.of("usd");
    private static final Key WINDOW = Key.of("window");
    /** {@link #windowTag}s made so far, by the window's seconds. */
    private static final Map<Integer, Key> WINDOW_TAGS = new ConcurrentHashMap<>();
    /** {@link #keyTag} of each scope, by its ordinal. */
    private static final Key[] KEY_TAGS = Stream.of(Scope.values()).map(scope -> Key.of(keyTag(scope))).toArray(Key[]::new);
    /** Each scope's name as the value of its {@code scope} tag, by its ordinal. */
    private static final Key[] SCOPE_NAMES = Stream.of(Scope.values()).map(scope -> Key.of(scope.name())).toArray(Key[]::new);

    private SignalPoints() {}

    /** A signal's points as text: {@link #points}, for what reads them as lines (the chart, tests). */
    public static List<String> lines(CascadeSignal s) {
        return text(s, SignalPoints::points);
    }

    private static <T> List<String> text(T record, BiConsumer<T, Utf8Lines> points) {
        List<String> lines = new ArrayList<>();
        points.accept(record, (point, from, to) -> lines.add(new String(point, from, to - from, StandardCharsets.UTF_8)));
        return lines;
    }

    /**
     * The hot path of a replay's points (one signal per scope and step), each as its UTF-8 bytes: written straight
     * by a {@link LineBuilder}, tags and fields in key order, the scope's tags once for the five window points.
     */
    public static void points(CascadeSignal s, Utf8Lines points) {
        long time = s.getStepEnd().toEpochMilli();
        LineBuilder line = scopeTags(LineBuilder.measurement(CASCADE_INTENSITY_NAME), s.getScope(), s.getScopeKey());
        int scoped = line.mark();
        for (WindowStats w : s.getWindows()) {
            line.back(scoped)
                    .tag(WINDOW, windowTag(w.getWindowSeconds()))
                    .field(COUNT, w.getCount())
                    .field(COUNT_EXCESS, w.getCountExcess(), STATISTIC_DIGITS)
                    .field(EXCESS, w.getExcess(), STATISTIC_DIGITS)
                    .field(EXPECTED_COUNT, w.getExpectedCount(), STATISTIC_DIGITS)
                    .field(EXPECTED_USD, w.getExpectedUsd(), STATISTIC_DIGITS)
                    .field(LONG_COUNT, w.getLongCount())
                    .field(LONG_USD, w.getLongUsd())
                    .field(SHORT_COUNT, w.getShortCount())
                    .field(SHORT_USD, w.getShortUsd())
                    .field(USD, w.getUsd())
                    .end(time, points);
        }
        scopeTags(LineBuilder.measurement(CASCADE_STATE_NAME), s.getScope(), s.getScopeKey())
                .field(ACCELERATION, s.getAcceleration(), STATISTIC_DIGITS)
                .field(BASELINE_MINUTES, s.getBaselineMinutes())
                .field(BASELINE_USD_PER_MIN, s.getBaselineUsdPerMinute(), STATISTIC_DIGITS)
                .field(BRANCHING_RATIO, s.getBranchingRatio(), STATISTIC_DIGITS)
                .field(BREADTH_ASSETS, (long) s.getBreadthAssets())
                .field(BREADTH_VENUES, (long) s.getBreadthVenues())
                .field(CALM_SECONDS, s.getCalmSeconds())
                .field(COVERAGE_GAPS, (long) s.getCoverageGaps().size())
                .field(LEVEL, s.getLevel().name())
                .field(LEVEL_CODE, (long) s.getLevel().ordinal())
                .field(ROBUST_Z, s.getRobustZ(), STATISTIC_DIGITS)
                .field(SAMPLED_SHARE, s.getSampledShare(), STATISTIC_DIGITS)
                .end(time, points);
    }

    /** Open-interest stress's points as text: {@link #points(OpenInterestStress, Utf8Lines)}, for the chart and tests. */
    public static List<String> lines(OpenInterestStress s) {
        return text(s, SignalPoints::points);
    }

    /** Open-interest stress's points, one per window and one for the level, each as its UTF-8 bytes, as a signal's. */
    public static void points(OpenInterestStress s, Utf8Lines points) {
        long time = s.getEventTime().toEpochMilli();
        LineBuilder line = scopeTags(LineBuilder.measurement(OI_CHANGE_NAME), s.getScope(), s.getScopeKey());
        int scoped = line.mark();
        for (OpenInterestChange c : s.getChanges()) {
            line.back(scoped)
                    .tag(WINDOW, windowTag(c.getWindowSeconds()))
                    .field(CHANGE_PCT_BASE, c.getChangePctBase(), STATISTIC_DIGITS)
                    .field(CHANGE_PCT_USD, c.getChangePctUsd(), STATISTIC_DIGITS)
                    .field(FORCED_SHARE, c.getForcedShare(), STATISTIC_DIGITS)
                    .field(LIQUIDATED_USD, c.getLiquidatedUsd())
                    .end(time, points);
        }
        scopeTags(LineBuilder.measurement(OPEN_INTEREST_NAME), s.getScope(), s.getScopeKey())
                .field(FLUSH, s.getFlush())
                .field(INSTRUMENTS, (long) s.getInstruments())
                .field(OPEN_INTEREST_BASE, s.getOpenInterestBase())
                .field(OPEN_INTEREST_USD, s.getOpenInterestUsd())
                .field(STRESS, s.getStress(), STATISTIC_DIGITS)
                .field(TYPICAL_CHANGE_PCT, s.getTypicalChangePct(), STATISTIC_DIGITS)
                .end(time, points);
    }

    /** Price changes are named by minutes ({@code change_pct_60m}), the drawdown by the longest window. */
    public static String line(PriceMove m) {
        LinePoint point = scoped(PRICE, m.getScope(), m.getScopeKey())
                .field("price", m.getPrice())
                .field("instruments", (long) m.getInstruments());
        int longest = 0;
        for (PriceChange c : m.getChanges()) {
            point.field("change_pct_" + c.getWindowSeconds() / 60 + "m", statistic(c.getChangePct()));
            longest = Math.max(longest, c.getWindowSeconds());
        }
        return point.field("drawdown_pct_" + longest / 60 + "m", statistic(m.getDrawdownPct()))
                .field("high_" + longest / 60 + "m", m.getHighPrice())
                .time(m.getEventTime())
                .toLine();
    }

    public static String line(DeleveragingAlert a) {
        return scoped(ALERTS, a.getScope(), a.getScopeKey())
                .tag("pattern", a.getPattern().name())
                .tag("severity", a.getSeverity().name())
                .tag("state", a.getState().name())
                .field("alert_id", a.getAlertId())
                .field("episode_id", a.getEpisodeId())
                .field("sequence", (long) a.getSequence())
                .field("direction", a.getDirection().name())
                .field("severity_code", (long) a.getSeverity().ordinal())
                .field("usd_15m", a.getEvidence().getUsd15m())
                .field("excess_15m", statistic(a.getEvidence().getExcess15m()))
                .field("breadth_assets", (long) a.getEvidence().getBreadthAssets())
                .field("summary", a.getSummary())
                .time(a.getDetectedAt())
                .toLine();
    }

    /** An estimate or statistic as the points written by a {@link LinePoint} carry it; null stays null. */
    private static Double statistic(Double value) {
        return value == null ? null : ShortestDecimal.round(value, STATISTIC_DIGITS);
    }

    /** {@link #windowLabel} as a tag's value, escaped once for each window (a configuration has a few). */
    private static Key windowTag(int seconds) {
        return WINDOW_TAGS.computeIfAbsent(seconds, s -> Key.of(windowLabel(s)));
    }

    /** 10 → "10s", 300 → "5m", 3600 → "1h". */
    public static String windowLabel(int seconds) {
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }

    /** The tag that names a scope's key: market, asset or venue. */
    public static String keyTag(Scope scope) {
        return switch (scope) {
            case MARKET -> "market";
            case ASSET -> "asset";
            case VENUE -> "venue";
        };
    }

    private static LinePoint scoped(String measurement, Scope scope, String key) {
        return LinePoint.measurement(measurement).tag("scope", scope.name()).tag(keyTag(scope), key);
    }

    /** The scope's two tags in key order: {@code asset} and {@code market} before {@code scope}, {@code venue} after. */
    private static LineBuilder scopeTags(LineBuilder line, Scope scope, String key) {
        Key keyTag = KEY_TAGS[scope.ordinal()];
        Key name = SCOPE_NAMES[scope.ordinal()];
        return keyTag(scope).compareTo("scope") < 0 ? line.tag(keyTag, key).tag(SCOPE, name)
                : line.tag(SCOPE, name).tag(keyTag, key);
    }
}
