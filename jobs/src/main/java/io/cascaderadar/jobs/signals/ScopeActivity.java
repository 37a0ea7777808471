package io.cascaderadar.jobs.signals;

import io.cascaderadar.avro.Scope;

/** What an active scope remembers between its evaluations. A Flink POJO. */
public class ScopeActivity {
    public Scope scope;
    public String key;
    public long lastEventTime;
    /** End of the last evaluated step. */
    public long lastStepEnd;
    /** The last step was not CALM (or lay in a feed gap): evaluate the next one. */
    public boolean hot;
    /** A late liquidation or a retraction changed an evaluated bin: evaluate the next step. */
    public boolean amended;
    /** The scope was ELEVATED and its calm has not yet lasted the resolution time. */
    public boolean unresolved;
    /** The step at which a calm reaches the resolution time. */
    public long resolutionCheck;
    /** Start of the current CALM run with full coverage; -1 when not calm. */
    public long calmSince = -1;
    /** End of the earliest bin waiting for the watermark, which has the one timer of the waiting bins. */
    public long nextBinEnd = Long.MAX_VALUE;
    /** End of the step at which the pending check for going quiet fires; {@link Long#MAX_VALUE} when none is. */
    public long quietCheck = Long.MAX_VALUE;

    public ScopeActivity() {}

    /** Forgets the episode: the scope went quiet. */
    public void goQuiet() {
        hot = false;
        unresolved = false;
        calmSince = -1;
    }
}
