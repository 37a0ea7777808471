package io.cascaderadar.jobs.signals;

import io.cascaderadar.jobs.ingest.ScopedOpenInterest;
import java.util.ArrayList;
import java.util.List;

/** What arrived for one minute of one scope before the watermark passed it. A Flink POJO. */
public class PendingMinute {
    public List<ScopedOpenInterest> reports = new ArrayList<>();
    public double liquidatedUsd;
    public double liquidatedBase;

    public PendingMinute() {}
}
