package io.cascaderadar.jobs.bench;

import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.PositionSide;
import io.cascaderadar.avro.PriceKind;
import io.cascaderadar.avro.VenueType;
import io.cascaderadar.connectors.csv.CsvFileWriter;
import io.cascaderadar.connectors.csv.LiquidationCsv;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.SplittableRandom;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * A large liquidation history for benchmarks, from a fixed seed, written in event-time order as it is generated
 * (never held in memory) to an Avro container file (what a replay's job reads) and to the normalized CSV.
 *
 * <p>Calm arrivals at {@link #CALM_PER_SECOND} per second over {@code assets} assets (a few large, many small:
 * weights 1/rank) and {@code venues} venues (the last fifth on-chain), and every {@link #CASCADE_EVERY_SECONDS} a
 * 20-minute market-wide cascade at ten times the rate, mostly longs, so that signals rise, patterns match and
 * alerts open and resolve. Sizes are log-normal around $2,000 (cascades: $8,000).
 */
public final class SyntheticHistory {
    static final double CALM_PER_SECOND = 60;
    static final long CASCADE_EVERY_SECONDS = 6 * 3600;
    private static final long CASCADE_SECONDS = 20 * 60;
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    /** What was written. */
    public record Written(long events, int scopes, Instant first, Instant last) {}

    private SyntheticHistory() {}

    public static Written write(long events, int assets, int venues, long seed, Path avro, Path csv) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        double[] cumulativeWeight = new double[assets];
        double total = 0;
        for (int a = 0; a < assets; a++) {
            total += 1.0 / (a + 1);
            cumulativeWeight[a] = total;
        }
        double[] prices = new double[assets];
        for (int a = 0; a < assets; a++) {
            prices[a] = 100_000 / Math.pow(a + 1, 2);
        }
        long written = 0;
        long second = 0;
        Instant last = START;
        try (DataFileWriter<LiquidationEvent> out = new DataFileWriter<>(new SpecificDatumWriter<>(LiquidationEvent.class));
                CsvFileWriter<LiquidationEvent> text = new CsvFileWriter<>(csv, LiquidationCsv.writer())) {
            out.setCodec(CodecFactory.nullCodec());
            out.create(LiquidationEvent.getClassSchema(), avro.toFile());
            for (; written < events; second++) {
                boolean cascade = second % CASCADE_EVERY_SECONDS >= CASCADE_EVERY_SECONDS - CASCADE_SECONDS;
                int[] millis = new int[poisson(random, cascade ? 10 * CALM_PER_SECOND : CALM_PER_SECOND)];
                for (int i = 0; i < millis.length; i++) {
                    millis[i] = random.nextInt(1000);
                }
                java.util.Arrays.sort(millis);
                for (int i = 0; i < millis.length && written < events; i++, written++) {
                    int asset = pick(random, cumulativeWeight, total);
                    int venue = random.nextInt(venues);
                    boolean defi = venue >= venues - Math.max(1, venues / 5);
                    boolean isLong = random.nextDouble() < (cascade ? 0.85 : 0.5);
                    double usd = (cascade ? 8_000 : 2_000) * Math.exp(1.2 * gaussian(random));
                    double price = prices[asset] * (1 + 0.001 * gaussian(random));
                    Instant time = START.plusSeconds(second).plusMillis(millis[i]);
                    last = time;
                    LiquidationEvent event = LiquidationEvent.newBuilder()
                            .setEventId("bench:" + written)
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
                    out.append(event);
                    text.write(event);
                }
            }
        }
        return new Written(written, assets * venues, START, last);
    }

    /** An index drawn with the weights whose running sums are {@code cumulative}. */
    private static int pick(SplittableRandom random, double[] cumulative, double total) {
        double u = random.nextDouble() * total;
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] < u) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int poisson(SplittableRandom random, double mean) {
        // Normal approximation: the means here are tens to hundreds.
        return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(random)));
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
