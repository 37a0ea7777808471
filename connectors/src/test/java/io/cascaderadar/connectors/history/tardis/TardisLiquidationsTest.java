package io.cascaderadar.connectors.history.tardis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.PositionSide;
import io.cascaderadar.avro.PriceKind;
import io.cascaderadar.connectors.csv.CsvFileReader;
import io.cascaderadar.connectors.validation.DeadLetter;
import io.cascaderadar.connectors.validation.InputRules;
import io.cascaderadar.connectors.validation.RejectReason;
import io.cascaderadar.connectors.venue.bybit.BybitLiquidationDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows written from the documented {@code liquidations} dataset and tardis-node's mappers, one exchange at a time. */
class TardisLiquidationsTest {
    private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
    private static final String HEADER = "exchange,symbol,timestamp,local_timestamp,id,side,price,amount\n";

    @TempDir
    Path dir;

    private final List<LiquidationEvent> events = new ArrayList<>();
    private final List<DeadLetter> rejects = new ArrayList<>();

    @Test
    void binanceUsdMCountsBaseUnitsAndCoinMContractsOfUsd() throws Exception {
        read("""
                binance-futures,1000PEPEUSDT,1722834000123000,1722834000150000,,sell,0.0075,2000000
                binance-delivery,BTCUSD_PERP,1722834001000000,1722834001020000,,buy,50000,3
                binance-delivery,ETHUSD_PERP,1722834002000000,1722834002020000,,sell,2500,4
                binance-futures,1000PEPEUSDT,1722834000123000,1722834000150000,,sell,0.0075,2000000
                """);

        assertThat(rejects).isEmpty();
        LiquidationEvent pepe = events.get(0);
        assertThat(pepe.getVenue()).isEqualTo("binance-usdm");
        assertThat(pepe.getInstrument()).isEqualTo("1000PEPEUSDT");
        assertThat(pepe.getBaseAsset()).isEqualTo("PEPE");
        assertThat(pepe.getLiquidatedSide()).as("a sell order closes a long").isEqualTo(PositionSide.LONG);
        assertThat(pepe.getQuantityBase()).isEqualTo(2e9);
        assertThat(pepe.getPrice()).isCloseTo(0.0000075, within(1e-15));
        assertThat(pepe.getNotionalUsd()).isCloseTo(15_000, within(1e-6));
        assertThat(pepe.getPriceKind()).as("Tardis keeps Binance's order price, not the average fill").isEqualTo(PriceKind.UNKNOWN);
        assertThat(pepe.getEventTime()).isEqualTo(Instant.parse("2024-08-05T05:00:00.123Z"));
        assertThat(pepe.getReceiveTime()).isEqualTo(Instant.parse("2024-08-05T05:00:00.150Z"));
        assertThat(pepe.getSampled()).isTrue();
        assertThat(pepe.getEventId()).matches("binance-usdm:[0-9a-f]{16}").isEqualTo(events.get(3).getEventId());

        LiquidationEvent btc = events.get(1);
        assertThat(btc.getVenue()).isEqualTo("binance-coinm");
        assertThat(btc.getBaseAsset()).isEqualTo("BTC");
        assertThat(btc.getLiquidatedSide()).isEqualTo(PositionSide.SHORT);
        assertThat(btc.getNotionalUsd()).as("3 contracts of 100 USD").isEqualTo(300.0);
        assertThat(btc.getQuantityBase()).isCloseTo(0.006, within(1e-12));
        assertThat(events.get(2).getNotionalUsd()).as("4 contracts of 10 USD").isEqualTo(40.0);
        assertThat(events.get(2).getEventId()).isNotEqualTo(btc.getEventId());
    }

