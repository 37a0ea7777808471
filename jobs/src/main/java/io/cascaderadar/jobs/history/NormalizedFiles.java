package io.cascaderadar.jobs.history;

import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.OpenInterestUpdate;
import io.cascaderadar.avro.PriceUpdate;
import io.cascaderadar.connectors.csv.CsvFileWriter;
import io.cascaderadar.connectors.csv.CsvWriteFormat;
import io.cascaderadar.connectors.csv.LiquidationCsv;
import io.cascaderadar.connectors.csv.OpenInterestCsv;
import io.cascaderadar.connectors.csv.PriceCsv;
import io.cascaderadar.connectors.history.HistoryRecords;
import io.cascaderadar.jobs.sim.SimulationFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Imported records written to the normalized files that replay and publish read: {@code liquidations.csv},
 * {@code open-interest.csv}, {@code prices.csv}. A file (and its directory) is created when its first record arrives.
 */
public final class NormalizedFiles implements HistoryRecords, AutoCloseable {

    private final Output<LiquidationEvent> liquidations;
    private final Output<OpenInterestUpdate> openInterest;
    private final Output<PriceUpdate> prices;

    public NormalizedFiles(Path dir) {
        this.liquidations = new Output<>(dir.resolve(SimulationFiles.LIQUIDATIONS), LiquidationCsv.writer());
        this.openInterest = new Output<>(dir.resolve(SimulationFiles.OPEN_INTEREST), OpenInterestCsv.writer());
        this.prices = new Output<>(dir.resolve(SimulationFiles.PRICES), PriceCsv.writer());
    }

    @Override
    public void liquidation(LiquidationEvent event) {
        liquidations.write(event);
    }

    @Override
    public void openInterest(OpenInterestUpdate update) {
        openInterest.write(update);
    }

    @Override
    public void price(PriceUpdate price) {
        prices.write(price);
    }

    /** The liquidations file, or null when no liquidation came. */
    public Path liquidationsFile() {
        return liquidations.count > 0 ? liquidations.file : null;
    }

    /** The open-interest file, or null when no open interest came. */
    public Path openInterestFile() {
        return openInterest.count > 0 ? openInterest.file : null;
    }

    /** One line per file written: its record count and path. */
    public List<String> summary() {
        List<String> lines = new ArrayList<>();
        for (Output<?> output : List.of(liquidations, openInterest, prices)) {
            if (output.count > 0) {
                lines.add(String.format("%,12d -> %s", output.count, output.file));
            }
        }
        return lines;
    }

    @Override
    public void close() throws IOException {
        for (Output<?> output : List.of(liquidations, openInterest, prices)) {
            if (output.writer != null) {
                output.writer.close();
            }
        }
    }

    private static final class Output<T> {
        final Path file;
        final CsvWriteFormat<T> format;
        CsvFileWriter<T> writer;
        long count;

        Output(Path file, CsvWriteFormat<T> format) {
            this.file = file;
            this.format = format;
        }

        void write(T record) {
            try {
                if (writer == null) {
                    Files.createDirectories(file.getParent());
                    writer = new CsvFileWriter<>(file, format);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            writer.write(record);
            count++;
        }
    }
}
