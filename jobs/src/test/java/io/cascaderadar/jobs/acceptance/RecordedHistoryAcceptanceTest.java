package io.cascaderadar.jobs.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascaderadar.avro.Severity;
import io.cascaderadar.connectors.history.binance.BinanceForceOrderRecorderCsv;
import io.cascaderadar.connectors.validation.InputRules;
import io.cascaderadar.jobs.testing.AlertsFile;
import io.cascaderadar.jobs.testing.RecordedLiquidations;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import io.cascaderadar.jobs.testing.Flink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Real recorded liquidations from ../shared/data, imported and replayed as a researcher would. */
class RecordedHistoryAcceptanceTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = Flink.miniCluster();

    @TempDir
    Path dir;

    /**
     * 2021-05-19 on Aave v2: on-chain liquidations ran from about 11:00 to 15:00 UTC, the published core window
     * is 12:00-14:30. The replay covers April and May 2021, so the baseline has seven weeks behind it.
     */
    @Test
    void aaveV2May2021RaisesAWarningByHalfPastTwelveOnMay19() throws Exception {
        Path input = RecordedLiquidations.aaveV2AprilMay2021(dir);
        List<AlertsFile.Alert> alerts = replay(input);

        Instant from = Instant.parse("2021-05-19T11:00:00Z");
        Instant by = Instant.parse("2021-05-19T12:30:00Z");
        assertThat(AlertsFile.atLeast(alerts, Severity.WARNING))
                .anySatisfy(a -> assertThat(a.detectedAt()).isBetween(from, by));
    }

    /** About fifteen hours of ordinary Binance liquidations, all symbols, in 2024 and 2025: nothing to warn of. */
    @Test
    void binanceQuietPeriodsRaiseNothingOfWarningOrAbove() throws Exception {
        Path input = RecordedLiquidations.importFile(dir, "binance_forceorder/binance_forceorder_csv_snippets_2024-2025.csv",
                new BinanceForceOrderRecorderCsv(InputRules.defaults(), RecordedLiquidations.NOW), e -> true);
        List<AlertsFile.Alert> alerts = replay(input);
        assertThat(AlertsFile.atLeast(alerts, Severity.WARNING)).isEmpty();
    }

    private List<AlertsFile.Alert> replay(Path liquidations) throws Exception {
        return AlertsFile.read(AlertsFile.replay(liquidations, dir.resolve("out")));
    }
}
