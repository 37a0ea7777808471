package io.cascaderadar.connectors.influxdb;

import io.cascaderadar.avro.CascadeSignal;
import io.cascaderadar.avro.DeleveragingAlert;
import io.cascaderadar.avro.OpenInterestChange;
import io.cascaderadar.avro.OpenInterestStress;
import io.cascaderadar.avro.PriceChange;
import io.cascaderadar.avro.PriceMove;
import io.cascaderadar.avro.Scope;
import io.cascaderadar.avro.WindowStats;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The measurement design (README, "Time series"): what each record becomes in InfluxDB. Tags are of low
 * cardinality only (scope, market/asset/venue, window, pattern, severity, state); values are fields; the
 * point time is the event time, never the arrival time. Fields are given in key order, as {@link LinePoint} writes
 * them, so that its sort has nothing to move; a signal's points are written in that order by a {@link LineBuilder}.
 */
public final class SignalPoints {

    public static final String CASCADE_INTENSITY = "cascade_intensity";
    public static final String CASCADE_STATE = "cascade_state";
    public static final String OI_CHANGE = "oi_change";
    public static final String OPEN_INTEREST = "open_interest";
    public static final String ALERTS = "alerts";
    public static final String PRICE = "price";

    private SignalPoints() {}

    /** A signal's points as text: {@link #points}, for what reads them as lines (the chart, tests). */
    public static List<String> lines(CascadeSignal s) {
        List<String> lines = new ArrayList<>(s.getWindows().size() + 1);
        points(s, point -> lines.add(new String(point, StandardCharsets.UTF_8)));
        return lines;
    }

    /**
     * The hot path of a replay's points (one signal per scope and step), each as its UTF-8 bytes: written straight
     * by a {@link LineBuilder}, tags and fields in key order, the scope's tags once for the five window points.
     */
    public static void points(CascadeSignal s, Consumer<byte[]> points) {
        long time = s.getStepEnd().toEpochMilli();
        LineBuilder line = scopeTags(LineBuilder.measurement(CASCADE_INTENSITY), s.getScope(), s.getScopeKey());
        int scoped = line.mark();
        for (WindowStats w : s.getWindows()) {
            points.accept(line.back(scoped)
                    .tag("window", windowLabel(w.getWindowSeconds()))
                    .field("count", w.getCount())
                    .field("count_excess", w.getCountExcess())
                    .field("excess", w.getExcess())
                    .field("expected_count", w.getExpectedCount())
                    .field("expected_usd", w.getExpectedUsd())
                    .field("long_count", w.getLongCount())
                    .field("long_usd", w.getLongUsd())
                    .field("short_count", w.getShortCount())
                    .field("short_usd", w.getShortUsd())
                    .field("usd", w.getUsd())
                    .endUtf8(time));
        }
        points.accept(scopeTags(LineBuilder.measurement(CASCADE_STATE), s.getScope(), s.getScopeKey())
                .field("acceleration", s.getAcceleration())
                .field("baseline_minutes", s.getBaselineMinutes())
                .field("baseline_usd_per_min", s.getBaselineUsdPerMinute())
                .field("branching_ratio", s.getBranchingRatio())
                .field("breadth_assets", (long) s.getBreadthAssets())
                .field("breadth_venues", (long) s.getBreadthVenues())
                .field("calm_seconds", s.getCalmSeconds())
                .field("coverage_gaps", (long) s.getCoverageGaps().size())
                .field("level", s.getLevel().name())
                .field("level_code", (long) s.getLevel().ordinal())
                .field("robust_z", s.getRobustZ())
                .field("sampled_share", s.getSampledShare())
                .endUtf8(time));
    }

    public static List<String> lines(OpenInterestStress s) {
        List<String> lines = new ArrayList<>(s.getChanges().size() + 1);
        for (OpenInterestChange c : s.getChanges()) {
            lines.add(scoped(OI_CHANGE, s.getScope(), s.getScopeKey())
                    .tag("window", windowLabel(c.getWindowSeconds()))
                    .field("change_pct_base", c.getChangePctBase())
                    .field("change_pct_usd", c.getChangePctUsd())
                    .field("forced_share", c.getForcedShare())
                    .field("liquidated_usd", c.getLiquidatedUsd())
                    .time(s.getEventTime())
                    .toLine());
        }
        lines.add(scoped(OPEN_INTEREST, s.getScope(), s.getScopeKey())
                .field("flush", s.getFlush())
                .field("instruments", (long) s.getInstruments())
                .field("open_interest_base", s.getOpenInterestBase())
                .field("open_interest_usd", s.getOpenInterestUsd())
                .field("stress", s.getStress())
                .field("typical_change_pct", s.getTypicalChangePct())
                .time(s.getEventTime())
                .toLine());
        return lines;
    }

    /** Price changes are named by minutes ({@code change_pct_60m}), the drawdown by the longest window. */
    public static String line(PriceMove m) {
        LinePoint point = scoped(PRICE, m.getScope(), m.getScopeKey())
                .field("price", m.getPrice())
                .field("instruments", (long) m.getInstruments());
        int longest = 0;
        for (PriceChange c : m.getChanges()) {
            point.field("change_pct_" + c.getWindowSeconds() / 60 + "m", c.getChangePct());
            longest = Math.max(longest, c.getWindowSeconds());
        }
        return point.field("drawdown_pct_" + longest / 60 + "m", m.getDrawdownPct())
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
                .field("excess_15m", a.getEvidence().getExcess15m())
                .field("breadth_assets", (long) a.getEvidence().getBreadthAssets())
                .field("summary", a.getSummary())
                .time(a.getDetectedAt())
                .toLine();
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
        String keyTag = keyTag(scope);
        return keyTag.compareTo("scope") < 0 ? line.tag(keyTag, key).tag("scope", scope.name())
                : line.tag("scope", scope.name()).tag(keyTag, key);
    }
}
