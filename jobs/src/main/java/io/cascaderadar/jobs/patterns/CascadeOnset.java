package io.cascaderadar.jobs.patterns;

import io.cascaderadar.avro.AlertPattern;
import io.cascaderadar.avro.CascadeSignal;
import io.cascaderadar.avro.IntensityLevel;
import io.cascaderadar.avro.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/**
 * CASCADE_ONSET (WATCH): a scope ELEVATED and accelerating (the last minute faster than the last fifteen,
 * or a branching ratio of at least {@value #SELF_EXCITED}), confirmed ELEVATED at the next step.
 */
public final class CascadeOnset implements PatternMatcher<CascadeSignal> {
    static final double SELF_EXCITED = 0.5;

    private final Duration step;

    public CascadeOnset(Duration step) {
        this.step = step;
    }

    @Override
    public String name() {
        return "pattern-cascade-onset";
    }

    @Override
    public Pattern<CascadeSignal, ?> pattern() {
        return Pattern.<CascadeSignal>begin("burst", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(s -> Signals.atLeast(s, IntensityLevel.ELEVATED)
                        && (s.getAcceleration() >= 1.0
                                || (s.getBranchingRatio() != null && s.getBranchingRatio() >= SELF_EXCITED))))
                .next("confirm")
                .where(SimpleCondition.of(s -> Signals.atLeast(s, IntensityLevel.ELEVATED)))
                .within(step.multipliedBy(2));
    }

    /**
     * Elevated steps only. A confirmation is the very next step (strict contiguity, within two steps, and a scope's
     * signals are a step apart or more): nothing can come between a burst and it, so a calm step cannot break a
     * match that would otherwise happen, and it cannot start or confirm one.
     */
    @Override
    public FilterFunction<CascadeSignal> input() {
        return this::mayUse;
    }

    @Override
    public boolean mayUse(CascadeSignal s) {
        return Signals.atLeast(s, IntensityLevel.ELEVATED);
    }

    @Override
    public PatternMatch toMatch(Map<String, List<CascadeSignal>> match) {
        return PatternMatch.of(AlertPattern.CASCADE_ONSET, Severity.WATCH, match.get("burst").get(0),
                match.get("confirm").get(0));
    }
}
