package io.cascaderadar.connectors.venue.binance;

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

class BinanceForceOrderDecoderTest {
    private static final Instant RECEIVED = Instant.parse("2026-11-24T08:00:00.123Z");

    private static LiquidationEvent only(WireRecords records) {
        assertThat(records.openInterest()).isEmpty();
        assertThat(records.liquidations()).hasSize(1);
        return records.liquidations().get(0);
    }

    @Test
    void recordedUsdMarginedForceOrderABuyOrderLiquidatedAShort() throws Exception {
        List<String> recorded = WireFixtures.messages("binance futures");
        assertThat(recorded).hasSize(1);
        LiquidationEvent e = only(BinanceForceOrderDecoder.usdMargined().decode(recorded.get(0), RECEIVED));
        assertThat(e.getVenue()).isEqualTo("binance-usdm");
        assertThat(e.getInstrument()).isEqualTo("BTCUSDT");
        assertThat(e.getBaseAsset()).isEqualTo("BTC");
        assertThat(e.getQuoteAsset()).isEqualTo("USDT");
        assertThat(e.getLiquidatedSide()).isEqualTo(PositionSide.SHORT);
        assertThat(e.getQuantityBase()).isEqualTo(0.014);
        assertThat(e.getPrice()).isEqualTo(4706.04);
        assertThat(e.getPriceKind()).isEqualTo(PriceKind.AVERAGE_FILL);
        assertThat(e.getNotionalUsd()).isCloseTo(0.014 * 4706.04, within(1e-9));
        assertThat(e.getEventTime()).isEqualTo(Instant.ofEpochMilli(1584059031421L));
        assertThat(e.getReceiveTime()).isEqualTo(RECEIVED);
        assertThat(e.getSampled()).isTrue();
    }

    @Test
    void recordedCoinMarginedForceOrderIsInContractsOfUsdFaceValue() throws Exception {
        List<String> recorded = WireFixtures.messages("binance delivery");
        assertThat(recorded).hasSize(1);
        LiquidationEvent e = only(BinanceForceOrderDecoder.coinMargined(ContractSizes.of(Map.of("BTCUSD_200925", 100.0)))
                .decode(recorded.get(0), RECEIVED));
        assertThat(e.getVenue()).isEqualTo("binance-coinm");
        assertThat(e.getBaseAsset()).isEqualTo("BTC");
        assertThat(e.getLiquidatedSide()).isEqualTo(PositionSide.LONG);
        assertThat(e.getNotionalUsd()).isEqualTo(300.0);
        assertThat(e.getQuantityBase()).isCloseTo(300.0 / 9352.7, within(1e-12));
        assertThat(e.getEventTime()).isEqualTo(Instant.ofEpochMilli(1594622954021L));
        assertThat(BinanceForceOrderDecoder.coinMargined(ContractSizes.of(Map.of())).venue()).isEqualTo("binance-coinm");
        assertThatThrownBy(() -> BinanceForceOrderDecoder.coinMargined(ContractSizes.of(Map.of())).decode(recorded.get(0), RECEIVED))
                .isInstanceOf(WireMessageException.class).hasMessageContaining("BTCUSD_200925")
                .satisfies(ex -> assertThat(((WireMessageException) ex).reason()).isEqualTo(RejectReason.UNKNOWN_INSTRUMENT));
    }

    @Test
    void theAllMarketStreamOfTheMarketPathWithAUnitPrefixedSymbol() throws Exception {
        // The documented !forceOrder@arr payload, as the /market path sends it in a combined stream.
        String message = """
                {"stream":"!forceOrder@arr","data":{"e":"forceOrder","E":1775000000500,"o":{"s":"1000PEPEUSDT","S":"SELL",
                "o":"LIMIT","f":"IOC","q":"1500","p":"0.0101","ap":"0.0102","X":"FILLED","l":"1500","z":"1500",
                "T":1775000000480}}}""";
        LiquidationEvent e = only(BinanceForceOrderDecoder.usdMargined().decode(message, RECEIVED));
        assertThat(e.getBaseAsset()).isEqualTo("PEPE");
        assertThat(e.getLiquidatedSide()).isEqualTo(PositionSide.LONG);
        assertThat(e.getQuantityBase()).isEqualTo(1_500_000.0);
        assertThat(e.getPrice()).isCloseTo(0.0000102, within(1e-15));
        assertThat(e.getNotionalUsd()).isCloseTo(15.3, within(1e-9));
        assertThat(e.getEventTime()).isEqualTo(Instant.ofEpochMilli(1775000000480L));
    }

    @Test
    void anOrderNotYetFilledFallsBackToItsQuantityAndPriceAsUnknownKind() throws Exception {
        String message = """
                {"e":"forceOrder","E":1775000000500,"o":{"s":"ETHUSDT","S":"BUY","q":"2.5","p":"3100.5","ap":"0",
                "X":"NEW","l":"0","z":"0","T":1775000000480}}""";
        LiquidationEvent e = only(BinanceForceOrderDecoder.usdMargined().decode(message, RECEIVED));
        assertThat(e.getQuantityBase()).isEqualTo(2.5);
        assertThat(e.getPrice()).isEqualTo(3100.5);
        assertThat(e.getPriceKind()).isEqualTo(PriceKind.UNKNOWN);
        assertThat(e.getLiquidatedSide()).isEqualTo(PositionSide.SHORT);
    }

    @Test
    void answersAreNothingAndOtherMessagesAreRefusedWithTheirReason() throws Exception {
        BinanceForceOrderDecoder decoder = BinanceForceOrderDecoder.usdMargined();
        assertThat(decoder.decode("{\"result\":null,\"id\":1}", RECEIVED)).isEqualTo(WireRecords.NONE);
        assertThat(rejectionOf(decoder, "{\"e\":\"markPriceUpdate\",\"E\":1,\"s\":\"BTCUSDT\"}")).isEqualTo(RejectReason.MALFORMED_MESSAGE);
        assertThat(rejectionOf(decoder, "not json at all")).isEqualTo(RejectReason.MALFORMED_MESSAGE);
        assertThat(rejectionOf(decoder, "{\"e\":\"forceOrder\",\"o\":{\"s\":\"BTCUSDT\",\"S\":\"SELL\",\"q\":\"1\",\"p\":\"1\",\"ap\":\"1\",\"z\":\"1\"}}"))
                .isEqualTo(RejectReason.MALFORMED_MESSAGE);
        assertThat(rejectionOf(decoder, "{\"e\":\"forceOrder\",\"o\":{\"s\":\"BTCUSDT\",\"S\":\"SELL\",\"q\":\"1\",\"p\":\"1\",\"ap\":\"x\",\"z\":\"1\",\"T\":1}}"))
                .isEqualTo(RejectReason.BAD_NUMBER);
        assertThat(rejectionOf(decoder, "{\"e\":\"forceOrder\",\"o\":{\"s\":\"BTCUSDT\",\"S\":\"HOLD\",\"q\":\"1\",\"p\":\"1\",\"ap\":\"1\",\"z\":\"1\",\"T\":1}}"))
                .isEqualTo(RejectReason.UNKNOWN_VALUE);
    }
}
