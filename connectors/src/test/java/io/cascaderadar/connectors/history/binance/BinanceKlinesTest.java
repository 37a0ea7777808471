package io.cascaderadar.connectors.history.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.OpenInterestUpdate;
import io.cascaderadar.avro.PriceKind;
import io.cascaderadar.avro.PriceUpdate;
import io.cascaderadar.connectors.csv.CsvFileReader;
import io.cascaderadar.connectors.csv.InputFileException;
import io.cascaderadar.connectors.history.HistoryFormat;
import io.cascaderadar.connectors.history.HistoryRecords;
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

/** Files written in data.binance.vision's kline layouts: with and without header, milliseconds and microseconds. */
class BinanceKlinesTest {
    static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
    static final HistoryFormat FUTURES = BinanceDataFiles.namedBySymbol("binance-klines", "futures klines",
            symbol -> BinanceKlines.futures(symbol, InputRules.defaults(), NOW));
    static final HistoryFormat SPOT = BinanceDataFiles.namedBySymbol("binance-spot-klines", "spot klines",
            symbol -> BinanceKlines.spot(symbol, InputRules.defaults(), NOW));

    @TempDir
    Path dir;

    private final Prices prices = new Prices();
    private final List<DeadLetter> rejects = new ArrayList<>();

    @Test
    void newerFuturesFilesHaveAHeaderAndTheSymbolComesFromTheFileName() throws Exception {
        CsvFileReader.Counts counts = FUTURES.read(file("ETHUSDT-1m-2024-08-05.csv", """
                open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore
                1722816000000,2700.50,2701.00,2690.00,2695.25,100.5,1722816059999,270000.1,500,50.2,135000.3,0
                1722816060000,2695.25,2699.00,2680.00,2681.10,120.7,1722816119999,323000.4,610,60.1,161000.2,0
                """), prices, rejects::add);

        assertThat(counts.records()).isEqualTo(2);
        assertThat(rejects).isEmpty();
        assertThat(prices.list).allSatisfy(p -> {
            assertThat(p.getVenue()).isEqualTo("binance-usdm");
            assertThat(p.getInstrument()).isEqualTo("ETHUSDT");
            assertThat(p.getBaseAsset()).isEqualTo("ETH");
            assertThat(p.getPriceKind()).isEqualTo(PriceKind.LAST);
        });
        assertThat(prices.list.get(0).getPrice()).isEqualTo(2695.25);
        assertThat(prices.list.get(0).getEventTime()).as("the kline's end").isEqualTo(Instant.parse("2024-08-05T00:01:00Z"));
        assertThat(prices.list.get(1).getEventTime()).isEqualTo(Instant.parse("2024-08-05T00:02:00Z"));
    }

    @Test
    void olderFilesHaveNoHeaderAndCoinMAndUnitPrefixesAreKnownFromTheSymbol() throws Exception {
        FUTURES.read(file("BTCUSD_PERP-1m-2021-05-19_1202-1415.csv", """
                1621425720000,38516.0,38628.5,38421.0,38543.5,1082,1621425779999,2.8,11970,590,1.5,0
                """), prices, rejects::add);
        FUTURES.read(file("1000PEPEUSDT-5m-2024-08-05.csv", """
                1722816000000,0.0080000,0.0081000,0.0079000,0.0075000,1000000,1722816299999,7500,120,500000,3750,0
                """), prices, rejects::add);

        assertThat(rejects).isEmpty();
        PriceUpdate coinMargined = prices.list.get(0);
        assertThat(coinMargined.getVenue()).isEqualTo("binance-coinm");
        assertThat(coinMargined.getInstrument()).isEqualTo("BTCUSD_PERP");
        assertThat(coinMargined.getBaseAsset()).isEqualTo("BTC");
        assertThat(coinMargined.getEventTime()).isEqualTo(Instant.parse("2021-05-19T12:03:00Z"));
        PriceUpdate pepe = prices.list.get(1);
        assertThat(pepe.getBaseAsset()).isEqualTo("PEPE");
        assertThat(pepe.getPrice()).as("per PEPE, not per 1,000").isCloseTo(0.0000075, within(1e-15));
        assertThat(pepe.getEventTime()).isEqualTo(Instant.parse("2024-08-05T00:05:00Z"));
    }

    @Test
    void spotFilesSince2025CountMicroseconds() throws Exception {
        SPOT.read(file("BTCUSDT-1m-2025-01-01.csv", """
                1735689600000000,93576.00000000,93610.93000000,93537.50000000,93610.93000000,8.21827000,1735689659999999,768978.2,1880,3.9,365000.1,0
                1735689660000000,93610.93000000,93652.00000000,93606.00000000,93650.01000000,6.40216000,1735689719999999,599500.9,1500,3.1,290000.3,0
                """), prices, rejects::add);

        assertThat(rejects).isEmpty();
        assertThat(prices.list).extracting(PriceUpdate::getVenue).containsOnly("binance-spot");
        assertThat(prices.list).extracting(PriceUpdate::getEventTime)
                .containsExactly(Instant.parse("2025-01-01T00:01:00Z"), Instant.parse("2025-01-01T00:02:00Z"));
        assertThat(prices.list.get(1).getPrice()).isEqualTo(93650.01);
    }

    @Test
    void badRowsBecomeDeadLettersWithTheirReasonAndAFileNotNamedAfterItsSymbolIsRefused() throws Exception {
        CsvFileReader.Counts counts = FUTURES.read(file("BTCUSDT-1m-2024-08-05.csv", """
                1722816000000,54000,54100,53900,n/a,1,1722816059999,1,1,1,1,0
                1722816060000,54000,54100,53900,54050,1,,1,1,1,1,0
                1722816120000,54000,54100,53900,54050,1,later,1,1,1,1,0
                1722816180000,54000,54100,53900,0,1,1722816239999,1,1,1,1,0
                1722816240000,54000,54100,53900,54050,1,1722816299999,1,1,1,1,0,extra
                1722816300000,54000,54100,53900,54060,1,1722816359999,1,1,1,1,0
                """), prices, rejects::add);

        assertThat(counts.records()).isEqualTo(1);
        assertThat(rejects).extracting(d -> d.reason).containsExactly(RejectReason.BAD_NUMBER, RejectReason.MISSING_VALUE,
                RejectReason.BAD_TIMESTAMP, RejectReason.NON_POSITIVE, RejectReason.MALFORMED_LINE);
        assertThat(rejects.get(0).source).isEqualTo("BTCUSDT-1m-2024-08-05.csv:1");
        assertThatThrownBy(() -> FUTURES.read(file("klines.csv", "1722816000000,1,1,1,1,1,1722816059999,1,1,1,1,0\n"),
                prices, rejects::add)).isInstanceOf(InputFileException.class).hasMessageContaining("symbol");
    }

    private Path file(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    /** The prices read; a kline file gives nothing else. */
    static final class Prices implements HistoryRecords {
        final List<PriceUpdate> list = new ArrayList<>();

        @Override
        public void liquidation(LiquidationEvent event) {
            throw new AssertionError("a kline is no liquidation: " + event);
        }

        @Override
        public void openInterest(OpenInterestUpdate update) {
            throw new AssertionError("a kline is no open interest: " + update);
        }

        @Override
        public void price(PriceUpdate price) {
            list.add(price);
        }
    }
}
