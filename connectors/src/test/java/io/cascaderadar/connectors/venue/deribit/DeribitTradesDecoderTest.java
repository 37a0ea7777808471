package io.cascaderadar.connectors.venue.deribit;

import static io.cascaderadar.connectors.testing.WireFixtures.rejectionOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.PositionSide;
import io.cascaderadar.avro.PriceKind;
import io.cascaderadar.connectors.testing.WireFixtures;
import io.cascaderadar.connectors.validation.RejectReason;
import io.cascaderadar.connectors.venue.WireMessageException;
import io.cascaderadar.connectors.venue.WireRecords;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeribitTradesDecoderTest {
    private static final Instant RECEIVED = Instant.parse("2026-11-24T08:00:00.123Z");

    private final DeribitTradesDecoder decoder = new DeribitTradesDecoder();

    private static LiquidationEvent only(WireRecords records) {
        assertThat(records.openInterest()).isEmpty();
        assertThat(records.liquidations()).hasSize(1);
        return records.liquidations().get(0);
    }

    /** One trades notification in the documented shape, around the given trades. */
    private static String notification(String instrument, String... trades) {
        return "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":\"trades." + instrument
                + ".raw\",\"data\":[" + String.join(",", trades) + "]}}";
    }

    @Test
    void recordedLiquidatedTakerWhoSoldAndLiquidatedMakerWhoSoldAreBothLongs() throws Exception {
        List<String> recorded = WireFixtures.messages("deribit");
        assertThat(recorded).hasSize(2);

        // The taker was liquidated and sold 1,120 USD of BTC-PERPETUAL at 4,469.5: a long.
        LiquidationEvent taker = only(decoder.decode(recorded.get(0), RECEIVED));
        assertThat(taker.getEventId()).isEqualTo("deribit:66460463");
        assertThat(taker.getVenue()).isEqualTo("deribit");
        assertThat(taker.getInstrument()).isEqualTo("BTC-PERPETUAL");
        assertThat(taker.getBaseAsset()).isEqualTo("BTC");
        assertThat(taker.getQuoteAsset()).isEqualTo("USD");
        assertThat(taker.getLiquidatedSide()).isEqualTo(PositionSide.LONG);
        assertThat(taker.getPrice()).isEqualTo(4469.5);
        assertThat(taker.getPriceKind()).isEqualTo(PriceKind.AVERAGE_FILL);
        assertThat(taker.getNotionalUsd()).isEqualTo(1120.0);
        assertThat(taker.getQuantityBase()).isCloseTo(1120 / 4469.5, within(1e-12));
        assertThat(taker.getEventTime()).isEqualTo(Instant.ofEpochMilli(1584058044032L));
        assertThat(taker.getReceiveTime()).isEqualTo(RECEIVED);
        assertThat(taker.getSampled()).isFalse();

        // The taker bought 2,500 USD at 4,458.5 from a liquidated maker, who therefore sold: a long too.
        LiquidationEvent maker = only(decoder.decode(recorded.get(1), RECEIVED));
        assertThat(maker.getEventId()).isEqualTo("deribit:66460626");
        assertThat(maker.getLiquidatedSide()).isEqualTo(PositionSide.LONG);
        assertThat(maker.getPrice()).isEqualTo(4458.5);
        assertThat(maker.getPriceKind()).isEqualTo(PriceKind.AVERAGE_FILL);
        assertThat(maker.getNotionalUsd()).isEqualTo(2500.0);
        assertThat(maker.getQuantityBase()).isCloseTo(2500 / 4458.5, within(1e-12));
        assertThat(maker.getEventTime()).isEqualTo(Instant.ofEpochMilli(1584058067675L));
        assertThat(maker.getReceiveTime()).isEqualTo(RECEIVED);
        assertThat(maker.getSampled()).isFalse();
    }

    @Test
    void bothSidesLiquidatedGiveALongAndAShortWithDistinctIds() throws Exception {
        String message = notification("ETH-27DEC24", """
                {"trade_seq":118,"trade_id":"ETH-2696097","timestamp":1775000000123,"tick_direction":0,"price":3000.0,
                "mark_price":3001.2,"instrument_name":"ETH-27DEC24","index_price":3000.5,"direction":"buy","amount":6000,
                "liquidation":"MT"}""");
        List<LiquidationEvent> events = decoder.decode(message, RECEIVED).liquidations();

        assertThat(events).hasSize(2);
        // The taker bought back a short; the maker sold out of a long.
        assertThat(events).extracting(LiquidationEvent::getEventId, LiquidationEvent::getLiquidatedSide).containsExactlyInAnyOrder(
                tuple("deribit:ETH-2696097:M", PositionSide.LONG),
                tuple("deribit:ETH-2696097:T", PositionSide.SHORT));
        assertThat(events).allSatisfy(e -> {
            assertThat(e.getBaseAsset()).isEqualTo("ETH");
            assertThat(e.getNotionalUsd()).isEqualTo(6000.0);
            assertThat(e.getQuantityBase()).isCloseTo(2.0, within(1e-12));
            assertThat(e.getEventTime()).isEqualTo(Instant.ofEpochMilli(1775000000123L));
        });
        assertThat(decoder.decode(message, RECEIVED).liquidations()).as("ids are stable").isEqualTo(events);
    }

    @Test
    void aLinearUsdcInstrumentCountsItsAmountInBaseUnits() throws Exception {
        String message = notification("SOL_USDC-PERPETUAL", """
                {"trade_seq":5,"trade_id":"SOL_USDC-771","timestamp":1775000001000,"tick_direction":2,"price":150.2,
                "instrument_name":"SOL_USDC-PERPETUAL","index_price":150.3,"direction":"sell","amount":12.5,"liquidation":"T"}""");
        LiquidationEvent e = only(decoder.decode(message, RECEIVED));

        assertThat(e.getBaseAsset()).isEqualTo("SOL");
        assertThat(e.getQuoteAsset()).isEqualTo("USDC");
        assertThat(e.getLiquidatedSide()).isEqualTo(PositionSide.LONG);
        assertThat(e.getQuantityBase()).isEqualTo(12.5);
        assertThat(e.getNotionalUsd()).isCloseTo(12.5 * 150.2, within(1e-9));
    }

    @Test
    void tradesWithoutLiquidationAreSkipped() throws Exception {
        String plain = """
                {"trade_seq":7,"trade_id":"66460700","timestamp":1775000002000,"tick_direction":1,"price":95000.5,
                "instrument_name":"BTC-PERPETUAL","index_price":95001.0,"direction":"sell","amount":10}""";
        String liquidation = """
                {"trade_seq":8,"trade_id":"66460701","timestamp":1775000002000,"tick_direction":1,"price":95000.0,
                "instrument_name":"BTC-PERPETUAL","index_price":95001.0,"direction":"buy","amount":500,"liquidation":"T"}""";

        assertThat(decoder.decode(notification("BTC-PERPETUAL", plain), RECEIVED)).isEqualTo(WireRecords.NONE);
        LiquidationEvent e = only(decoder.decode(notification("BTC-PERPETUAL", plain, liquidation), RECEIVED));
        assertThat(e.getEventId()).isEqualTo("deribit:66460701");
        assertThat(e.getLiquidatedSide()).isEqualTo(PositionSide.SHORT);
    }

    @Test
    void answersAndHeartbeatsAreNothingAndOtherMessagesAreRefusedWithTheirReason() throws Exception {
        assertThat(decoder.decode("{\"jsonrpc\":\"2.0\",\"id\":42,\"result\":[\"trades.BTC-PERPETUAL.raw\"]}", RECEIVED))
                .isEqualTo(WireRecords.NONE);
        assertThat(decoder.decode("{\"jsonrpc\":\"2.0\",\"method\":\"heartbeat\",\"params\":{\"type\":\"heartbeat\"}}", RECEIVED))
                .isEqualTo(WireRecords.NONE);
        assertThat(decoder.decode("{\"jsonrpc\":\"2.0\",\"method\":\"heartbeat\",\"params\":{\"type\":\"test_request\"}}", RECEIVED))
                .isEqualTo(WireRecords.NONE);

        assertThat(rejectionOf(decoder, "not json at all")).isEqualTo(RejectReason.MALFORMED_MESSAGE);
        assertThat(rejectionOf(decoder, "{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":11050,\"message\":\"bad_request\"}}"))
                .isEqualTo(RejectReason.MALFORMED_MESSAGE);
        assertThat(rejectionOf(decoder, "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":"
                + "\"ticker.BTC-PERPETUAL.100ms\",\"data\":{\"open_interest\":1.0E9}}}")).isEqualTo(RejectReason.MALFORMED_MESSAGE);
        assertThat(rejectionOf(decoder, notification("BTC-PERPETUAL", """
                {"trade_id":"1","timestamp":1775000000000,"instrument_name":"BTC-PERPETUAL","direction":"sell","amount":10,
                "liquidation":"X"}"""))).isEqualTo(RejectReason.UNKNOWN_VALUE);
        assertThat(rejectionOf(decoder, notification("BTC-27DEC24-100000-C", """
                {"trade_id":"2","timestamp":1775000000000,"price":0.05,"instrument_name":"BTC-27DEC24-100000-C",
                "direction":"sell","amount":10,"liquidation":"T"}"""))).isEqualTo(RejectReason.UNKNOWN_INSTRUMENT);
    }

    @Test
    void aLiquidationWithoutPriceIsMalformed() {
        String message = notification("BTC-PERPETUAL", """
                {"trade_id":"3","timestamp":1775000000000,"instrument_name":"BTC-PERPETUAL","direction":"sell","amount":10,
                "liquidation":"T"}""");
        assertThatThrownBy(() -> decoder.decode(message, RECEIVED))
                .isInstanceOf(WireMessageException.class).hasMessageContaining("'price'")
                .satisfies(ex -> assertThat(((WireMessageException) ex).reason()).isEqualTo(RejectReason.MALFORMED_MESSAGE));
    }
}
