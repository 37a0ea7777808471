package io.cascaderadar.jobs.patterns;

import io.cascaderadar.avro.AlertPattern;
import io.cascaderadar.avro.CascadeSignal;
import io.cascaderadar.avro.Scope;
import io.cascaderadar.avro.Severity;

/**
 * A match of one CEP pattern: which pattern, for which scope, the severity it argues for, when its first and
 * last steps were, and the evidence (the scope's signal at the last step, plus what the pattern adds).
 * A Flink POJO; the alert lifecycle turns matches into alerts.
 */
public class PatternMatch {
    public AlertPattern pattern;
    public Severity severity;
    public Scope scope;
    public String scopeKey;
    /** Start of the first step of the match (epoch ms). */
    public long start;
    /** End of the last step of the match (epoch ms): the detection time. */
    public long time;
    public CascadeSignal signal;
    public Double oiChangePct;
    public Double forcedShare;
    public Double defiUsd15m;

    public PatternMatch() {}

    public static PatternMatch of(AlertPattern pattern, Severity severity, CascadeSignal first, CascadeSignal last) {
        PatternMatch m = new PatternMatch();
        m.pattern = pattern;
        m.severity = severity;
        m.scope = last.getScope();
        m.scopeKey = last.getScopeKey();
        m.start = first.getStepStart().toEpochMilli();
        m.time = last.getStepEnd().toEpochMilli();
        m.signal = last;
        return m;
    }

    @Override
    public String toString() {
        return pattern + "/" + severity + " " + scope + ":" + scopeKey + " @" + time;
    }
}
