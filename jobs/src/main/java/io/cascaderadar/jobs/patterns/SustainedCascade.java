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

/** SUSTAINED_CASCADE (WARNING): a scope SEVERE at two consecutive steps. */
public final class SustainedCascade implements PatternMatcher<CascadeSignal> {

    private final Duration step;

    public SustainedCascade(Duration step) {
        this.step = step;
    }

    @Override
    public String name() {
        return "pattern-sustained-cascade";
    }

    @Override
    public Pattern<CascadeSignal, ?> pattern() {
        return Pattern.<CascadeSignal>begin("severe", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(s -> s.getLevel() == IntensityLevel.SEVERE))
                .next("confirm")
                .where(SimpleCondition.of(s -> s.getLevel() == IntensityLevel.SEVERE))
                .within(step.multipliedBy(2));
    }

    /** SEVERE steps only, for the reason {@link CascadeOnset#input} gives. */
    @Override
    public FilterFunction<CascadeSignal> input() {
        return this::mayUse;
    }

    @Override
    public boolean mayUse(CascadeSignal s) {
        return s.getLevel() == IntensityLevel.SEVERE;
    }

    @Override
    public PatternMatch toMatch(Map<String, List<CascadeSignal>> match) {
        return PatternMatch.of(AlertPattern.SUSTAINED_CASCADE, Severity.WARNING, match.get("severe").get(0),
                match.get("confirm").get(0));
    }
}
