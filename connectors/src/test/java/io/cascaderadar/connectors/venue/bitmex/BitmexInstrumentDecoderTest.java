package io.cascaderadar.connectors.venue.bitmex;

import static io.cascaderadar.connectors.testing.WireFixtures.rejectionOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cascaderadar.avro.OpenInterestUpdate;
import io.cascaderadar.avro.Sidedness;
import io.cascaderadar.connectors.validation.RejectReason;
import io.cascaderadar.connectors.venue.ContractSizes;
import io.cascaderadar.connectors.venue.WireMessageException;
import io.cascaderadar.connectors.venue.WireRecords;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BitmexInstrumentDecoderTest {
    private static final Instant RECEIVED = Instant.parse("2026-11-24T08:00:00.123Z");

    private final BitmexInstrumentDecoder decoder = new BitmexInstrumentDecoder(new BitmexContracts(
            ContractSizes.of(Map.of("XBTUSD", 1.0, "XBTZ24", 1.0)),
            ContractSizes.of(Map.of("XBTUSDT", 0.000001, "ETHUSDT", 0.00001))));

    private static OpenInterestUpdate only(WireRecords records) {
        assertThat(records.liquidations()).isEmpty();
        assertThat(records.openInterest()).hasSize(1);
        return records.openInterest().get(0);
    }

    @Test
    void theSnapshotOfAnInverseInstrumentIsUsdWorthItsContractsAtTheMarkPrice() throws Exception {
        OpenInterestUpdate u = only(decoder.decode("""
                {"table":"instrument","action":"partial","keys":["symbol"],"types":{"symbol":"symbol"},"filter":{"symbol":"XBTUSD"},
                "data":[{"symbol":"XBTUSD","rootSymbol":"XBT","state":"Open","typ":"FFWCSX","quoteCurrency":"USD",
                "underlying":"XBT","multiplier":-100000000,"isQuanto":false,"isInverse":true,"openInterest":123456789,
                "openValue":205757835000,"fairPrice":60001.1,"markPrice":60000.5,"indicativeSettlePrice":59990.2,
                "lastPrice":60002.0,"timestamp":"2024-08-05T06:12:30.000Z"}]}""", RECEIVED));

        assertThat(u.getVenue()).isEqualTo("bitmex");
        assertThat(u.getInstrument()).isEqualTo("XBTUSD");
        assertThat(u.getBaseAsset()).isEqualTo("BTC");
        assertThat(u.getOpenInterestUsd()).isEqualTo(123456789.0);
        assertThat(u.getOpenInterestBase()).isCloseTo(123456789 / 60000.5, within(1e-9));
        assertThat(u.getSidedness()).isEqualTo(Sidedness.ONE_SIDED);
        assertThat(u.getEventTime()).isEqualTo(Instant.parse("2024-08-05T06:12:30Z"));
    }

    @Test
    void linearInstrumentsAreContractsOfABaseAmountAndARowWithoutMarkPriceLeavesTheOtherUnitOpen() throws Exception {
        List<OpenInterestUpdate> updates = decoder.decode("""
                {"table":"instrument","action":"update","data":[
                {"symbol":"XBTUSDT","openInterest":250000000,"markPrice":95000.5,"timestamp":"2026-11-24T07:59:59.500Z"},
                {"symbol":"ETHUSDT","openInterest":120000000},
                {"symbol":"XBTZ24","openInterest":5000,"timestamp":"2026-11-24T07:59:58.000Z"}]}""", RECEIVED).openInterest();

        assertThat(updates).hasSize(3);
        OpenInterestUpdate btc = updates.get(0);
        assertThat(btc.getBaseAsset()).isEqualTo("BTC");
        assertThat(btc.getOpenInterestBase()).isCloseTo(250.0, within(1e-9));
        assertThat(btc.getOpenInterestUsd()).isCloseTo(250 * 95000.5, within(1e-4));
        assertThat(btc.getEventTime()).isEqualTo(Instant.parse("2026-11-24T07:59:59.500Z"));
        OpenInterestUpdate eth = updates.get(1);
        assertThat(eth.getBaseAsset()).isEqualTo("ETH");
        assertThat(eth.getOpenInterestBase()).isCloseTo(1200.0, within(1e-9));
        assertThat(eth.getOpenInterestUsd()).as("no mark price in the row").isNull();
        assertThat(eth.getEventTime()).as("no timestamp in the row").isEqualTo(RECEIVED);
        OpenInterestUpdate future = updates.get(2);
        assertThat(future.getInstrument()).isEqualTo("XBTZ24");
        assertThat(future.getBaseAsset()).isEqualTo("BTC");
        assertThat(future.getOpenInterestUsd()).isEqualTo(5000.0);
        assertThat(future.getOpenInterestBase()).isNull();
    }

    @Test
    void anUpdateRowWithoutOpenInterestGivesNothing() throws Exception {
        String markOnly = "{\"symbol\":\"XBTUSD\",\"markPrice\":60001.2,\"fairPrice\":60001.2,\"timestamp\":\"2024-08-05T06:12:35.000Z\"}";
        assertThat(decoder.decode("{\"table\":\"instrument\",\"action\":\"update\",\"data\":[" + markOnly + "]}", RECEIVED))
                .isEqualTo(WireRecords.NONE);

        String withOpenInterest = "{\"symbol\":\"XBTUSD\",\"openInterest\":123000000,\"timestamp\":\"2024-08-05T06:12:35.000Z\"}";
        OpenInterestUpdate u = only(decoder.decode("{\"table\":\"instrument\",\"action\":\"update\",\"data\":[" + markOnly + ","
                + withOpenInterest + "]}", RECEIVED));
        assertThat(u.getOpenInterestUsd()).isEqualTo(123000000.0);
        assertThat(u.getOpenInterestBase()).isNull();
    }

    @Test
    void anInstrumentOfUnknownContractSizeIsRefusedByName() {
        String message = """
                {"table":"instrument","action":"update","data":[
                {"symbol":"SOLUSDT","openInterest":1000000,"markPrice":150.0,"timestamp":"2026-11-24T08:00:00.000Z"}]}""";
        assertThatThrownBy(() -> decoder.decode(message, RECEIVED))
                .isInstanceOf(WireMessageException.class).hasMessageContaining("SOLUSDT")
                .satisfies(ex -> assertThat(((WireMessageException) ex).reason()).isEqualTo(RejectReason.UNKNOWN_INSTRUMENT));
    }

    @Test
    void acknowledgementsAreNothingAndOtherMessagesAreRefusedWithTheirReason() throws Exception {
        assertThat(decoder.decode("""
                {"info":"Welcome to the BitMEX Realtime API.","version":"2.0.0","timestamp":"2026-11-24T08:00:00.000Z",
                "docs":"https://www.bitmex.com/app/wsAPI","limit":{"remaining":39}}""", RECEIVED)).isEqualTo(WireRecords.NONE);
        assertThat(decoder.decode("{\"success\":true,\"subscribe\":\"instrument:XBTUSD\",\"request\":{\"op\":\"subscribe\","
                + "\"args\":[\"instrument:XBTUSD\"]}}", RECEIVED)).isEqualTo(WireRecords.NONE);
        assertThat(decoder.decode("pong", RECEIVED)).isEqualTo(WireRecords.NONE);
        assertThat(decoder.decode("{\"table\":\"instrument\",\"action\":\"delete\",\"data\":[{\"symbol\":\"XBTZ24\"}]}", RECEIVED))
                .isEqualTo(WireRecords.NONE);

        assertThat(rejectionOf(decoder, "not json at all")).isEqualTo(RejectReason.MALFORMED_MESSAGE);
        assertThat(rejectionOf(decoder, "{\"table\":\"liquidation\",\"action\":\"insert\",\"data\":[{\"orderID\":\"1\","
                + "\"symbol\":\"XBTUSD\",\"side\":\"Sell\",\"price\":60000,\"leavesQty\":10}]}")).isEqualTo(RejectReason.MALFORMED_MESSAGE);
        assertThat(rejectionOf(decoder, "{\"status\":400,\"error\":\"Unknown table: instruments\",\"meta\":{}}"))
                .isEqualTo(RejectReason.MALFORMED_MESSAGE);
        assertThat(rejectionOf(decoder, "{\"table\":\"instrument\",\"action\":\"update\",\"data\":[{\"openInterest\":10}]}"))
                .isEqualTo(RejectReason.MALFORMED_MESSAGE);
        assertThat(rejectionOf(decoder, "{\"table\":\"instrument\",\"action\":\"update\",\"data\":[{\"symbol\":\"XBTUSD\","
                + "\"openInterest\":\"many\"}]}")).isEqualTo(RejectReason.BAD_NUMBER);
        assertThat(rejectionOf(decoder, "{\"table\":\"instrument\",\"action\":\"update\",\"data\":[{\"symbol\":\"XBTUSD\","
                + "\"openInterest\":10,\"markPrice\":\"n/a\"}]}")).isEqualTo(RejectReason.BAD_NUMBER);
        assertThat(rejectionOf(decoder, "{\"table\":\"instrument\",\"action\":\"update\",\"data\":[{\"symbol\":\"XBTUSD\","
                + "\"openInterest\":10,\"timestamp\":\"yesterday\"}]}")).isEqualTo(RejectReason.BAD_TIMESTAMP);
        assertThat(rejectionOf(decoder, "{\"table\":\"instrument\",\"action\":\"replace\",\"data\":[]}"))
                .isEqualTo(RejectReason.UNKNOWN_VALUE);
    }
}
