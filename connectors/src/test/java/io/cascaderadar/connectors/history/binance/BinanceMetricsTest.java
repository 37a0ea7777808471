package io.cascaderadar.connectors.history.binance;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascaderadar.avro.OpenInterestUpdate;
import io.cascaderadar.avro.Sidedness;
import io.cascaderadar.connectors.csv.CsvFileReader;
import io.cascaderadar.connectors.validation.DeadLetter;
import io.cascaderadar.connectors.validation.InputRules;
import io.cascaderadar.connectors.validation.RejectReason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows written from the layout of data.binance.vision's {@code futures/um/daily/metrics} files. */
class BinanceMetricsTest {
    private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
    private static final String HEADER = "create_time,symbol,sum_open_interest,sum_open_interest_value,"
            + "count_toptrader_long_short_ratio,sum_toptrader_long_short_ratio,count_long_short_ratio,"
            + "sum_taker_long_short_vol_ratio\n";

    @TempDir
    Path dir;

    private final List<OpenInterestUpdate> updates = new ArrayList<>();
    private final List<DeadLetter> rejects = new ArrayList<>();

    @Test
    void fiveMinuteSamplesAreOpenInterestInBaseUnitsAndUsd() throws Exception {
        read("""
                2024-08-05 00:05:00,BTCUSDT,81234.567,4512345678.9,1.52,2.10,1.81,0.93
                2024-08-05 00:10:00,BTCUSDT,81001.002,4490000000.0,1.50,2.08,1.80,1.02
                2024-08-05 00:05:00,1000PEPEUSDT,5000000,37500000,1.1,1.2,1.3,0.8
                """);

        assertThat(rejects).isEmpty();
        assertThat(updates).hasSize(3).allSatisfy(u -> {
            assertThat(u.getVenue()).isEqualTo("binance-usdm");
            assertThat(u.getSidedness()).isEqualTo(Sidedness.ONE_SIDED);
        });
        OpenInterestUpdate btc = updates.get(0);
        assertThat(btc.getInstrument()).isEqualTo("BTCUSDT");
        assertThat(btc.getBaseAsset()).isEqualTo("BTC");
        assertThat(btc.getOpenInterestBase()).isEqualTo(81234.567);
        assertThat(btc.getOpenInterestUsd()).isEqualTo(4512345678.9);
        assertThat(btc.getEventTime()).as("create_time is UTC").isEqualTo(Instant.parse("2024-08-05T00:05:00Z"));
        assertThat(updates.get(1).getEventTime()).isEqualTo(Instant.parse("2024-08-05T00:10:00Z"));
        OpenInterestUpdate pepe = updates.get(2);
        assertThat(pepe.getBaseAsset()).isEqualTo("PEPE");
        assertThat(pepe.getOpenInterestBase()).as("1000PEPE counts thousands").isEqualTo(5e9);
        assertThat(pepe.getOpenInterestUsd()).isEqualTo(37_500_000.0);
    }

    @Test
    void badRowsBecomeDeadLettersWithTheirReason() throws Exception {
        read("""
                2024-08-05 00:05:00,BTCUSDT,,,1.52,2.10,1.81,0.93
                2024-08-05 25:05:00,BTCUSDT,81234.567,4512345678.9,1.52,2.10,1.81,0.93
                2024-08-05 00:05:00,BTCUSD_PERP,912345,91234500,1.52,2.10,1.81,0.93
                2024-08-05 00:05:00,BTCUSDT,-1,4512345678.9,1.52,2.10,1.81,0.93
                2024-08-05 00:05:00,BTCUSDT,many,4512345678.9,1.52,2.10,1.81,0.93
                """);

        assertThat(updates).isEmpty();
        assertThat(rejects).extracting(d -> d.reason).containsExactly(RejectReason.MISSING_VALUE, RejectReason.BAD_TIMESTAMP,
                RejectReason.UNKNOWN_INSTRUMENT, RejectReason.NON_POSITIVE, RejectReason.BAD_NUMBER);
        assertThat(rejects.get(2).detail).contains("COIN-M");
    }

    private void read(String rows) throws Exception {
        Path file = Files.writeString(dir.resolve("BTCUSDT-metrics-2024-08-05.csv"), HEADER + rows);
        CsvFileReader.read(file, new BinanceMetrics(InputRules.defaults(), NOW), updates::add, rejects::add);
    }
}
