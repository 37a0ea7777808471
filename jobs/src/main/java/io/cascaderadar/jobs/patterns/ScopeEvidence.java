package io.cascaderadar.jobs.patterns;

import io.cascaderadar.avro.CascadeSignal;
import io.cascaderadar.avro.OpenInterestStress;

/** Either the intensity or the open-interest stress of one scope, so that one CEP pattern can see both. A Flink POJO. */
public class ScopeEvidence {
    public CascadeSignal intensity;
    public OpenInterestStress openInterest;

    public ScopeEvidence() {}

    public static ScopeEvidence of(CascadeSignal s) {
        ScopeEvidence e = new ScopeEvidence();
        e.intensity = s;
        return e;
    }

    public static ScopeEvidence of(OpenInterestStress s) {
        ScopeEvidence e = new ScopeEvidence();
        e.openInterest = s;
        return e;
    }

    /** Intensity before open interest at the same time, so that a burst and the fall it causes match in order. */
    public static int tieBreak(ScopeEvidence a, ScopeEvidence b) {
        return Boolean.compare(a.intensity == null, b.intensity == null);
    }
}
