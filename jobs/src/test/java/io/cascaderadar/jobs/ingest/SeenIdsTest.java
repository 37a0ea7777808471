package io.cascaderadar.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * In their own thread, with a time limit: a table left without a free slot makes a lookup probe forever, and the
 * test must fail then rather than hang the build (it runs in well under a second).
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SeenIdsTest {
    private static final long HORIZON = 1_000;

    /**
     * Against a plain map, through growth, expiry and shrinking: ids drawn from a small set, one in sixteen sharing
     * a home slot (their halves folded give the same hash), so that probing and the backward shift of deletion are
     * exercised.
     */
    @Test
    void findsExactlyTheIdsCountedWithinTheHorizonThroughGrowthExpiryAndShrinking() {
        SplittableRandom random = new SplittableRandom(3);
        long[] universe = new long[5_000];
        for (int i = 0; i < universe.length; i++) {
            universe[i] = random.nextInt(16) == 0 ? ((long) i << 32) | (i ^ 7) : random.nextLong();
        }
        universe[0] = 0;
        SeenIds ids = SeenIds.empty();
        Map<Long, Long> model = new HashMap<>();
        Set<Long> withdrawn = new HashSet<>();
        int withdrawals = 0;
        int largest = 0;
        long now = 0;
        for (int round = 0; round < 200_000; round++) {
            // A crash in the middle: many ids a millisecond, then calm again.
            now += round > 50_000 && round < 60_000 ? 0 : random.nextInt(3);
            long id = universe[random.nextInt(universe.length)];
            int slot = ids.find(id);
            Long first = model.get(id);
            assertThat(slot >= 0).as("id %d", id).isEqualTo(first != null);
            if (first == null || now - first > HORIZON) {
                ids.count(id, now);
                model.put(id, now);
                withdrawn.remove(id);
            } else if (random.nextInt(8) == 0) {
                // Withdrawals move with their ids when the table grows, shrinks or closes a gap.
                if (withdrawn.add(id)) {
                    ids.withdraw(slot);
                    withdrawals++;
                } else {
                    ids.reinstate(slot);
                    withdrawn.remove(id);
                }
            }
            if (round % 97 == 0) {
                ids.expire(now, HORIZON);
                long cutoff = now;
                model.values().removeIf(t -> t + HORIZON < cutoff);
                withdrawn.retainAll(model.keySet());
                assertThat(ids.size()).isEqualTo(model.size());
            }
            largest = Math.max(largest, ids.capacity());
        }
        model.forEach((id, first) -> assertThat(ids.firstSeen(ids.find(id))).isEqualTo(first));
        model.keySet().forEach(id -> assertThat(ids.withdrawn(ids.find(id))).as("id %d", id).isEqualTo(withdrawn.contains(id)));
        assertThat(withdrawals).as("withdrawals were exercised").isGreaterThan(1_000);
        assertThat(largest).as("it grew").isGreaterThan(ids.capacity());

        ids.expire(now + 2 * HORIZON, HORIZON);
        assertThat(ids.isEmpty()).isTrue();
        assertThat(ids.queued()).isZero();
    }

    /**
     * Expired ids leave the table lazily: a steady stream, expired every minute as the de-duplication does, keeps
     * the table sized to the ids of one horizon, not to every id it ever counted, and an expired id reads as absent
     * at once, before its slot is reclaimed.
     */
    @Test
    void aSteadyStreamKeepsTheTableSizedToTheIdsOfOneHorizon() {
        SeenIds ids = SeenIds.empty();
        int largest = 0;
        for (long t = 1; t <= 200_000; t++) {
            ids.count(t * 0x9E3779B97F4A7C15L, t);
            if (t % 60 == 0) {
                ids.expire(t, HORIZON);
            }
            if (t % 60 == 0 && t > HORIZON) {
                assertThat(ids.find((t - HORIZON - 1) * 0x9E3779B97F4A7C15L)).as("expired at %d", t).isNegative();
                assertThat(ids.find((t - HORIZON) * 0x9E3779B97F4A7C15L)).isNotNegative();
            }
            largest = Math.max(largest, ids.capacity());
        }
        ids.expire(200_000, HORIZON);
        assertThat(ids.size()).as("the ids counted from 200,000 - HORIZON on").isEqualTo(HORIZON + 1);
        assertThat(largest).as("slots, for at most %d ids within a horizon", HORIZON + 60).isLessThanOrEqualTo(8 * 1_024);
    }

    /** A crash's table keeps its size while the crash's ids expire, and shrinks when few are left. */
    @Test
    void aTableShrinksOnceItsIdsFillAThirtySecondOfItsSlots() {
        SeenIds ids = SeenIds.empty();
        for (long t = 1; t <= 10_000; t++) {
            ids.count(t * 0x9E3779B97F4A7C15L, t);
        }
        int crash = ids.capacity();
        ids.expire(10_000 - crash / 16 + HORIZON, HORIZON);
        assertThat(ids.queued()).isGreaterThanOrEqualTo(crash / 32);
        assertThat(ids.capacity()).as("a sixteenth of its slots filled").isEqualTo(crash);

        ids.expire(10_000 - crash / 64 + HORIZON, HORIZON);
        assertThat(ids.capacity()).as("a sixty-fourth filled").isLessThan(crash).isGreaterThanOrEqualTo(3 * ids.queued());
        assertThat(ids.size()).isEqualTo(ids.queued());
        assertThat(ids.find(10_000 * 0x9E3779B97F4A7C15L)).isNotNegative();
    }

    @Test
    void aCheckpointHoldsTheIdsAloneAndRestoresThemWithTheirOrderOfExpiry() throws Exception {
        SeenIds ids = SeenIds.empty();
        for (long id = 1; id <= 1_000; id++) {
            ids.count(id * 0x9E3779B97F4A7C15L, id);
        }
        ids.withdraw(ids.find(7 * 0x9E3779B97F4A7C15L));
        ids.count(3 * 0x9E3779B97F4A7C15L, 3 + 2 * HORIZON); // counted again past the horizon: queued twice
        ids.expiresLater(60_000);

        DataOutputSerializer out = new DataOutputSerializer(64);
        SeenIdsSerializer.INSTANCE.serialize(ids, out);
        assertThat(out.length()).as("8 + 4 bytes, then 17 per id").isEqualTo(12 + 17 * 1_000);
        SeenIds back = SeenIdsSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));

        assertThat(back.size()).isEqualTo(1_000);
        assertThat(back.withdrawn(back.find(7 * 0x9E3779B97F4A7C15L))).isTrue();
        assertThat(back.firstSeen(back.find(3 * 0x9E3779B97F4A7C15L))).isEqualTo(3 + 2 * HORIZON);
        assertThat(back.expiresLater(60_000)).as("the expiry timer is known").isFalse();
        back.expire(500 + HORIZON + 1, HORIZON);
        ids.expire(500 + HORIZON + 1, HORIZON);
        assertThat(back.size()).isEqualTo(ids.size()).isEqualTo(501);
        assertThat(back.find(3 * 0x9E3779B97F4A7C15L)).as("counted again, it stays").isNotNegative();
        assertThat(back.find(4 * 0x9E3779B97F4A7C15L)).isNegative();
    }

    @Test
    void aWithdrawnIdIsReinstatedWithItsFirstTime() {
        SeenIds ids = SeenIds.empty();
        ids.count(42, 100);
        int slot = ids.find(42);
        ids.withdraw(slot);
        assertThat(ids.withdrawn(slot)).isTrue();
        ids.reinstate(slot);
        assertThat(ids.withdrawn(slot)).isFalse();
        assertThat(ids.firstSeen(slot)).isEqualTo(100);
    }
}
