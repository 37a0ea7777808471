package io.cascaderadar.connectors.venue.okx;

import static io.cascaderadar.connectors.testing.WireFixtures.rejectionOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.PositionSide;
import io.cascaderadar.avro.PriceKind;
import io.cascaderadar.connectors.testing.WireFixtures;
import io.cascaderadar.connectors.validation.RejectReason;
import io.cascaderadar.connectors.venue.ContractSizes;
import io.cascaderadar.connectors.venue.WireRecords;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OkxLiquidationDecoderTest {
    private static final Instant RECEIVED = Instant.parse("2026-11-24T08:00:00.123Z");
    /** ctVal as /api/v5/public/instruments lists it: USD for inverse instruments, base units for linear ones. */
    private static final ContractSizes CT_VAL = ContractSizes.of(Map.of("XRP-USD-230929", 10.0, "BTC-USDT-SWAP", 0.01));

    @Test
    void recordedInverseFutureIsContractsOfUsdAtTheBankruptcyPrice() throws Exception {
        List<String> recorded = WireFixtures.messages("okex-futures").stream().filter(m -> m.contains("liquidation-orders")).toList();
        assertThat(recorded).isNotEmpty();
        for (String message : recorded) {
            assertThat(new OkxLiquidationDecoder(CT_VAL).decode(message, RECEIVED).liquidations()).singleElement().satisfies(e -> {
                assertThat(e.getVenue()).isEqualTo("okx");
                assertThat(e.getInstrument()).isEqualTo("XRP-USD-230929");
                assertThat(e.getBaseAsset()).isEqualTo("XRP");
                assertThat(e.getQuoteAsset()).isEqualTo("USD");
                assertThat(e.getLiquidatedSide()).isEqualTo(PositionSide.SHORT);
                assertThat(e.getNotionalUsd()).isEqualTo(390.0);
                assertThat(e.getQuantityBase()).isCloseTo(390 / 0.55205, within(1e-9));
                assertThat(e.getPrice()).isEqualTo(0.55205);
                assertThat(e.getPriceKind()).isEqualTo(PriceKind.BANKRUPTCY);
                assertThat(e.getEventTime()).isEqualTo(Instant.ofEpochMilli(1680173247614L));
                assertThat(e.getReceiveTime()).isEqualTo(RECEIVED);
                assertThat(e.getSampled()).isTrue();
            });
        }
    }

    @Test
    void recordedMessagesOfRetiredApisAreRefusedNotMisread() {
        List<String> retired = WireFixtures.messages("okex").stream().filter(m -> !m.contains("liquidation-orders")).toList();
        assertThat(retired).hasSizeGreaterThan(3);
        for (String message : retired) {
            assertThat(rejectionOf(new OkxLiquidationDecoder(CT_VAL), message)).isEqualTo(RejectReason.MALFORMED_MESSAGE);
        }
    }

    @Test
    void aLinearSwapInNetModeTakesTheSideFromTheOrderAndSizesFromCtVal() throws Exception {
        // The documented v5 push for instType SWAP, in net position mode.
        String message = """
                {"arg":{"channel":"liquidation-orders","instType":"SWAP"},"data":[{"details":[
                {"bkLoss":"0","bkPx":"60000.5","ccy":"","posSide":"net","side":"sell","sz":"250","ts":"1775000000123"},
                {"bkLoss":"0","bkPx":"61000","ccy":"","posSide":"net","side":"buy","sz":"10","ts":"1775000000456"}],
                "instFamily":"BTC-USDT","instId":"BTC-USDT-SWAP","instType":"SWAP","uly":"BTC-USDT"}]}""";
        List<LiquidationEvent> events = new OkxLiquidationDecoder(CT_VAL).decode(message, RECEIVED).liquidations();
        assertThat(events).extracting(LiquidationEvent::getLiquidatedSide).containsExactly(PositionSide.LONG, PositionSide.SHORT);
        assertThat(events.get(0).getQuantityBase()).isCloseTo(2.5, within(1e-12));
        assertThat(events.get(0).getNotionalUsd()).isCloseTo(2.5 * 60000.5, within(1e-6));
        assertThat(events.get(1).getQuantityBase()).isCloseTo(0.1, within(1e-12));
        assertThat(events.get(0).getBaseAsset()).isEqualTo("BTC");
        assertThat(events.get(0).getQuoteAsset()).isEqualTo("USDT");
    }

    @Test
    void answersAreNothingAndUnknownInstrumentsAreRefused() throws Exception {
        OkxLiquidationDecoder decoder = new OkxLiquidationDecoder(CT_VAL);
        assertThat(decoder.decode("{\"event\":\"subscribe\",\"arg\":{\"channel\":\"liquidation-orders\",\"instType\":\"SWAP\"},\"connId\":\"a\"}", RECEIVED))
                .isEqualTo(WireRecords.NONE);
        assertThat(rejectionOf(decoder, """
                {"arg":{"channel":"liquidation-orders","instType":"SWAP"},"data":[{"details":[
                {"bkPx":"1.5","posSide":"long","side":"sell","sz":"3","ts":"1775000000123"}],"instId":"NEW-USDT-SWAP"}]}"""))
                .isEqualTo(RejectReason.UNKNOWN_INSTRUMENT);
        assertThat(rejectionOf(decoder, "{\"arg\":{\"channel\":\"open-interest\"},\"data\":[]}")).isEqualTo(RejectReason.MALFORMED_MESSAGE);
    }
}
