package io.cascaderadar.jobs.signals;

import io.cascaderadar.avro.Scope;

/** What the open-interest function keeps per scope besides the series: its identity and typical change. A Flink POJO. */
public class OpenInterestScope {
    public Scope scope;
    public String key;
    /** Epoch minute of the newest report. */
    public long lastReportMinute;
    public double typicalChangePct;
    public long typicalCount;

    public OpenInterestScope() {}
}
