package io.cascaderadar.connectors.venue.binance;

import static io.cascaderadar.connectors.testing.WireFixtures.rejectionOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascaderadar.avro.OpenInterestUpdate;
import io.cascaderadar.avro.Sidedness;
import io.cascaderadar.connectors.validation.RejectReason;
import io.cascaderadar.connectors.venue.ContractSizes;
import io.cascaderadar.connectors.venue.WireMessageException;
import io.cascaderadar.connectors.venue.WireRecords;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BinanceOpenInterestDecoderTest {
    private static final Instant RECEIVED = Instant.parse("2026-11-24T08:00:00.123Z");
    /** contractSize as the COIN-M exchangeInfo lists it: USD per contract. */
    private static final ContractSizes FACE_VALUES = ContractSizes.of(Map.of("BTCUSD_PERP", 100.0, "ETHUSD_PERP", 10.0));

    private static OpenInterestUpdate only(WireRecords records) {
        assertThat(records.liquidations()).isEmpty();
        assertThat(records.openInterest()).hasSize(1);
        return records.openInterest().get(0);
    }

    @Test
    void usdMarginedOpenInterestIsOneSidedInBaseUnits() throws Exception {
        // The documented answer of GET /fapi/v1/openInterest?symbol=BTCUSDT.
        String body = """
                {"openInterest":"10659.509","symbol":"BTCUSDT","time":1589437530011}""";
        BinanceOpenInterestDecoder decoder = BinanceOpenInterestDecoder.usdMargined();
        OpenInterestUpdate u = only(decoder.decode(body, RECEIVED));
        assertThat(decoder.venue()).isEqualTo("binance-usdm");
        assertThat(u.getVenue()).isEqualTo("binance-usdm");
        assertThat(u.getInstrument()).isEqualTo("BTCUSDT");
        assertThat(u.getBaseAsset()).isEqualTo("BTC");
        assertThat(u.getOpenInterestBase()).isEqualTo(10659.509);
        assertThat(u.getOpenInterestUsd()).as("the venue gives no USD figure").isNull();
        assertThat(u.getSidedness()).isEqualTo(Sidedness.ONE_SIDED);
        assertThat(u.getEventTime()).isEqualTo(Instant.ofEpochMilli(1589437530011L));
    }

    @Test
    void aUnitPrefixedSymbolCountsUnitsOfTheBareAsset() throws Exception {
        String body = """
                {"openInterest":"1234567","symbol":"1000PEPEUSDT","time":1775000000000}""";
        OpenInterestUpdate u = only(BinanceOpenInterestDecoder.usdMargined().decode(body, RECEIVED));
        assertThat(u.getInstrument()).isEqualTo("1000PEPEUSDT");
        assertThat(u.getBaseAsset()).isEqualTo("PEPE");
        assertThat(u.getOpenInterestBase()).isEqualTo(1_234_567_000.0);
    }

    @Test
    void coinMarginedOpenInterestIsContractsOfUsdFaceValue() throws Exception {
        // The documented answer of GET /dapi/v1/openInterest?symbol=BTCUSD_PERP.
        String btc = """
                {"symbol":"BTCUSD_PERP","pair":"BTCUSD","openInterest":"517655","contractType":"PERPETUAL","time":1589437530011}""";
        BinanceOpenInterestDecoder decoder = BinanceOpenInterestDecoder.coinMargined(FACE_VALUES);
        OpenInterestUpdate u = only(decoder.decode(btc, RECEIVED));
        assertThat(decoder.venue()).isEqualTo("binance-coinm");
        assertThat(u.getVenue()).isEqualTo("binance-coinm");
        assertThat(u.getInstrument()).isEqualTo("BTCUSD_PERP");
        assertThat(u.getBaseAsset()).isEqualTo("BTC");
        assertThat(u.getOpenInterestBase()).isNull();
        assertThat(u.getOpenInterestUsd()).isEqualTo(51_765_500.0);
        assertThat(u.getSidedness()).isEqualTo(Sidedness.ONE_SIDED);
        assertThat(u.getEventTime()).isEqualTo(Instant.ofEpochMilli(1589437530011L));

        String eth = """
                {"symbol":"ETHUSD_PERP","pair":"ETHUSD","openInterest":"3000","contractType":"PERPETUAL","time":1775000000000}""";
        OpenInterestUpdate e = only(decoder.decode(eth, RECEIVED));
        assertThat(e.getBaseAsset()).isEqualTo("ETH");
        assertThat(e.getOpenInterestUsd()).as("10 USD contracts").isEqualTo(30_000.0);
    }

    @Test
    void anUnknownCoinMarginedContractIsRefusedByName() {
        String body = """
                {"symbol":"SOLUSD_PERP","pair":"SOLUSD","openInterest":"800","contractType":"PERPETUAL","time":1775000000000}""";
        assertThatThrownBy(() -> BinanceOpenInterestDecoder.coinMargined(FACE_VALUES).decode(body, RECEIVED))
                .isInstanceOf(WireMessageException.class).hasMessageContaining("SOLUSD_PERP")
                .satisfies(ex -> assertThat(((WireMessageException) ex).reason()).isEqualTo(RejectReason.UNKNOWN_INSTRUMENT));
    }

    @Test
    void anErrorAnswerIsRefusedWithItsCodeAndText() {
        String body = """
                {"code":-1121,"msg":"Invalid symbol."}""";
        assertThatThrownBy(() -> BinanceOpenInterestDecoder.usdMargined().decode(body, RECEIVED))
                .isInstanceOf(WireMessageException.class).hasMessageContaining("-1121").hasMessageContaining("Invalid symbol.")
                .satisfies(ex -> assertThat(((WireMessageException) ex).reason()).isEqualTo(RejectReason.MALFORMED_MESSAGE));
        assertThat(rejectionOf(BinanceOpenInterestDecoder.coinMargined(FACE_VALUES), body)).isEqualTo(RejectReason.MALFORMED_MESSAGE);
    }

    @Test
    void brokenAnswersAreRefusedWithTheirReason() {
        BinanceOpenInterestDecoder decoder = BinanceOpenInterestDecoder.usdMargined();
        assertThat(rejectionOf(decoder, "{\"openInterest\":\"n/a\",\"symbol\":\"BTCUSDT\",\"time\":1589437530011}"))
                .isEqualTo(RejectReason.BAD_NUMBER);
        assertThat(rejectionOf(decoder, "{\"openInterest\":\"10659.509\",\"symbol\":\"BTCUSDT\"}"))
                .isEqualTo(RejectReason.MALFORMED_MESSAGE);
        assertThat(rejectionOf(decoder, "<html>502 Bad Gateway</html>")).isEqualTo(RejectReason.MALFORMED_MESSAGE);
        assertThat(rejectionOf(BinanceOpenInterestDecoder.coinMargined(FACE_VALUES),
                "{\"symbol\":\"BTCUSD_PERP\",\"openInterest\":\"517655\",\"time\":1589437530011}"))
                .as("no pair to name the base asset").isEqualTo(RejectReason.MALFORMED_MESSAGE);
    }
}