    @Test
    void bybitSidesComeTurnedAroundByTardisAndIdsMatchTheLiveDecoder() throws Exception {
        // Bybit's S=Buy (a long position liquidated) is Tardis's side=sell.
        String wire = """
                {"topic":"allLiquidation.BTCUSDT","type":"snapshot","ts":1740614400600,"data":[
                {"T":1740614400123,"s":"BTCUSDT","S":"Buy","v":"0.25","p":"85000.5"}]}""";
        LiquidationEvent live = BybitLiquidationDecoder.linear().decode(wire, NOW).liquidations().get(0);

        read("""
                bybit,BTCUSDT,1740614400123000,1740614400700000,,sell,85000.5,0.25
                bybit,BTCUSD,1722834000000000,1722834000100000,,buy,50000,10000
                bybit,BTCUSDH25,1740614401000000,1740614401100000,,sell,80000,8000
                """);

        assertThat(rejects).isEmpty();
        LiquidationEvent linear = events.get(0);
        assertThat(linear.getEventId()).isEqualTo(live.getEventId());
        assertThat(linear.getLiquidatedSide()).isEqualTo(live.getLiquidatedSide()).isEqualTo(PositionSide.LONG);
        assertThat(linear.getQuantityBase()).isEqualTo(0.25);
        assertThat(linear.getNotionalUsd()).isEqualTo(live.getNotionalUsd());
        assertThat(linear.getPriceKind()).isEqualTo(PriceKind.BANKRUPTCY);
        assertThat(linear.getSampled()).as("the complete allLiquidation feed").isFalse();

        LiquidationEvent inverse = events.get(1);
        assertThat(inverse.getLiquidatedSide()).isEqualTo(PositionSide.SHORT);
        assertThat(inverse.getNotionalUsd()).as("contracts of 1 USD").isEqualTo(10_000.0);
        assertThat(inverse.getQuantityBase()).isCloseTo(0.2, within(1e-12));
        assertThat(inverse.getSampled()).as("before 2025-02-26 Tardis had the throttled liquidation topic").isTrue();

        LiquidationEvent future = events.get(2);
        assertThat(future.getBaseAsset()).isEqualTo("BTC");
        assertThat(future.getNotionalUsd()).isEqualTo(8_000.0);
    }

    @Test
    void okxContractsAreSizedByFaceValueOrCtValAndOthersAreRefused() throws Exception {
        read("""
                okex-swap,BTC-USD-SWAP,1722834000000000,1722834000050000,,buy,60000,5
                okex-swap,BTC-USDT-SWAP,1722834001000000,1722834001050000,,sell,60000,250
                okex-futures,ETH-USD-240927,1722834002000000,1722834002050000,,sell,2500,30
                okex-swap,ARB-USDT-SWAP,1722834003000000,1722834003050000,,sell,0.5,100
                """);

        assertThat(events).hasSize(3).allSatisfy(e -> {
            assertThat(e.getVenue()).isEqualTo("okx");
            assertThat(e.getSampled()).isTrue();
            assertThat(e.getPriceKind()).isEqualTo(PriceKind.BANKRUPTCY);
        });
        assertThat(events.get(0).getLiquidatedSide()).isEqualTo(PositionSide.SHORT);
        assertThat(events.get(0).getNotionalUsd()).as("5 contracts of 100 USD").isEqualTo(500.0);
        assertThat(events.get(0).getQuantityBase()).isCloseTo(500 / 60000.0, within(1e-12));
        assertThat(events.get(1).getQuantityBase()).as("250 contracts of 0.01 BTC").isCloseTo(2.5, within(1e-12));
        assertThat(events.get(1).getNotionalUsd()).isCloseTo(150_000, within(1e-6));
        assertThat(events.get(2).getNotionalUsd()).as("30 contracts of 10 USD").isEqualTo(300.0);
        assertThat(rejects).singleElement().satisfies(d -> {
            assertThat(d.reason).isEqualTo(RejectReason.UNKNOWN_INSTRUMENT);
            assertThat(d.detail).contains("ARB-USDT-SWAP", "ctVal");
        });
    }

