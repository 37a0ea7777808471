package io.cascaderadar.jobs.bench.functions;

import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.connectors.StableId;
import io.cascaderadar.jobs.ingest.Deduplicator;
import io.cascaderadar.jobs.ingest.SeenIds;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** What the {@link Deduplicator} computes for every liquidation before it looks in its state, and that look. */
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

    /**
     * A liquidation not seen before, looked for and counted ({@link SeenIds#find}, {@link SeenIds#count}) in the
     * state of a crash: {@value CrashHour#IDS} ids within the horizon, of six venues in their 64 shards each, the
     * oldest expiring every 1,024 ids as the minute timers expire them. Unlike the sample liquidations, this state
     * outgrows a core's cache, as the hour of a crash does.
     */
    @Benchmark
    public int countNewId(CrashHour state) {
        return state.countNext();
    }

    @State(Scope.Thread)
    public static class CrashHour {
        static final int IDS = 500_000;
        private static final int VENUES = 6;
        private static final int SHARDS = 64;

        private final SeenIds[] shards = new SeenIds[VENUES * SHARDS];
        private final SplittableRandom random = new SplittableRandom(20251010);
        /** One id a millisecond, and a horizon of {@link #IDS} milliseconds. */
        private long now;

        @Setup
        public void fill() {
            for (int i = 0; i < shards.length; i++) {
                shards[i] = SeenIds.empty();
            }
            for (int i = 0; i < IDS; i++) {
                countNext();
            }
        }

        int countNext() {
            long id = random.nextLong();
            SeenIds ids = shards[random.nextInt(VENUES) * SHARDS + (int) (id >>> (Long.SIZE - 6))];
            int slot = ids.find(id);
            if (slot < 0) {
                ids.count(id, now);
            }
            if ((++now & 1023) == 0) {
                for (SeenIds shard : shards) {
                    shard.expire(now, IDS);
                }
            }
            return slot;
        }
    }
}
