package io.cascaderadar.connectors.history.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.OpenInterestUpdate;
import io.cascaderadar.avro.PositionSide;
import io.cascaderadar.avro.PriceKind;
import io.cascaderadar.avro.PriceUpdate;
import io.cascaderadar.connectors.history.HistoryFormat;
import io.cascaderadar.connectors.history.HistoryRecords;
import io.cascaderadar.connectors.validation.DeadLetter;
import io.cascaderadar.connectors.validation.InputRules;
import io.cascaderadar.connectors.validation.RejectReason;
import io.cascaderadar.connectors.venue.ContractSizes;
import io.cascaderadar.connectors.venue.binance.BinanceForceOrderDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files written in the layout of data.binance.vision's {@code liquidationSnapshot}, COIN-M and USD-M. */
class BinanceLiquidationSnapshotTest {
    private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
    private static final HistoryFormat FORMAT = BinanceDataFiles.namedBySymbol("binance-liquidation-snapshot", "snapshots",
            symbol -> new BinanceLiquidationSnapshot(symbol, InputRules.defaults(), NOW));
    private static final String HEADER = "time,side,order_type,time_in_force,original_quantity,price,average_price,"
            + "order_status,last_fill_quantity,accumulated_fill_quantity\n";

    @TempDir
    Path dir;

    private final List<LiquidationEvent> events = new ArrayList<>();
    private final List<DeadLetter> rejects = new ArrayList<>();
    private final HistoryRecords out = new HistoryRecords() {
        @Override
        public void liquidation(LiquidationEvent event) {
            events.add(event);
        }

        @Override
        public void openInterest(OpenInterestUpdate update) {
            throw new AssertionError("not open interest: " + update);
        }

        @Override
        public void price(PriceUpdate price) {
            throw new AssertionError("not a price: " + price);
        }
    };

    @Test
    void coinMarginedContractsAreUsdAndRepeatedRowsShareTheLiveDecodersId() throws Exception {
        FORMAT.read(file("BTCUSD_PERP-liquidationSnapshot-2021-05-19.csv", HEADER + """
                1621429800123,SELL,LIMIT,IOC,120,30100.5,30250.0,FILLED,20,120
                1621429800123,SELL,LIMIT,IOC,120,30100.5,30250.0,FILLED,20,120
                1621429801456,BUY,LIMIT,IOC,50,31500,31400.2,FILLED,50,50
                """), out, rejects::add);
        FORMAT.read(file("ETHUSD_PERP-liquidationSnapshot-2021-05-19.csv", HEADER + """
                1621429802000,SELL,LIMIT,IOC,7,2000,2050,FILLED,7,7
                """), out, rejects::add);

        assertThat(rejects).isEmpty();
        assertThat(events).hasSize(4).allSatisfy(e -> {
            assertThat(e.getVenue()).isEqualTo("binance-coinm");
            assertThat(e.getSampled()).isTrue();
        });
        LiquidationEvent btc = events.get(0);
        assertThat(btc.getInstrument()).isEqualTo("BTCUSD_PERP");
        assertThat(btc.getBaseAsset()).isEqualTo("BTC");
        assertThat(btc.getLiquidatedSide()).as("a SELL order closes a long").isEqualTo(PositionSide.LONG);
        assertThat(btc.getNotionalUsd()).as("120 contracts of 100 USD").isEqualTo(12_000.0);
        assertThat(btc.getQuantityBase()).isCloseTo(12_000 / 30_250.0, within(1e-12));
        assertThat(btc.getPrice()).isEqualTo(30_250.0);
        assertThat(btc.getPriceKind()).isEqualTo(PriceKind.AVERAGE_FILL);
        assertThat(btc.getEventTime()).isEqualTo(Instant.ofEpochMilli(1621429800123L));
        assertThat(events.get(1).getEventId()).as("Binance's files repeat rows").isEqualTo(btc.getEventId());
        assertThat(events.get(2).getLiquidatedSide()).isEqualTo(PositionSide.SHORT);
        assertThat(events.get(2).getEventId()).isNotEqualTo(btc.getEventId());
        assertThat(events.get(3).getNotionalUsd()).as("7 contracts of 10 USD").isEqualTo(70.0);

        String wire = """
                {"e":"forceOrder","E":1621429800130,"o":{"s":"BTCUSD_PERP","ps":"BTCUSD","S":"SELL","o":"LIMIT","f":"IOC",
                "q":"120","p":"30100.5","ap":"30250.0","X":"FILLED","l":"20","z":"120","T":1621429800123}}""";
        LiquidationEvent live = BinanceForceOrderDecoder.coinMargined(ContractSizes.of(Map.of("BTCUSD_PERP", 100.0)))
                .decode(wire, NOW).liquidations().get(0);
        assertThat(btc.getEventId()).isEqualTo(live.getEventId());
        assertThat(btc.getNotionalUsd()).isEqualTo(live.getNotionalUsd());
    }

    @Test
    void usdMarginedFilesWithoutHeaderCountBaseUnits() throws Exception {
        FORMAT.read(file("ETHUSDT-liquidationSnapshot-2021-05-19.csv", """
                1621429802000,SELL,LIMIT,IOC,3.5,2500,2510.5,FILLED,3.5,3.5
                1621429803000,BUY,LIMIT,IOC,2,2600,0,NEW,0,0
                """), out, rejects::add);

        assertThat(rejects).isEmpty();
        LiquidationEvent filled = events.get(0);
        assertThat(filled.getVenue()).isEqualTo("binance-usdm");
        assertThat(filled.getQuantityBase()).isEqualTo(3.5);
        assertThat(filled.getNotionalUsd()).isCloseTo(3.5 * 2510.5, within(1e-9));
        assertThat(filled.getReceiveTime()).as("no receive time: the event time").isEqualTo(filled.getEventTime());
        LiquidationEvent unfilled = events.get(1);
        assertThat(unfilled.getQuantityBase()).as("nothing filled: the original quantity").isEqualTo(2.0);
        assertThat(unfilled.getPrice()).as("no average: the order price").isEqualTo(2600.0);
        assertThat(unfilled.getPriceKind()).isEqualTo(PriceKind.UNKNOWN);
    }

    @Test
    void badRowsBecomeDeadLettersWithTheirReason() throws Exception {
        FORMAT.read(file("BTCUSDT-liquidationSnapshot-2021-05-19.csv", HEADER + """
                1621429800123,LONG,LIMIT,IOC,0.5,30100.5,30250.0,FILLED,0.5,0.5
                yesterday,SELL,LIMIT,IOC,0.5,30100.5,30250.0,FILLED,0.5,0.5
                1621429800123,SELL,LIMIT,IOC,0.5,30100.5,30250.0,FILLED,0.5,
                1621429800123,SELL,LIMIT,IOC,0.5,-30100.5,-30250.0,FILLED,0.5,0.5
                """), out, rejects::add);

        assertThat(events).isEmpty();
        assertThat(rejects).extracting(d -> d.reason).containsExactly(RejectReason.UNKNOWN_VALUE, RejectReason.BAD_TIMESTAMP,
                RejectReason.MISSING_VALUE, RejectReason.NON_POSITIVE);
        assertThat(rejects.get(0).detail).contains("LONG");
    }

    private Path file(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }
}
