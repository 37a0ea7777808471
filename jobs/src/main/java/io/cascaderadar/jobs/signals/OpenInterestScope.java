package io.cascaderadar.jobs.signals;

import io.cascaderadar.avro.Scope;

/** What the open-interest function keeps per scope besides the series: its identity, timer and typical change. A Flink POJO. */
public class OpenInterestScope {
    public Scope scope;
    public String key;
    /** End of the minute whose timer is registered; -1 when none. */
    public long scheduledMinuteEnd = -1;
    public double typicalChangePct;
    public long typicalCount;

    public OpenInterestScope() {}
}
