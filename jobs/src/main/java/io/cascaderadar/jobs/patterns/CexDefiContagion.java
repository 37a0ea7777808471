package io.cascaderadar.jobs.patterns;

import io.cascaderadar.avro.AlertPattern;
import io.cascaderadar.avro.CascadeSignal;
import io.cascaderadar.avro.IntensityLevel;
import io.cascaderadar.avro.Severity;
import io.cascaderadar.avro.VenueType;
import io.cascaderadar.jobs.ingest.ScopeKeys;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/**
 * CEX_DEFI_CONTAGION (WARNING), over the MARKET:CEX and MARKET:DEFI signals: a SEVERE CEX cascade followed
 * within the window by an ELEVATED burst of on-chain liquidations. It belongs to the market's alert.
 */
public final class CexDefiContagion implements PatternMatcher<CascadeSignal> {
    private static final int WINDOW_15M = 900;

    private final Duration within;

    public CexDefiContagion(Duration within) {
        this.within = within;
    }

    @Override
    public String name() {
        return "pattern-cex-defi-contagion";
    }

    @Override
    public Pattern<CascadeSignal, ?> pattern() {
        return Pattern.<CascadeSignal>begin("cex", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(CexDefiContagion::cexCascade))
                .followedBy("defi")
                .where(SimpleCondition.of(CexDefiContagion::defiBurst))
                .within(within);
    }

    /**
     * SEVERE CEX steps and ELEVATED DeFi steps: between a CEX cascade and the DeFi burst, {@code followedBy} skips
     * every other step, so the others can neither start, end nor break a match. Filtered before the venue types'
     * shuffle: a CEX cascade keeps a partial match open for each of its SEVERE steps for the whole window, and every
     * step let through is tried against each.
     */
    @Override
    public boolean mayUse(CascadeSignal s) {
        return cexCascade(s) || defiBurst(s);
    }

    private static boolean cexCascade(CascadeSignal s) {
        return VenueType.CEX.name().equals(s.getScopeKey()) && s.getLevel() == IntensityLevel.SEVERE;
    }

    private static boolean defiBurst(CascadeSignal s) {
        return VenueType.DEFI.name().equals(s.getScopeKey()) && Signals.atLeast(s, IntensityLevel.ELEVATED);
    }

    @Override
    public PatternMatch toMatch(Map<String, List<CascadeSignal>> match) {
        CascadeSignal cexSignal = Signals.last(match.get("cex"));
        CascadeSignal defiSignal = match.get("defi").get(0);
        PatternMatch m = PatternMatch.of(AlertPattern.CEX_DEFI_CONTAGION, Severity.WARNING, match.get("cex").get(0),
                defiSignal);
        m.scopeKey = ScopeKeys.ALL;
        m.signal = cexSignal;
        m.defiUsd15m = Signals.window(defiSignal, WINDOW_15M).getUsd();
        return m;
    }
}