    @Test
    void bitmexAndDeribitKeepTheExchangesIdsAsTheLiveDecodersDo() throws Exception {
        read("""
                bitmex,XBTUSD,1722834000200000,1722834000200000,5f6e2a1c-0b3e-4d8a-9c1f-1e2d3c4b5a69,sell,58000,10000
                bitmex,ETHUSD,1722834000300000,1722834000300000,0d9e8f7a-1b2c-4d3e-8f9a-0b1c2d3e4f5a,sell,2500,100
                deribit,BTC-PERPETUAL,1722834000400000,1722834000450000,312345678,buy,58000,12000
                deribit,SOL_USDC-PERPETUAL,1722834000500000,1722834000550000,312345679,sell,130,40
                deribit,BTC-27DEC24-60000-C,1722834000600000,1722834000650000,312345680,sell,0.05,1
                """);

        LiquidationEvent xbt = events.get(0);
        assertThat(xbt.getEventId()).isEqualTo("bitmex:5f6e2a1c-0b3e-4d8a-9c1f-1e2d3c4b5a69");
        assertThat(xbt.getBaseAsset()).isEqualTo("BTC");
        assertThat(xbt.getLiquidatedSide()).isEqualTo(PositionSide.LONG);
        assertThat(xbt.getNotionalUsd()).isEqualTo(10_000.0);
        assertThat(xbt.getQuantityBase()).isCloseTo(10_000 / 58_000.0, within(1e-12));
        assertThat(xbt.getSampled()).isFalse();

        LiquidationEvent perpetual = events.get(1);
        assertThat(perpetual.getEventId()).isEqualTo("deribit:312345678");
        assertThat(perpetual.getLiquidatedSide()).isEqualTo(PositionSide.SHORT);
        assertThat(perpetual.getNotionalUsd()).as("Deribit counts inverse amounts in USD").isEqualTo(12_000.0);
        assertThat(perpetual.getQuoteAsset()).isEqualTo("USD");
        assertThat(perpetual.getPriceKind()).isEqualTo(PriceKind.AVERAGE_FILL);
        LiquidationEvent linear = events.get(2);
        assertThat(linear.getBaseAsset()).isEqualTo("SOL");
        assertThat(linear.getQuantityBase()).isEqualTo(40.0);
        assertThat(linear.getNotionalUsd()).isEqualTo(5_200.0);

        assertThat(rejects).extracting(d -> d.reason).containsExactly(RejectReason.UNKNOWN_INSTRUMENT, RejectReason.UNKNOWN_INSTRUMENT);
        assertThat(rejects.get(0).detail).contains("ETHUSD");
        assertThat(rejects.get(1).detail).contains("option");
    }

    @Test
    void badRowsBecomeDeadLettersWithTheirReason() throws Exception {
        CsvFileReader.Counts counts = read("""
                bybit,BTCUSDT,1740614400123000,1740614400700000,,sell,85000.5,
                bybit,BTCUSDT,1740614400123000,1740614400700000,,unknown,85000.5,0.1
                bybit,BTCUSDT,2025-02-27T00:00:00Z,1740614400700000,,sell,85000.5,0.1
                bybit,BTCUSDT,1740614400123,1740614400700000,,sell,85000.5,0.1
                huobi-dm-swap,BTC-USD,1740614400123000,1740614400700000,,sell,85000.5,1
                bybit,BTCUSDT,1740614400123000,1740614400700000,,sell,0,0.1
                """);

        assertThat(counts.records()).isZero();
        assertThat(rejects).extracting(d -> d.reason).containsExactly(
                RejectReason.MISSING_VALUE, RejectReason.UNKNOWN_VALUE, RejectReason.BAD_TIMESTAMP,
                RejectReason.PREHISTORIC_TIMESTAMP, RejectReason.UNKNOWN_VALUE, RejectReason.NON_POSITIVE);
        assertThat(rejects.get(0).detail).contains("amount");
        assertThat(rejects.get(2).detail).contains("microseconds");
        assertThat(rejects.get(3).detail).as("milliseconds read as microseconds land in 1970").contains("1970");
        assertThat(rejects.get(4).detail).contains("huobi-dm-swap", "binance-futures");
        assertThat(rejects).extracting(d -> d.source).containsExactly(
                "liquidations.csv:2", "liquidations.csv:3", "liquidations.csv:4", "liquidations.csv:5", "liquidations.csv:6",
                "liquidations.csv:7");
    }

    private CsvFileReader.Counts read(String rows) throws Exception {
        Path file = Files.writeString(dir.resolve("liquidations.csv"), HEADER + rows);
        return CsvFileReader.read(file, new TardisLiquidations(InputRules.defaults(), NOW), events::add, rejects::add);
    }
}
