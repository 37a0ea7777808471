package io.cascaderadar.jobs.sim;

import io.cascaderadar.connectors.csv.CsvFileWriter;
import io.cascaderadar.connectors.csv.CsvWriteFormat;
import io.cascaderadar.connectors.csv.FeedHealthCsv;
import io.cascaderadar.connectors.csv.LiquidationCsv;
import io.cascaderadar.connectors.csv.OpenInterestCsv;
import io.cascaderadar.connectors.csv.PriceCsv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A simulation as the normalized CSV files that {@code radar replay} reads. */
public final class SimulationFiles {
    public static final String LIQUIDATIONS = "liquidations.csv";
    public static final String OPEN_INTEREST = "open-interest.csv";
    public static final String FEED_HEALTH = "feed-health.csv";
    public static final String PRICES = "prices.csv";

    /** Where the files were written. */
    public record Written(Path liquidations, Path openInterest, Path feedHealth, Path prices) {}

    private SimulationFiles() {}

    public static Written write(Simulation sim, Path dir) throws IOException {
        Files.createDirectories(dir);
        Written files = new Written(dir.resolve(LIQUIDATIONS), dir.resolve(OPEN_INTEREST), dir.resolve(FEED_HEALTH),
                dir.resolve(PRICES));
        write(files.liquidations(), LiquidationCsv.writer(), sim.liquidations());
        write(files.openInterest(), OpenInterestCsv.writer(), sim.openInterest());
        write(files.feedHealth(), FeedHealthCsv.writer(), sim.feedHealth());
        write(files.prices(), PriceCsv.writer(), sim.prices());
        return files;
    }

    private static <T> void write(Path file, CsvWriteFormat<T> format, List<T> records) throws IOException {
        try (CsvFileWriter<T> writer = new CsvFileWriter<>(file, format)) {
            records.forEach(writer::write);
        }
    }
}
