package io.cascaderadar.jobs.bench;

import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.connectors.csv.CsvFileWriter;
import io.cascaderadar.connectors.csv.LiquidationCsv;
import io.cascaderadar.jobs.replay.AvroFileFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.avro.file.DataFileWriter;

/**
 * A liquidation history of any number of assets and venues, from a fixed seed, for the state against scopes (the
 * simulator's market has a fixed set), written in event-time order as it is generated (never held in memory) to
 * an Avro container file (what a replay's job reads) and to the normalized CSV.
 *
 * <p>Calm arrivals at {@link #CALM_PER_SECOND} per second ({@link SyntheticLiquidations}), and at the end of every
 * {@link #CASCADE_EVERY} a 20-minute market-wide cascade at ten times the rate, so that signals rise, patterns
 * match and alerts open and resolve.
 */
public final class SyntheticHistory {
    static final double CALM_PER_SECOND = 60;
    /** At 60 a second, about $15M a minute for the calm market: busy, under the absolute SEVERE amounts. */
    private static final double CALM_MEDIAN_USD = 2_000;
    private static final Duration CASCADE_EVERY = Duration.ofHours(6);
    private static final long CASCADE_SECONDS = 20 * 60;
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    /** What was written. */
    public record Written(long events, int scopes, Instant first, Instant last) {}

    private SyntheticHistory() {}

    public static Written write(long events, int assets, int venues, long seed, Path avro, Path csv) throws IOException {
        long every = CASCADE_EVERY.toSeconds();
        SyntheticLiquidations draws = new SyntheticLiquidations(assets, venues, seed, CALM_MEDIAN_USD);
        long written = 0;
        long second = 0;
        Instant last = START;
        try (DataFileWriter<LiquidationEvent> out = AvroFileFormat.writer(avro, LiquidationEvent.getClassSchema());
                CsvFileWriter<LiquidationEvent> text = new CsvFileWriter<>(csv, LiquidationCsv.writer())) {
            for (; written < events; second++) {
                boolean cascade = second % every >= every - CASCADE_SECONDS;
                int[] millis = draws.arrivals(cascade ? 10 * CALM_PER_SECOND : CALM_PER_SECOND);
                for (int i = 0; i < millis.length && written < events; i++, written++) {
                    last = START.plusSeconds(second).plusMillis(millis[i]);
                    LiquidationEvent event = draws.next("bench:" + written, last, cascade);
                    out.append(event);
                    text.write(event);
                }
            }
        }
        return new Written(written, assets * venues, START, last);
    }
}
