package io.cascaderadar.jobs.signals;

import io.cascaderadar.avro.Scope;

/** Whether a scope is emitting signals, and what it needs to know between steps. A Flink POJO. */
public class ScopeActivity {
    public Scope scope;
    public String key;
    public long lastEventTime;
    /** End of the step whose timer is registered; -1 before the first. */
    public long scheduledStepEnd = -1;
    /** Start of the current CALM run with full coverage; -1 when not calm. */
    public long calmSince = -1;

    public ScopeActivity() {}
}
