package io.cascaderadar.jobs.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cascaderadar.avro.Scope;
import io.cascaderadar.jobs.ingest.ScopedLiquidations;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BinRingTest {

    @Test
    void nestedWindowsSumExactlyAsEachWindowAloneInAnyOrder() {
        int[] windows = {1, 6, 30, 90, 360};
        Random random = new Random(7);
        for (int round = 0; round < 20; round++) {
            long lastBin = 1_000_000 + random.nextInt(1000);
            BinRing ring = randomRing(random, lastBin);
            BinRing.Sums[] nested = ring.sums(lastBin, windows);
            for (int w = 0; w < windows.length; w++) {
                BinRing.Sums alone = sumOldestFirst(ring, lastBin, windows[w]);
                assertEquals(alone.usd, nested[w].usd, 0.0, "usd of window " + windows[w]);
                assertEquals(alone.longUsd, nested[w].longUsd, 0.0);
                assertEquals(alone.sampledUsd, nested[w].sampledUsd, 0.0);
                assertEquals(alone.shortUsd, nested[w].shortUsd, 0.0);
                assertEquals(alone.count, nested[w].count, "count of window " + windows[w]);
                assertEquals(alone.longCount, nested[w].longCount);
            }
        }
    }

    @Test
    void runningTotalsSumAsTheWalkWhateverComesBetweenTwoSteps() {
        int[] windows = {1, 6, 30, 90, 360};
        Random random = new Random(10);
        for (int round = 0; round < 20; round++) {
            BinRing ring = BinRing.withBins(360);
            long lastBin = 1_000_000;
            for (int step = 0; step < 2_000; step++) {
                // Mostly the next step, sometimes a jump (past the ring, too) or a step back.
                int move = random.nextInt(20);
                lastBin += move < 15 ? 1 : move < 18 ? random.nextInt(400) : move < 19 ? 0 : -random.nextInt(50);
                for (int changes = random.nextInt(4); changes > 0; changes--) {
                    long b = lastBin - random.nextInt(400);
                    if (random.nextBoolean()) {
                        ring.put(b, bin(random));
                    } else {
                        ScopedLiquidations late = bin(random);
                        if (random.nextInt(3) == 0) {
                            late = new ScopedLiquidations(Scope.ASSET, "BTC", 0)
                                    .add(0, random.nextDouble() * 1e5, 1, random.nextBoolean(), false, true);
                        }
                        ring.amend(b, late);
                    }
                }
                BinRing.Sums[] running = ring.sums(lastBin, windows);
                for (int w = 0; w < windows.length; w++) {
                    BinRing.Sums walked = sumOldestFirst(ring, lastBin, windows[w]);
                    String at = "round " + round + ", step " + step + ", window " + windows[w];
                    assertEquals(walked.usd, running[w].usd, 0.0, at);
                    assertEquals(walked.longUsd, running[w].longUsd, 0.0, at);
                    assertEquals(walked.sampledUsd, running[w].sampledUsd, 0.0, at);
                    assertEquals(walked.shortUsd, running[w].shortUsd, 0.0, at);
                    assertEquals(walked.count, running[w].count, at);
                    assertEquals(walked.longCount, running[w].longCount, at);
                }
            }
        }
    }

    @Test
    void keepsUsdToTheCentSoThatLateAmountsAndRetractionsAddUpExactly() {
        Random random = new Random(9);
        for (int round = 0; round < 200; round++) {
            BinRing ring = BinRing.withBins(360);
            ScopedLiquidations first = bin(random);
            ring.put(100, first);
            ScopedLiquidations late = new ScopedLiquidations(Scope.ASSET, "BTC", 0);
            ScopedLiquidations retraction = new ScopedLiquidations(Scope.ASSET, "BTC", 0);
            for (int i = random.nextInt(5); i >= 0; i--) {
                double usd = random.nextDouble() * 1e6;
                boolean longSide = random.nextBoolean();
                boolean sampled = random.nextBoolean();
                late.add(i, usd, 1, longSide, sampled, false);
                retraction.add(i, usd, 1, longSide, sampled, true);
            }
            ring.amend(100, late);
            BinRing.Sums both = ring.sum(100, 1);
            assertEquals((BinRing.cents(first.usd) + BinRing.cents(late.usd)) / 100.0, both.usd, 0.0);
            assertEquals(first.usd + late.usd, both.usd, 0.01, "within a cent of the amounts");

            // Taken back, the late liquidations leave exactly what was there before them: floats may not.
            ring.amend(100, retraction);
            BinRing.Sums after = ring.sum(100, 1);
            assertEquals(BinRing.cents(first.usd) / 100.0, after.usd, 0.0);
            assertEquals(BinRing.cents(first.longUsd) / 100.0, after.longUsd, 0.0);
            assertEquals(BinRing.cents(first.sampledUsd) / 100.0, after.sampledUsd, 0.0);
        }
    }

    @Test
    void branchingIsOfEachBinsCountsWhereverTheWindowWrapsInTheRingFromCompleteFeedsWhenTheyHaveEnough() {
        Random random = new Random(8);
        for (int round = 0; round < 50; round++) {
            long lastBin = 1_000_000 + random.nextInt(1000);
            BinRing ring = randomRing(random, lastBin);
            int[] complete = new int[60];
            int[] all = new int[60];
            int completeTotal = 0;
            for (int i = 0; i < 60; i++) {
                long b = lastBin - 59 + i;
                int slot = (int) Math.floorMod(b, (long) ring.bin.length);
                if (ring.bin[slot] == b) {
                    complete[i] = ring.completeCount[slot];
                    all[i] = ring.count[slot];
                    completeTotal += complete[i];
                }
            }
            int minArrivals = random.nextInt(2 * completeTotal + 1);
            Double expected = StatisticsTest.estimate(completeTotal >= minArrivals ? complete : all, minArrivals);
            assertEquals(expected, ring.branchingRatio(lastBin, 60, minArrivals), "round " + round);
        }
    }

    /** The ring read through its public arrays, slot by slot, oldest first, in cents. */
    private static BinRing.Sums sumOldestFirst(BinRing ring, long lastBin, int bins) {
        long usd = 0;
        long longUsd = 0;
        long sampledUsd = 0;
        BinRing.Sums s = new BinRing.Sums();
        for (long b = lastBin - bins + 1; b <= lastBin; b++) {
            int slot = (int) Math.floorMod(b, (long) ring.bin.length);
            if (ring.bin[slot] == b) {
                usd += ring.usdCents[slot];
                longUsd += ring.longUsdCents[slot];
                sampledUsd += ring.sampledUsdCents[slot];
                s.count += ring.count[slot];
                s.longCount += ring.longCount[slot];
            }
        }
        s.usd = usd / 100.0;
        s.longUsd = longUsd / 100.0;
        s.sampledUsd = sampledUsd / 100.0;
        s.shortUsd = (usd - longUsd) / 100.0;
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
