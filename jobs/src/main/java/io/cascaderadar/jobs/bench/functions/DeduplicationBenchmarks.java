package io.cascaderadar.jobs.bench.functions;

import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.connectors.StableId;
import io.cascaderadar.jobs.ingest.Deduplicator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** What the {@link Deduplicator} computes for every liquidation before it looks in its state. */
@State(Scope.Thread)
public class DeduplicationBenchmarks {
    private String[] eventIds;
    private int next;

    @Setup
    public void collectEventIds() {
        eventIds = SampleLiquidations.generate().stream().map(LiquidationEvent::getEventId).toArray(String[]::new);
    }

    /**
     * The 8-byte fingerprint of an event id ({@link StableId#fingerprint}: SHA-256 of its UTF-8 bytes, the first 8),
     * the key of the ids the de-duplication keeps. Ids of 22 to 29 characters from the venues, about 78 from the chain.
     */
    @Benchmark
    public long eventIdFingerprint() {
        return StableId.fingerprint(eventIds[next++ & SampleLiquidations.MASK]);
    }
}
