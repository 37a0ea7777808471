package io.cascaderadar.jobs.signals;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cascaderadar.avro.Scope;
import io.cascaderadar.jobs.ingest.ScopedLiquidations;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BinRingTest {

    @Test
    void nestedWindowsSumTheSameAsEachWindowAlone() {
        int[] windows = {1, 6, 30, 90, 360};
        Random random = new Random(7);
        for (int round = 0; round < 20; round++) {
            long lastBin = 1_000_000 + random.nextInt(1000);
            BinRing ring = randomRing(random, lastBin);
            BinRing.Sums[] nested = ring.sums(lastBin, windows);
            for (int w = 0; w < windows.length; w++) {
                BinRing.Sums alone = sumOneByOne(ring, lastBin, windows[w]);
                assertEquals(alone.usd, nested[w].usd, 1e-6 * alone.usd, "usd of window " + windows[w]);
                assertEquals(alone.longUsd, nested[w].longUsd, 1e-6 * alone.longUsd);
                assertEquals(alone.sampledUsd, nested[w].sampledUsd, 1e-6 * alone.sampledUsd);
                assertEquals(newestFirst(ring, lastBin, windows[w]), nested[w].usd, 0.0,
                        "usd of window " + windows[w] + ", added newest first as before (replays stay the same)");
                assertEquals(alone.count, nested[w].count, "count of window " + windows[w]);
                assertEquals(alone.longCount, nested[w].longCount);
            }
        }
    }

    @Test
    void arrivalsAreEachBinsCountsOldestFirstWhereverTheWindowWrapsInTheRing() {
        Random random = new Random(8);
        for (int round = 0; round < 50; round++) {
            long lastBin = 1_000_000 + random.nextInt(1000);
            BinRing ring = randomRing(random, lastBin);
            int[] expected = new int[60];
            for (int i = 0; i < 60; i++) {
                long b = lastBin - 59 + i;
                int slot = (int) Math.floorMod(b, (long) ring.bin.length);
                expected[i] = ring.bin[slot] == b ? ring.count[slot] : 0;
            }
            assertArrayEquals(expected, ring.arrivals(lastBin, 60, Integer.MAX_VALUE), "round " + round);
        }
    }

    private static double newestFirst(BinRing ring, long lastBin, int bins) {
        double usd = 0;
        for (long b = lastBin; b > lastBin - bins; b--) {
            int slot = (int) Math.floorMod(b, (long) ring.bin.length);
            usd += ring.bin[slot] == b ? ring.usd[slot] : 0.0;
        }
        return usd;
    }

    /** The ring read through its public arrays, slot by slot, oldest first. */
    private static BinRing.Sums sumOneByOne(BinRing ring, long lastBin, int bins) {
        BinRing.Sums s = new BinRing.Sums();
        for (long b = lastBin - bins + 1; b <= lastBin; b++) {
            int slot = (int) Math.floorMod(b, (long) ring.bin.length);
            if (ring.bin[slot] == b) {
                s.usd += ring.usd[slot];
                s.longUsd += ring.longUsd[slot];
                s.sampledUsd += ring.sampledUsd[slot];
                s.count += ring.count[slot];
                s.longCount += ring.longCount[slot];
            }
        }
        return s;
    }

    /** A ring of 360 bins up to {@code lastBin}: some bins missing, some slots still holding a bin a ring older. */
    private static BinRing randomRing(Random random, long lastBin) {
        BinRing ring = BinRing.withBins(360);
        for (long b = lastBin - 500; b <= lastBin; b++) {
            if (random.nextInt(4) > 0) {
                ring.put(b, bin(random));
            }
        }
        return ring;
    }

    private static ScopedLiquidations bin(Random random) {
        ScopedLiquidations b = new ScopedLiquidations(Scope.ASSET, "BTC", 0);
        for (int i = random.nextInt(5); i >= 0; i--) {
            b.add(i, 1 + random.nextDouble() * 1e6, 1, random.nextBoolean(), random.nextBoolean(), false);
        }
        return b;
    }
}
