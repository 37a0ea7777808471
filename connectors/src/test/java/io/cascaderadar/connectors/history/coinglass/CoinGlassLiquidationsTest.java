package io.cascaderadar.connectors.history.coinglass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.PositionSide;
import io.cascaderadar.avro.PriceKind;
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

/** Fixtures written from CoinGlass's API v4 documentation (its response examples, with the request's parameters). */
class CoinGlassLiquidationsTest {

    private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");

    private final List<LiquidationEvent> events = new ArrayList<>();
    private final List<DeadLetter> rejects = new ArrayList<>();

    @TempDir
    Path dir;

    @Test
    void aPairHistoryGivesOneEventPerSideOnItsVenue() throws Exception {
        read("""
                time,long_liquidation_usd,short_liquidation_usd,exchange,symbol
                1658880000000,2369935.19562,6947459.43674,Binance,BTCUSDT
                1658966400000,5118407.85124,8517330.44192,Binance,BTCUSD_PERP
                1658966400000,1000,0,OKX,BTC-USDT-SWAP
                1658966400000,,2500,BitMEX,XBTUSD
                """);

        assertThat(rejects).isEmpty();
        assertThat(events).extracting(LiquidationEvent::getVenue, LiquidationEvent::getInstrument,
                        LiquidationEvent::getBaseAsset, LiquidationEvent::getQuoteAsset,
                        LiquidationEvent::getLiquidatedSide, LiquidationEvent::getNotionalUsd)
                .containsExactly(
                        tuple("binance-usdm", "BTCUSDT", "BTC", "USDT", PositionSide.LONG, 2369935.19562),
                        tuple("binance-usdm", "BTCUSDT", "BTC", "USDT", PositionSide.SHORT, 6947459.43674),
                        tuple("binance-coinm", "BTCUSD_PERP", "BTC", "USD", PositionSide.LONG, 5118407.85124),
                        tuple("binance-coinm", "BTCUSD_PERP", "BTC", "USD", PositionSide.SHORT, 8517330.44192),
                        tuple("okx", "BTC-USDT-SWAP", "BTC", "USDT", PositionSide.LONG, 1000.0),
                        tuple("bitmex", "XBTUSD", "BTC", "USD", PositionSide.SHORT, 2500.0));
        LiquidationEvent first = events.get(0);
        assertThat(first.getEventTime()).isEqualTo(Instant.parse("2022-07-27T00:00:00Z"));
        assertThat(first.getSampled()).isTrue();
        assertThat(first.getPriceKind()).isEqualTo(PriceKind.UNKNOWN);
        assertThat(first.getQuantityBase()).isEqualTo(first.getNotionalUsd());
        assertThat(first.getEventId()).startsWith("coinglass:").isNotEqualTo(events.get(1).getEventId());
    }

    @Test
    void aCoinHistoryIsOfTheExchangesItSums() throws Exception {
        read("""
                time,aggregated_long_liquidation_usd,aggregated_short_liquidation_usd,symbol,exchange_list
                1658966400000,5916885.14234,12969583.87632,BTC,"Binance, OKX, Bybit"
                1659052800000,5345708.23191,6454875.54909,btc,
                """);

        assertThat(rejects).isEmpty();
        assertThat(events).extracting(LiquidationEvent::getVenue, LiquidationEvent::getInstrument,
                        LiquidationEvent::getBaseAsset, LiquidationEvent::getLiquidatedSide)
                .containsExactly(
                        tuple("binance+bybit+okx", "BTC", "BTC", PositionSide.LONG),
                        tuple("binance+bybit+okx", "BTC", "BTC", PositionSide.SHORT),
                        tuple("coinglass", "BTC", "BTC", PositionSide.LONG),
                        tuple("coinglass", "BTC", "BTC", PositionSide.SHORT));
        assertThat(events.get(1).getNotionalUsd()).isEqualTo(12969583.87632);
        assertThat(events.get(3).getEventTime()).isEqualTo(Instant.ofEpochMilli(1659052800000L));
    }

    @Test
    void badValuesRejectTheRowNamingTheColumn() throws Exception {
        read("""
                time,aggregated_long_liquidation_usd,aggregated_short_liquidation_usd,symbol
                1728518400000,n/a,12969583.87632,BTC
                1728518400000,1200000000,5,ETH
                1728518400000,10,5,
                """);

        assertThat(events).isEmpty();
        assertThat(rejects).extracting(d -> d.reason).containsExactly(
                RejectReason.BAD_NUMBER, RejectReason.ABSURD_NOTIONAL, RejectReason.MISSING_VALUE);
        assertThat(rejects.get(0).detail).contains("aggregated_long_liquidation_usd").contains("n/a");
        assertThat(rejects.get(1).detail).startsWith("aggregated_long_liquidation_usd: ");
        assertThat(rejects.get(2).detail).contains("symbol");
        assertThat(rejects.get(0).input).isEqualTo("1728518400000,n/a,12969583.87632,BTC");
    }

    @Test
    void aFileWithoutLiquidationColumnsIsRefusedRowByRow() throws Exception {
        read("""
                time,open,high,low,close,symbol
                1728518400000,1,2,0.5,1.5,BTC
                """);

        assertThat(events).isEmpty();
        assertThat(rejects).singleElement().satisfies(d -> {
            assertThat(d.reason).isEqualTo(RejectReason.MISSING_VALUE);
            assertThat(d.detail).contains("long_liquidation_usd");
        });
    }

    private void read(String csv) throws Exception {
        Path file = Files.writeString(dir.resolve("coinglass-" + System.nanoTime() + ".csv"), csv);
        CsvFileReader.read(file, new CoinGlassLiquidations(InputRules.defaults(), NOW), events::addAll, rejects::add);
    }
}
