package io.cascaderadar.connectors.history.tardis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cascaderadar.avro.OpenInterestUpdate;
import io.cascaderadar.avro.PriceKind;
import io.cascaderadar.avro.PriceUpdate;
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
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows written from the documented {@code derivative_ticker} dataset and tardis-node's mappers. */
class TardisDerivativeTickerTest {
    private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
    private static final String HEADER = "exchange,symbol,timestamp,local_timestamp,funding_timestamp,funding_rate,"
            + "predicted_funding_rate,open_interest,last_price,index_price,mark_price\n";
    private static final Instant TIME = Instant.parse("2024-08-05T05:00:00Z");

    @TempDir
    Path dir;

    private final List<SpecificRecord> records = new ArrayList<>();
    private final List<DeadLetter> rejects = new ArrayList<>();

    @Test
    void openInterestIsConvertedFromEachExchangesUnitAndValuedAtTheMarkPrice() throws Exception {
        read("""
                binance-futures,BTCUSDT,1722834000000000,1722834000010000,1722844800000000,0.0001,,80000.5,54000,54010,54020
                binance-delivery,BTCUSD_PERP,1722834000000000,1722834000010000,,,,500000,54000,54010,54020
                bybit,BTCUSD,1722834000000000,1722834000010000,,,,600000000,54000,,54020
                okex-swap,BTC-USDT-SWAP,1722834000000000,1722834000010000,,,,2500000,54000,,54020
                deribit,BTC-PERPETUAL,1722834000000000,1722834000010000,,,,1000000000,54000,54010,54020
                bitmex,XBTUSD,1722834000000000,1722834000000000,,,,500000000,54000,54010,54020
                hyperliquid,KPEPE,1722834000000000,1722834000000000,,,,5000000000,,0.0074,0.0075
                """);

        assertThat(rejects).isEmpty();
        List<OpenInterestUpdate> oi = records.stream().filter(OpenInterestUpdate.class::isInstance).map(OpenInterestUpdate.class::cast).toList();
        assertThat(oi).extracting(OpenInterestUpdate::getVenue).containsExactly(
                "binance-usdm", "binance-coinm", "bybit", "okx", "deribit", "bitmex", "hyperliquid");
        assertThat(oi).allSatisfy(u -> assertThat(u.getEventTime()).isEqualTo(TIME));

        assertThat(oi.get(0).getOpenInterestBase()).isEqualTo(80000.5);
        assertThat(oi.get(0).getOpenInterestUsd()).isCloseTo(80000.5 * 54020, within(1e-3));
        assertThat(oi.get(0).getSidedness()).isEqualTo(Sidedness.ONE_SIDED);
        assertThat(oi.get(1).getOpenInterestUsd()).as("contracts of 100 USD").isEqualTo(5e7);
        assertThat(oi.get(1).getOpenInterestBase()).isCloseTo(5e7 / 54020, within(1e-9));
        assertThat(oi.get(2).getOpenInterestUsd()).as("Bybit inverse: contracts of 1 USD").isEqualTo(6e8);
        assertThat(oi.get(2).getSidedness()).as("Bybit counts both sides").isEqualTo(Sidedness.TWO_SIDED);
        assertThat(oi.get(3).getOpenInterestBase()).as("contracts of 0.01 BTC").isCloseTo(25_000, within(1e-6));
        assertThat(oi.get(4).getOpenInterestUsd()).isEqualTo(1e9);
        assertThat(oi.get(5).getBaseAsset()).isEqualTo("BTC");
        assertThat(oi.get(5).getOpenInterestUsd()).isEqualTo(5e8);
        assertThat(oi.get(6).getBaseAsset()).isEqualTo("PEPE");
        assertThat(oi.get(6).getOpenInterestBase()).as("kPEPE counts thousands").isEqualTo(5e12);
        assertThat(oi.get(6).getOpenInterestUsd()).isCloseTo(3.75e7, within(1e-3));

        List<PriceUpdate> prices = records.stream().filter(PriceUpdate.class::isInstance).map(PriceUpdate.class::cast).toList();
        assertThat(prices).hasSize(7).allSatisfy(p -> assertThat(p.getPriceKind()).isEqualTo(PriceKind.MARK));
        assertThat(prices.get(0).getPrice()).isEqualTo(54020.0);
        assertThat(prices.get(6).getPrice()).as("per PEPE").isCloseTo(0.0000075, within(1e-15));
    }

    @Test
    void aRowGivesWhatItHas() throws Exception {
        read("""
                binance-futures,ETHUSDT,1722834000000000,1722834000010000,,,,,2500,,
                bybit,BTCUSDT,1722834000000000,1722834000010000,,,,50000,,,
                bybit,BTCUSD,1722834000000000,1722834000010000,,,,600000000,,,
                """);

        assertThat(rejects).isEmpty();
        assertThat(records).hasSize(3);
        assertThat(records.get(0)).isInstanceOfSatisfying(PriceUpdate.class, p -> {
            assertThat(p.getPriceKind()).as("no mark price: the last trade").isEqualTo(PriceKind.LAST);
            assertThat(p.getPrice()).isEqualTo(2500.0);
            assertThat(p.getBaseAsset()).isEqualTo("ETH");
        });
        assertThat(records.get(1)).isInstanceOfSatisfying(OpenInterestUpdate.class, u -> {
            assertThat(u.getOpenInterestBase()).isEqualTo(50_000.0);
            assertThat(u.getOpenInterestUsd()).as("no price to value it").isNull();
        });
        assertThat(records.get(2)).isInstanceOfSatisfying(OpenInterestUpdate.class, u -> {
            assertThat(u.getOpenInterestUsd()).isEqualTo(6e8);
            assertThat(u.getOpenInterestBase()).isNull();
        });
    }

    @Test
    void badRowsBecomeDeadLettersWithTheirReason() throws Exception {
        CsvFileReader.Counts counts = read("""
                bybit,BTCUSDT,1722834000000000,1722834000010000,,,,,,,
                bybit,BTCUSDT,yesterday,1722834000010000,,,,50000,54000,,54020
                okex-swap,ARB-USDT-SWAP,1722834000000000,1722834000010000,,,,900000,0.5,,0.5
                kraken-futures,PF_XBTUSD,1722834000000000,1722834000010000,,,,1000,54000,,54020
                bybit,BTCUSDT,1722834000000000,1722834000010000,,,,-5,54000,,54020
                """);

        assertThat(counts.records()).isZero();
        assertThat(records).as("a row whose open interest is refused gives no price either").isEmpty();
        assertThat(rejects).extracting(d -> d.reason).containsExactly(RejectReason.MISSING_VALUE, RejectReason.BAD_TIMESTAMP,
                RejectReason.UNKNOWN_INSTRUMENT, RejectReason.UNKNOWN_VALUE, RejectReason.NON_POSITIVE);
    }

    private CsvFileReader.Counts read(String rows) throws Exception {
        Path file = Files.writeString(dir.resolve("derivative_ticker.csv"), HEADER + rows);
        return CsvFileReader.read(file, new TardisDerivativeTicker(InputRules.defaults(), NOW), records::addAll, rejects::add);
    }
}
