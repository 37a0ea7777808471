package io.cascaderadar.jobs.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cascaderadar.avro.Scope;
import io.cascaderadar.jobs.config.IntensityConfig;
import io.cascaderadar.jobs.ingest.ScopedLiquidations;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The baseline, the branching estimate and the ring on their own. */
class StatisticsTest {
    private static final Baseline.Params PARAMS = IntensityConfig.defaults().baselineParams(Scope.MARKET);

    @Test
    void theBaselineStartsAsARunningMeanAndACascadeLiftsItOnlySlowly() {
        Baseline b = new Baseline();
        for (int m = 0; m < 100; m++) {
            b.observe(m, m % 2 == 0 ? 100_000 : 300_000, 10, PARAMS);
        }
        assertThat(b.rate).isCloseTo(200_000, within(1.0));
        assertThat(b.countRate).isCloseTo(10, within(1e-9));
        for (int m = 100; m < 110; m++) {
            b.observe(m, 1e9, 10_000, PARAMS);
        }
        // Ten minutes at 5,000 times the baseline, each capped at five times it.
        assertThat(b.rate).isLessThan(300_000);
        assertThat(b.z(1e9, 110, PARAMS)).isGreaterThan(5);
    }

    @Test
    void theHourOfDayProfileIsLearnedOverDays() {
        Baseline b = new Baseline();
        for (long m = 0; m < 6 * 1440; m++) {
            boolean busyHour = (m / 60) % 24 == 14;
            b.observe(m, busyHour ? 400_000 : 100_000, 10, PARAMS);
        }
        long busy = 6 * 1440 + 14 * 60;
        long quiet = 6 * 1440 + 3 * 60;
        assertThat(b.rateAt(busy, PARAMS) / b.rateAt(quiet, PARAMS)).isGreaterThan(3);
        assertThat(b.z(400_000, busy, PARAMS)).isLessThan(b.z(400_000, quiet, PARAMS));
    }

    @Test
    void branchingIsNearZeroForPoissonArrivalsAndHighForBursts() {
        SplittableRandom random = new SplittableRandom(7);
        int[] poisson = new int[600];
        for (int i = 0; i < poisson.length; i++) {
            double p = random.nextDouble();
            int k = 0;
            for (double limit = Math.exp(-5); p > limit; p *= random.nextDouble()) {
                k++;
            }
            poisson[i] = k;
        }
        assertThat(estimate(poisson, 20)).isLessThan(0.15);
        int[] bursty = new int[60];
        bursty[10] = 200;
        bursty[11] = 120;
        bursty[40] = 90;
        assertThat(estimate(bursty, 20)).isGreaterThan(0.8);
        // mean 1, variance 4: n = 1 - sqrt(1/4)
        assertThat(estimate(new int[] {5, 0, 0, 0, 0}, 2)).isCloseTo(0.5, within(1e-9));
        assertThat(estimate(new int[] {1, 2, 1}, 20)).isNull();
    }

    @Test
    void theRingSumsWindowsAndForgetsBinsItHasOverwritten() {
        BinRing ring = BinRing.withBins(6);
        for (long bin = 100; bin < 110; bin++) {
            ring.put(bin, new ScopedLiquidations(Scope.MARKET, "ALL", bin * 10_000)
                    .add(bin * 10_000, 10, 1, bin % 2 == 0, true, false));
        }
        assertThat(ring.sum(109, 3).usd).isEqualTo(30);
        assertThat(ring.sum(109, 6).longCount).isEqualTo(3);
        assertThat(ring.sum(103, 2).usd).as("bins 102 and 103 were overwritten").isZero();
        assertThat(ring.branchingRatio(109, 6, 1)).as("a throttled feed only: its own counts, one a bin").isEqualTo(0.0);
        assertThat(ring.branchingRatio(109, 6, 7)).as("fewer arrivals than asked for").isNull();
    }

    /** The estimate of counts given bin by bin. */
    static Double estimate(int[] counts, int minArrivals) {
        long total = 0;
        long squares = 0;
        for (long c : counts) {
            total += c;
            squares += c * c;
        }
        return HawkesBranching.estimate(total, squares, counts.length, minArrivals);
    }
}
