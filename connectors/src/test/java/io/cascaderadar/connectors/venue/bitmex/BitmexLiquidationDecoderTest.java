package io.cascaderadar.connectors.venue.bitmex;

import static io.cascaderadar.connectors.testing.WireFixtures.rejectionOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.PositionSide;
import io.cascaderadar.avro.PriceKind;
import io.cascaderadar.connectors.testing.WireFixtures;
import io.cascaderadar.connectors.validation.RejectReason;
import io.cascaderadar.connectors.venue.ContractSizes;
import io.cascaderadar.connectors.venue.WireMessageException;
import io.cascaderadar.connectors.venue.WireRecords;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BitmexLiquidationDecoderTest {
    private static final Instant RECEIVED = Instant.parse("2026-11-24T08:00:00.123Z");

    private final BitmexLiquidationDecoder decoder = new BitmexLiquidationDecoder(new BitmexContracts(
            ContractSizes.of(Map.of("XBTUSD", 1.0, "XBTZ24", 1.0)),
            ContractSizes.of(Map.of("XBTUSDT", 0.000001, "ETHUSDT", 0.00001))));

    private static LiquidationEvent only(WireRecords records) {
        assertThat(records.openInterest()).isEmpty();
        assertThat(records.liquidations()).hasSize(1);
        return records.liquidations().get(0);
    }

    @Test
    void recordedInsertOfABuyOrderLiquidatedAShortAndItsDeleteIsNothing() throws Exception {
        List<String> recorded = WireFixtures.messages("bitmex");
        assertThat(recorded).hasSize(2);

        // A Buy liquidation order for 9,214 XBTUSD contracts of 1 USD at 10,106.
        LiquidationEvent e = only(decoder.decode(recorded.get(0), RECEIVED));
        assertThat(e.getEventId()).isEqualTo("bitmex:dd9cea25-207c-0dab-15b5-b88da776f500");
        assertThat(e.getVenue()).isEqualTo("bitmex");
        assertThat(e.getInstrument()).isEqualTo("XBTUSD");
        assertThat(e.getBaseAsset()).isEqualTo("BTC");
        assertThat(e.getQuoteAsset()).isEqualTo("USD");
        assertThat(e.getLiquidatedSide()).isEqualTo(PositionSide.SHORT);
        assertThat(e.getPrice()).isEqualTo(10106.0);
        assertThat(e.getPriceKind()).isEqualTo(PriceKind.BANKRUPTCY);
        assertThat(e.getNotionalUsd()).isEqualTo(9214.0);
        assertThat(e.getQuantityBase()).isCloseTo(9214 / 10106.0, within(1e-12));
        assertThat(e.getEventTime()).as("BitMEX sends no time").isEqualTo(RECEIVED);
        assertThat(e.getReceiveTime()).isEqualTo(RECEIVED);
        assertThat(e.getSampled()).isFalse();

        assertThat(decoder.decode(recorded.get(1), RECEIVED)).isEqualTo(WireRecords.NONE);
    }

    @Test
    void linearInstrumentsAreContractsOfABaseAmount() throws Exception {
        String message = """
                {"table":"liquidation","action":"insert","data":[
                {"orderID":"0b6b7a1c-3a52-4c1e-9d4e-5f3a2b1c0d01","symbol":"XBTUSDT","side":"Sell","price":95000.5,"leavesQty":250000},
                {"orderID":"0b6b7a1c-3a52-4c1e-9d4e-5f3a2b1c0d02","symbol":"ETHUSDT","side":"Buy","price":3100,"leavesQty":120000}]}""";
        List<LiquidationEvent> events = decoder.decode(message, RECEIVED).liquidations();

        assertThat(events).hasSize(2);
        LiquidationEvent btc = events.get(0);
        assertThat(btc.getBaseAsset()).isEqualTo("BTC");
        assertThat(btc.getQuoteAsset()).isEqualTo("USDT");
        assertThat(btc.getLiquidatedSide()).isEqualTo(PositionSide.LONG);
        assertThat(btc.getQuantityBase()).isCloseTo(0.25, within(1e-12));
        assertThat(btc.getNotionalUsd()).isCloseTo(0.25 * 95000.5, within(1e-6));
        LiquidationEvent eth = events.get(1);
        assertThat(eth.getBaseAsset()).isEqualTo("ETH");
        assertThat(eth.getLiquidatedSide()).isEqualTo(PositionSide.SHORT);
        assertThat(eth.getQuantityBase()).isCloseTo(1.2, within(1e-12));
        assertThat(eth.getNotionalUsd()).isCloseTo(3720.0, within(1e-6));
        assertThat(eth.getEventId()).isEqualTo("bitmex:0b6b7a1c-3a52-4c1e-9d4e-5f3a2b1c0d02");
    }

    @Test
    void aDatedFutureIsTheAssetBeforeItsExpiryCode() throws Exception {
        LiquidationEvent e = only(decoder.decode("""
                {"table":"liquidation","action":"insert","data":[
                {"orderID":"5c1d","symbol":"XBTZ24","side":"Sell","price":100000,"leavesQty":5000}]}""", RECEIVED));
        assertThat(e.getBaseAsset()).isEqualTo("BTC");
        assertThat(e.getNotionalUsd()).isEqualTo(5000.0);
        assertThat(e.getQuantityBase()).isCloseTo(0.05, within(1e-12));
    }

    @Test
    void theSnapshotAndTheChangesToKnownOrdersAreNothing() throws Exception {
        String row = "{\"orderID\":\"9f2e\",\"symbol\":\"XBTUSD\",\"side\":\"Sell\",\"price\":60000,\"leavesQty\":1000}";
        assertThat(decoder.decode("{\"table\":\"liquidation\",\"action\":\"partial\",\"keys\":[\"orderID\"],\"data\":[" + row + "]}", RECEIVED))
                .isEqualTo(WireRecords.NONE);
        assertThat(decoder.decode("{\"table\":\"liquidation\",\"action\":\"update\",\"data\":[{\"orderID\":\"9f2e\",\"symbol\":\"XBTUSD\","
                + "\"leavesQty\":400}]}", RECEIVED)).isEqualTo(WireRecords.NONE);
        assertThat(decoder.decode("{\"table\":\"liquidation\",\"action\":\"delete\",\"data\":[{\"orderID\":\"9f2e\",\"symbol\":\"XBTUSD\"}]}",
                RECEIVED)).isEqualTo(WireRecords.NONE);
    }

    @Test
    void anInstrumentOfUnknownContractSizeIsRefusedByName() {
        String message = """
                {"table":"liquidation","action":"insert","data":[
                {"orderID":"77aa","symbol":"SOLUSDT","side":"Sell","price":150,"leavesQty":1000}]}""";
        assertThatThrownBy(() -> decoder.decode(message, RECEIVED))
                .isInstanceOf(WireMessageException.class).hasMessageContaining("SOLUSDT")
                .satisfies(ex -> assertThat(((WireMessageException) ex).reason()).isEqualTo(RejectReason.UNKNOWN_INSTRUMENT));
    }

    @Test
    void acknowledgementsAreNothingAndOtherMessagesAreRefusedWithTheirReason() throws Exception {
        assertThat(decoder.decode("""
                {"info":"Welcome to the BitMEX Realtime API.","version":"2.0.0","timestamp":"2026-11-24T08:00:00.000Z",
                "docs":"https://www.bitmex.com/app/wsAPI","limit":{"remaining":39}}""", RECEIVED)).isEqualTo(WireRecords.NONE);
        assertThat(decoder.decode("{\"success\":true,\"subscribe\":\"liquidation\",\"request\":{\"op\":\"subscribe\","
                + "\"args\":[\"liquidation\"]}}", RECEIVED)).isEqualTo(WireRecords.NONE);
        assertThat(decoder.decode("pong", RECEIVED)).isEqualTo(WireRecords.NONE);

        assertThat(rejectionOf(decoder, "not json at all")).isEqualTo(RejectReason.MALFORMED_MESSAGE);
        assertThat(rejectionOf(decoder, "{\"table\":\"instrument\",\"action\":\"update\",\"data\":[{\"symbol\":\"XBTUSD\","
                + "\"openInterest\":500000000}]}")).isEqualTo(RejectReason.MALFORMED_MESSAGE);
        assertThat(rejectionOf(decoder, "{\"status\":400,\"error\":\"Unknown table: liquidations\",\"meta\":{}}"))
                .isEqualTo(RejectReason.MALFORMED_MESSAGE);
        assertThat(rejectionOf(decoder, "{\"table\":\"liquidation\",\"action\":\"insert\",\"data\":[{\"orderID\":\"1\","
                + "\"symbol\":\"XBTUSD\",\"side\":\"Sell\",\"leavesQty\":10}]}")).isEqualTo(RejectReason.MALFORMED_MESSAGE);
        assertThat(rejectionOf(decoder, "{\"table\":\"liquidation\",\"action\":\"insert\",\"data\":[{\"orderID\":\"1\","
                + "\"symbol\":\"XBTUSD\",\"side\":\"Hold\",\"price\":1,\"leavesQty\":10}]}")).isEqualTo(RejectReason.UNKNOWN_VALUE);
        assertThat(rejectionOf(decoder, "{\"table\":\"liquidation\",\"action\":\"replace\",\"data\":[]}"))
                .isEqualTo(RejectReason.UNKNOWN_VALUE);
    }
}
