package io.cascaderadar.connectors.venue.hyperliquid;

import static io.cascaderadar.connectors.testing.WireFixtures.rejectionOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.OpenInterestUpdate;
import io.cascaderadar.avro.PositionSide;
import io.cascaderadar.avro.PriceKind;
import io.cascaderadar.avro.Sidedness;
import io.cascaderadar.avro.VenueType;
import io.cascaderadar.connectors.validation.RejectReason;
import io.cascaderadar.connectors.venue.WireMessageException;
import io.cascaderadar.connectors.venue.WireRecords;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HyperliquidDecoderTest {
    private static final Instant RECEIVED = Instant.parse("2026-11-24T08:00:00.123Z");
    private static final String LIQUIDATED = "0x5b5d51203a0f9079f8aeb098a6523a13f298c060";
    private static final String COUNTERPARTY = "0x31ca8395cf837de08b24da3f660e77761dfb974b";

    private final HyperliquidDecoder decoder = new HyperliquidDecoder();

    private static LiquidationEvent only(WireRecords records) {
        assertThat(records.openInterest()).isEmpty();
        assertThat(records.liquidations()).hasSize(1);
        return records.liquidations().get(0);
    }

    /** A userFills message of the subscribed wallet, in the documented shape, around the given fills. */
    private static String userFills(String user, String... fills) {
        return "{\"channel\":\"userFills\",\"data\":{\"user\":\"" + user + "\",\"fills\":[" + String.join(",", fills) + "]}}";
    }

    /** A fill of the liquidated wallet's liquidation, with the given side, direction and trade id. */
    private static String liquidationFill(String side, String dir, long tid) {
        return """
                {"coin":"ETH","px":"2500.0","sz":"2.0","side":"%s","time":1728594001000,"startPosition":"4.0","dir":"%s",
                "closedPnl":"-310.5","hash":"0x8a3f","oid":90210,"crossed":true,"fee":"1.25","tid":%d,"feeToken":"USDC",
                "liquidation":{"liquidatedUser":"%s","markPx":"2501.3","method":"market"}}"""
                .formatted(side, dir, tid, LIQUIDATED);
    }

    @Test
    void onlyTheFillCarryingALiquidationIsOneAndItsDirectionNamesTheClosedLong() throws Exception {
        String plain = """
                {"coin":"BTC","px":"60010.0","sz":"0.1","side":"B","time":1728594000001,"startPosition":"0.0",
                "dir":"Open Long","closedPnl":"0.0","hash":"0x1c2d","oid":11111,"crossed":false,"fee":"0.6","tid":123455,
                "feeToken":"USDC"}""";
        String liquidation = """
                {"coin":"BTC","px":"60000.5","sz":"0.5","side":"A","time":1728594000123,"startPosition":"0.5",
                "dir":"Close Long","closedPnl":"-2500.0","hash":"0x4e5f","oid":22222,"crossed":true,"fee":"13.5",
                "tid":123456,"feeToken":"USDC","liquidation":{"liquidatedUser":"%s","markPx":"60010",
                "method":"market"}}""".formatted(LIQUIDATED);

        assertThat(decoder.decode(userFills(LIQUIDATED, plain), RECEIVED)).isEqualTo(WireRecords.NONE);
        LiquidationEvent e = only(decoder.decode(userFills(LIQUIDATED, plain, liquidation), RECEIVED));
        assertThat(e.getEventId()).isEqualTo("hyperliquid:123456");
        assertThat(e.getVenue()).isEqualTo("hyperliquid");
        assertThat(e.getVenueType()).isEqualTo(VenueType.CEX);
        assertThat(e.getInstrument()).isEqualTo("BTC");
        assertThat(e.getBaseAsset()).isEqualTo("BTC");
        assertThat(e.getQuoteAsset()).isEqualTo("USDC");
        assertThat(e.getLiquidatedSide()).isEqualTo(PositionSide.LONG);
        assertThat(e.getPrice()).isEqualTo(60000.5);
        assertThat(e.getPriceKind()).isEqualTo(PriceKind.AVERAGE_FILL);
        assertThat(e.getQuantityBase()).isEqualTo(0.5);
        assertThat(e.getNotionalUsd()).isCloseTo(30000.25, within(1e-9));
        assertThat(e.getEventTime()).isEqualTo(Instant.ofEpochMilli(1728594000123L));
        assertThat(e.getReceiveTime()).isEqualTo(RECEIVED);
        assertThat(e.getSampled()).as("per-wallet fills: a lower bound").isTrue();
    }

    @Test
    void theDirectionOrElseTheSideOfTheLiquidatedWalletsFillGivesTheClosedPosition() throws Exception {
        List<LiquidationEvent> events = decoder.decode(userFills(LIQUIDATED,
                liquidationFill("B", "Close Short", 1),
                liquidationFill("A", "Long > Short", 2),
                liquidationFill("B", "Short > Long", 3),
                liquidationFill("A", "Liquidated Isolated Long", 4),
                liquidationFill("A", "", 5),
                liquidationFill("B", "", 6)), RECEIVED).liquidations();

        assertThat(events).extracting(LiquidationEvent::getEventId, LiquidationEvent::getLiquidatedSide).containsExactly(
                tuple("hyperliquid:1", PositionSide.SHORT),
                tuple("hyperliquid:2", PositionSide.LONG),
                tuple("hyperliquid:3", PositionSide.SHORT),
                tuple("hyperliquid:4", PositionSide.LONG),
                tuple("hyperliquid:5", PositionSide.LONG),
                tuple("hyperliquid:6", PositionSide.SHORT));
        assertThat(events).allSatisfy(e -> {
            assertThat(e.getBaseAsset()).isEqualTo("ETH");
            assertThat(e.getQuantityBase()).isEqualTo(2.0);
            assertThat(e.getNotionalUsd()).isEqualTo(5000.0);
        });
    }

    @Test
    void theCounterpartysFillOfALiquidationIsTheSameLiquidationOfTheOtherSide() throws Exception {
        // The counterparty bought from the liquidated wallet, opening a long of its own: a LONG was liquidated.
        String counterparty = """
                {"coin":"ETH","px":"2500.0","sz":"2.0","side":"B","time":1728594001000,"startPosition":"0.0",
                "dir":"Open Long","closedPnl":"0.0","hash":"0x8a3f","oid":90305,"crossed":false,"fee":"-0.05","tid":777,
                "feeToken":"USDC","liquidation":{"liquidatedUser":"%s","markPx":"2501.3","method":"market"}}"""
                .formatted(LIQUIDATED);
        LiquidationEvent seenByCounterparty = only(decoder.decode(userFills(COUNTERPARTY, counterparty), RECEIVED));
        LiquidationEvent seenByLiquidated = only(decoder.decode(userFills(LIQUIDATED, liquidationFill("A", "Close Long", 777)),
                RECEIVED));

        assertThat(seenByCounterparty.getLiquidatedSide()).isEqualTo(PositionSide.LONG);
        assertThat(seenByCounterparty).as("one trade, one event id: the deduplicator keeps one").isEqualTo(seenByLiquidated);
    }

    @Test
    void aThousandsCoinIsCountedInUnitsOfItsAsset() throws Exception {
        LiquidationEvent e = only(decoder.decode(userFills(LIQUIDATED, """
                {"coin":"kPEPE","px":"0.0105","sz":"200000","side":"A","time":1728594002000,"dir":"Close Long",
                "hash":"0x9b1c","oid":5,"crossed":true,"fee":"0.9","tid":888,"feeToken":"USDC",
                "liquidation":{"liquidatedUser":"%s","markPx":"0.0106","method":"market"}}""".formatted(LIQUIDATED)), RECEIVED));

        assertThat(e.getInstrument()).isEqualTo("kPEPE");
        assertThat(e.getBaseAsset()).isEqualTo("PEPE");
        assertThat(e.getQuantityBase()).isEqualTo(2.0e8);
        assertThat(e.getPrice()).isCloseTo(0.0000105, within(1e-15));
        assertThat(e.getNotionalUsd()).isCloseTo(2100.0, within(1e-9));
    }

    @Test
    void theSnapshotOnSubscriptionIsSkipped() throws Exception {
        String snapshot = "{\"channel\":\"userFills\",\"data\":{\"isSnapshot\":true,\"user\":\"" + LIQUIDATED + "\",\"fills\":["
                + liquidationFill("A", "Close Long", 99) + "]}}";
        assertThat(decoder.decode(snapshot, RECEIVED)).isEqualTo(WireRecords.NONE);
    }

    @Test
    void activeAssetContextGivesOneSidedOpenInterestInBaseUnitsAtTheReceiveTime() throws Exception {
        WireRecords records = decoder.decode("""
                {"channel":"activeAssetCtx","data":{"coin":"BTC","ctx":{"dayNtlVlm":"1892312311.45","prevDayPx":"59800.0",
                "markPx":"60000.5","midPx":"60000.0","funding":"0.0000125","openInterest":"12345.6","oraclePx":"60001.0",
                "premium":"-0.00001","dayBaseVlm":"31538.2","impactPxs":["59999.0","60001.0"]}}}""", RECEIVED);

        assertThat(records.liquidations()).isEmpty();
        assertThat(records.openInterest()).hasSize(1);
        OpenInterestUpdate u = records.openInterest().get(0);
        assertThat(u.getVenue()).isEqualTo("hyperliquid");
        assertThat(u.getInstrument()).isEqualTo("BTC");
        assertThat(u.getBaseAsset()).isEqualTo("BTC");
        assertThat(u.getOpenInterestBase()).isEqualTo(12345.6);
        assertThat(u.getOpenInterestUsd()).isCloseTo(12345.6 * 60000.5, within(1e-6));
        assertThat(u.getSidedness()).isEqualTo(Sidedness.ONE_SIDED);
        assertThat(u.getEventTime()).as("the message has no time").isEqualTo(RECEIVED);
    }

    @Test
    void answersAreNothingAndOtherMessagesAreRefusedWithTheirReason() throws Exception {
        assertThat(decoder.decode("{\"channel\":\"subscriptionResponse\",\"data\":{\"method\":\"subscribe\",\"subscription\":"
                + "{\"type\":\"userFills\",\"user\":\"" + LIQUIDATED + "\"}}}", RECEIVED)).isEqualTo(WireRecords.NONE);
        assertThat(decoder.decode("{\"channel\":\"pong\"}", RECEIVED)).isEqualTo(WireRecords.NONE);

        assertThat(rejectionOf(decoder, "not json at all")).isEqualTo(RejectReason.MALFORMED_MESSAGE);
        assertThat(rejectionOf(decoder, "{\"channel\":\"trades\",\"data\":[{\"coin\":\"BTC\",\"side\":\"A\",\"px\":\"60000.5\","
                + "\"sz\":\"0.5\",\"time\":1728594000123,\"hash\":\"0x4e5f\",\"tid\":123456}]}")).isEqualTo(RejectReason.MALFORMED_MESSAGE);
        assertThat(rejectionOf(decoder, "{\"channel\":\"error\",\"data\":\"Invalid subscription\"}"))
                .isEqualTo(RejectReason.MALFORMED_MESSAGE);
        assertThat(rejectionOf(decoder, userFills(LIQUIDATED, liquidationFill("X", "Close Long", 1))))
                .isEqualTo(RejectReason.UNKNOWN_VALUE);
        assertThat(rejectionOf(decoder, userFills(LIQUIDATED, liquidationFill("A", "Close Long", 1).replace("\"2.0\"", "\"two\""))))
                .isEqualTo(RejectReason.BAD_NUMBER);
        assertThat(rejectionOf(decoder, "{\"channel\":\"activeAssetCtx\",\"data\":{\"coin\":\"BTC\",\"ctx\":{\"openInterest\":"
                + "\"lots\",\"markPx\":\"60000.5\"}}}")).isEqualTo(RejectReason.BAD_NUMBER);
        assertThat(rejectionOf(decoder, "{\"channel\":\"activeAssetCtx\",\"data\":{\"coin\":\"BTC\",\"ctx\":{\"openInterest\":"
                + "\"12345.6\"}}}")).isEqualTo(RejectReason.MALFORMED_MESSAGE);
    }

    @Test
    void aLiquidationFillWithoutTradeIdIsMalformed() {
        String message = userFills(LIQUIDATED, liquidationFill("A", "Close Long", 1).replace("\"tid\":1,", ""));
        assertThatThrownBy(() -> decoder.decode(message, RECEIVED))
                .isInstanceOf(WireMessageException.class).hasMessageContaining("'tid'")
                .satisfies(ex -> assertThat(((WireMessageException) ex).reason()).isEqualTo(RejectReason.MALFORMED_MESSAGE));
    }
}
