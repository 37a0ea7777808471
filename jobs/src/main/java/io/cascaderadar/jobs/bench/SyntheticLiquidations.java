package io.cascaderadar.jobs.bench;

import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.PositionSide;
import io.cascaderadar.avro.PriceKind;
import io.cascaderadar.avro.VenueType;
import java.time.Instant;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The benchmarks' liquidations, drawn from a seed: {@code assets} assets (a few large, many small: weights 1/rank)
 * on {@code venues} venues (the last fifth on-chain). Calm, half are longs of a median size the caller gives; in a
 * cascade 85% are longs of four times that size (log-normal sizes, the mean twice the median). Not thread-safe.
 */
final class SyntheticLiquidations {
    private final SplittableRandom random;
    private final int venues;
    private final double[] cumulativeWeight;
    private final double[] prices;
    private final double calmMedianUsd;

    SyntheticLiquidations(int assets, int venues, long seed, double calmMedianUsd) {
        this.random = new SplittableRandom(seed);
        this.venues = venues;
        this.calmMedianUsd = calmMedianUsd;
        this.cumulativeWeight = new double[assets];
        this.prices = new double[assets];
        double total = 0;
        for (int a = 0; a < assets; a++) {
            total += 1.0 / (a + 1);
            cumulativeWeight[a] = total;
            prices[a] = 100_000 / Math.pow(a + 1, 2);
        }
    }

    /** The arrival times in one second, in milliseconds from its start, sorted: Poisson with this mean. */
    int[] arrivals(double perSecond) {
        // Normal approximation of the count: the means here are tens and more.
        int[] millis = new int[(int) Math.max(0, Math.round(perSecond + Math.sqrt(perSecond) * gaussian()))];
        for (int i = 0; i < millis.length; i++) {
            millis[i] = random.nextInt(1000);
        }
        Arrays.sort(millis);
        return millis;
    }

    LiquidationEvent next(String eventId, Instant time, boolean cascade) {
        return next(eventId, time, cascade, pickAsset());
    }

    /** A liquidation of one asset (its index: 0 is the largest). */
    LiquidationEvent next(String eventId, Instant time, boolean cascade, int asset) {
        int venue = random.nextInt(venues);
        boolean defi = venue >= venues - Math.max(1, venues / 5);
        boolean isLong = random.nextDouble() < (cascade ? 0.85 : 0.5);
        double usd = (cascade ? 4 : 1) * calmMedianUsd * Math.exp(1.2 * gaussian());
        double price = prices[asset] * (1 + 0.001 * gaussian());
        return LiquidationEvent.newBuilder()
                .setEventId(eventId)
                .setVenue((defi ? "lender-" : "perp-") + venue)
                .setVenueType(defi ? VenueType.DEFI : VenueType.CEX)
                .setInstrument("A" + asset + "USDT")
                .setBaseAsset("A" + asset)
                .setLiquidatedSide(isLong ? PositionSide.LONG : PositionSide.SHORT)
                .setPrice(price)
                .setPriceKind(PriceKind.BANKRUPTCY)
                .setQuantityBase(usd / price)
                .setNotionalUsd(usd)
                .setEventTime(time)
                .setReceiveTime(time)
                .build();
    }

    private int pickAsset() {
        double u = random.nextDouble() * cumulativeWeight[cumulativeWeight.length - 1];
        int lo = 0;
        int hi = cumulativeWeight.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulativeWeight[mid] < u) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private double gaussian() {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
