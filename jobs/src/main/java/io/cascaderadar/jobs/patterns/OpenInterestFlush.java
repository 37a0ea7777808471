package io.cascaderadar.jobs.patterns;

import io.cascaderadar.avro.AlertPattern;
import io.cascaderadar.avro.CascadeSignal;
import io.cascaderadar.avro.IntensityLevel;
import io.cascaderadar.avro.OpenInterestChange;
import io.cascaderadar.avro.OpenInterestStress;
import io.cascaderadar.avro.Scope;
import io.cascaderadar.avro.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/**
 * OI_FLUSH: liquidations ELEVATED in a scope, followed within the window by an open-interest flush of that
 * scope (README: a large price-neutral fall against its typical size). WARNING for an asset; CRITICAL for the
 * whole market, where it means market-wide deleveraging.
 */
public final class OpenInterestFlush implements PatternMatcher<ScopeEvidence> {
    private static final int FLUSH_WINDOW_SECONDS = 900;

    private final Duration within;

    public OpenInterestFlush(Duration within) {
        this.within = within;
    }

    @Override
    public String name() {
        return "pattern-oi-flush";
    }

    @Override
    public Pattern<ScopeEvidence, ?> pattern() {
        SimpleCondition<ScopeEvidence> hot = SimpleCondition.of(OpenInterestFlush::hot);
        // The flush is matched with the latest elevated step before it: one partial match per scope, not one per
        // elevated step of the window.
        return Pattern.<ScopeEvidence>begin("hot", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(hot)
                .notFollowedBy("hot-again").where(hot)
                .followedBy("flush")
                .where(SimpleCondition.of(OpenInterestFlush::flush))
                .within(within);
    }

    /**
     * Whether evidence can take part in a match: elevated intensity, or a flush. The pattern skips everything else
     * (relaxed contiguity), but CEP buffers each event until the watermark first: left out before the shuffle, the
     * same matches come for a fraction of the work, as most steps are calm and most open interest moves no flush.
     */
    public static boolean takesPart(ScopeEvidence e) {
        return hot(e) || flush(e);
    }

    private static boolean hot(ScopeEvidence e) {
        return e.intensity != null && Signals.atLeast(e.intensity, IntensityLevel.ELEVATED);
    }

    private static boolean flush(ScopeEvidence e) {
        return e.openInterest != null && e.openInterest.getFlush();
    }

    @Override
    public PatternMatch toMatch(Map<String, List<ScopeEvidence>> match) {
        CascadeSignal hot = Signals.last(match.get("hot")).intensity;
        OpenInterestStress flush = match.get("flush").get(0).openInterest;
        PatternMatch m = PatternMatch.of(AlertPattern.OI_FLUSH,
                hot.getScope() == Scope.MARKET ? Severity.CRITICAL : Severity.WARNING, hot, hot);
        m.time = flush.getEventTime().toEpochMilli();
        for (OpenInterestChange c : flush.getChanges()) {
            if (c.getWindowSeconds() == FLUSH_WINDOW_SECONDS) {
                m.oiChangePct = c.getChangePctBase() != null ? c.getChangePctBase() : c.getChangePctUsd();
                m.forcedShare = c.getForcedShare();
            }
        }
        return m;
    }
}
