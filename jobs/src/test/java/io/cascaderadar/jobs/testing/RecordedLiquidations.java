package io.cascaderadar.jobs.testing;

import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.connectors.csv.CsvFileReader;
import io.cascaderadar.connectors.csv.CsvFileWriter;
import io.cascaderadar.connectors.csv.CsvReadFormat;
import io.cascaderadar.connectors.csv.LiquidationCsv;
import io.cascaderadar.connectors.history.aave.AaveV2SubgraphLiquidations;
import io.cascaderadar.connectors.testing.RecordedData;
import io.cascaderadar.connectors.validation.InputRules;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Predicate;

/** Recorded liquidations from ../shared/data, imported to a normalized CSV file as {@code radar import} does. */
public final class RecordedLiquidations {
    /** The import's clock: after every recorded file, so that no event is in the future. */
    public static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");

    private RecordedLiquidations() {}

    /** Aave v2 on Ethereum, April and May 2021: seven weeks of baseline, then the crash of 2021-05-19. */
    public static Path aaveV2AprilMay2021(Path dir) throws Exception {
        return importFile(dir, "defi_onchain/aave_v2_liquidations_thegraph_2020-12-17_2022-04-03_TheRensselaerIDEA.csv",
                new AaveV2SubgraphLiquidations(InputRules.defaults(), NOW),
                e -> !e.getEventTime().isBefore(Instant.parse("2021-04-01T00:00:00Z"))
                        && e.getEventTime().isBefore(Instant.parse("2021-06-01T00:00:00Z")));
    }

    public static Path importFile(Path dir, String recorded, CsvReadFormat<LiquidationEvent> format,
            Predicate<LiquidationEvent> keep) throws Exception {
        Path normalized = dir.resolve("liquidations.csv");
        try (CsvFileWriter<LiquidationEvent> writer = new CsvFileWriter<>(normalized, LiquidationCsv.writer())) {
            CsvFileReader.read(RecordedData.file(recorded), format, e -> {
                if (keep.test(e)) {
                    writer.write(e);
                }
            }, rejected -> { });
        }
        return normalized;
    }
}
