package io.cascaderadar.connectors.history.coinglass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.cascaderadar.avro.OpenInterestUpdate;
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

/** Fixtures in the shape of CoinGlass's API v4 open-interest OHLC history, with the request's parameters. */
class CoinGlassOpenInterestTest {

    private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");

    private final List<OpenInterestUpdate> updates = new ArrayList<>();
    private final List<DeadLetter> rejects = new ArrayList<>();

    @TempDir
    Path dir;

    @Test
    void theOpenOfEachBucketAtItsStartInTheRequestedUnit() throws Exception {
        read("""
                time,open,high,low,close,exchange,symbol,unit
                1722816000000,2644845344,2692643311,2576975597,2608846475,Binance,BTCUSDT,usd
                1722830400000,2608846475,2620807645,2327236202,2340177420,Binance,BTCUSDT,
                1722816000000,81250.5,82000,80000,80100,Bybit,BTCUSDT,coin
                """);
        read("""
                time,open,high,low,close,symbol
                1722816000000,30123456789,30500000000,29000000000,29100000000,BTC
                """);

        assertThat(rejects).isEmpty();
        assertThat(updates).extracting(OpenInterestUpdate::getVenue, OpenInterestUpdate::getInstrument,
                        OpenInterestUpdate::getBaseAsset, OpenInterestUpdate::getOpenInterestUsd,
                        OpenInterestUpdate::getOpenInterestBase)
                .containsExactly(
                        tuple("binance-usdm", "BTCUSDT", "BTC", 2644845344.0, null),
                        tuple("binance-usdm", "BTCUSDT", "BTC", 2608846475.0, null),
                        tuple("bybit", "BTCUSDT", "BTC", null, 81250.5),
                        tuple("coinglass", "BTC", "BTC", 30123456789.0, null));
        assertThat(updates.get(1).getEventTime()).isEqualTo(Instant.parse("2024-08-05T04:00:00Z"));
    }

    @Test
    void aMissingOpenOrExchangeOrAnUnknownUnitIsADeadLetter() throws Exception {
        read("""
                time,open,high,low,close,exchange,symbol,unit
                1722816000000,,1,1,1,OKX,BTC-USDT-SWAP,usd
                1722816000000,5,5,5,5,,BTCUSDT,usd
                1722816000000,5,5,5,5,OKX,BTC-USDT-SWAP,contracts
                """);

        assertThat(updates).isEmpty();
        assertThat(rejects).extracting(d -> d.reason)
                .containsExactly(RejectReason.MISSING_VALUE, RejectReason.MISSING_VALUE, RejectReason.UNKNOWN_VALUE);
        assertThat(rejects).extracting(d -> d.detail).satisfiesExactly(
                open -> assertThat(open).contains("open"),
                exchange -> assertThat(exchange).contains("exchange"),
                unit -> assertThat(unit).contains("contracts"));
    }

    private void read(String csv) throws Exception {
        Path file = Files.writeString(dir.resolve("coinglass-oi-" + System.nanoTime() + ".csv"), csv);
        CsvFileReader.read(file, new CoinGlassOpenInterest(InputRules.defaults(), NOW), updates::add, rejects::add);
    }
}
