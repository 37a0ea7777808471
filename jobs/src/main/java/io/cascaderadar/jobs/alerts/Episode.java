package io.cascaderadar.jobs.alerts;

import io.cascaderadar.avro.AlertPattern;
import io.cascaderadar.avro.CascadeSignal;
import io.cascaderadar.avro.Scope;
import io.cascaderadar.avro.Severity;
import java.util.ArrayList;
import java.util.List;

/** One open alert: its identity, lifecycle position and the evidence gathered so far. A Flink POJO. */
public class Episode {
    public String alertId;
    public String episodeId;
    public AlertPattern openingPattern;
    public Scope scope;
    public String scopeKey;
    public long episodeStart;
    public Severity severity;
    public int sequence;
    public long lastEmitted;
    /** Evidence changed since the last record, but an UPDATED was not due yet. */
    public boolean changed;
    public List<String> assets = new ArrayList<>();
    public List<String> venues = new ArrayList<>();
    public List<AlertPattern> patterns = new ArrayList<>();
    public double peakUsdPerMinute;
    public double peakAtLastRecord;
    public Double oiChangePct;
    public Double forcedShare;
    public Double defiUsd15m;
    /** The alert scope's own latest signal. */
    public CascadeSignal signal;

    public Episode() {}

    /** Adds to a sorted, duplicate-free list; true if it was new. */
    static <T extends Comparable<? super T>> boolean addSorted(List<T> list, T value) {
        int i = java.util.Collections.binarySearch(list, value);
        if (i >= 0) {
            return false;
        }
        list.add(-i - 1, value);
        return true;
    }
}
