package io.cascaderadar.jobs.patterns;

import io.cascaderadar.avro.AlertPattern;
import io.cascaderadar.avro.CascadeSignal;
import io.cascaderadar.avro.IntensityLevel;
import io.cascaderadar.avro.Severity;
import io.cascaderadar.jobs.config.PatternConfig;
import java.util.List;
import java.util.Map;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/**
 * MARKET_WIDE (CRITICAL), over the MARKET:ALL signal: the market SEVERE, followed within the breadth window by
 * a step, still ELEVATED, at which several assets (or assets and venues) have been elevated together.
 */
public final class MarketWide implements PatternMatcher<CascadeSignal> {

    private final PatternConfig config;

    public MarketWide(PatternConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "pattern-market-wide";
    }

    @Override
    public Pattern<CascadeSignal, ?> pattern() {
        int assets = config.marketWideAssets();
        int assetsWithVenues = config.marketWideAssetsWithVenues();
        int venues = config.marketWideVenues();
        return Pattern.<CascadeSignal>begin("severe", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(s -> s.getLevel() == IntensityLevel.SEVERE))
                .followedBy("broad")
                .where(SimpleCondition.of(s -> Signals.atLeast(s, IntensityLevel.ELEVATED)
                        && (s.getBreadthAssets() >= assets
                                || (s.getBreadthAssets() >= assetsWithVenues && s.getBreadthVenues() >= venues))))
                .within(config.marketWideWithin());
    }

    @Override
    public PatternMatch toMatch(Map<String, List<CascadeSignal>> match) {
        return PatternMatch.of(AlertPattern.MARKET_WIDE, Severity.CRITICAL, match.get("severe").get(0),
                match.get("broad").get(0));
    }
}
