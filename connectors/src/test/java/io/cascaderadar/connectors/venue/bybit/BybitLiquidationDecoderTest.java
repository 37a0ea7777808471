package io.cascaderadar.connectors.venue.bybit;

import static io.cascaderadar.connectors.testing.WireFixtures.rejectionOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.PositionSide;
import io.cascaderadar.avro.PriceKind;
import io.cascaderadar.connectors.testing.WireFixtures;
import io.cascaderadar.connectors.validation.RejectReason;
import io.cascaderadar.connectors.venue.WireRecords;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BybitLiquidationDecoderTest {
    private static final Instant RECEIVED = Instant.parse("2026-11-24T08:00:00.123Z");

    @Test
    void recordedAllLiquidationSidesArePositionSides() throws Exception {
        List<String> recorded = WireFixtures.messages("bybit").stream().filter(m -> m.contains("allLiquidation.")).toList();
        assertThat(recorded).isNotEmpty();
        for (String message : recorded) {
            List<LiquidationEvent> events = BybitLiquidationDecoder.linear().decode(message, RECEIVED).liquidations();
            assertThat(events).singleElement().satisfies(e -> {
                assertThat(e.getVenue()).isEqualTo("bybit");
                assertThat(e.getInstrument()).isEqualTo("PIPPINUSDT");
                assertThat(e.getBaseAsset()).isEqualTo("PIPPIN");
                assertThat(e.getLiquidatedSide()).as("S=Sell: a short position was liquidated").isEqualTo(PositionSide.SHORT);
                assertThat(e.getQuantityBase()).isEqualTo(2846.0);
                assertThat(e.getPrice()).isEqualTo(0.02456);
                assertThat(e.getPriceKind()).isEqualTo(PriceKind.BANKRUPTCY);
                assertThat(e.getNotionalUsd()).isCloseTo(2846 * 0.02456, within(1e-9));
                assertThat(e.getEventTime()).isEqualTo(Instant.ofEpochMilli(1740480207110L));
                assertThat(e.getReceiveTime()).isEqualTo(RECEIVED);
                assertThat(e.getSampled()).as("the complete feed").isFalse();
            });
        }
    }

    @Test
    void theDeprecatedLiquidationTopicIsRefusedNotMisread() {
        List<String> deprecated = WireFixtures.messages("bybit").stream().filter(m -> m.contains("\"liquidation.")).toList();
        assertThat(deprecated).hasSizeGreaterThan(3);
        for (String message : deprecated) {
            assertThat(rejectionOf(BybitLiquidationDecoder.linear(), message)).isEqualTo(RejectReason.MALFORMED_MESSAGE);
        }
    }

    @Test
    void inverseContractsAreUsdAndABatchGivesEveryLiquidation() throws Exception {
        // The documented v5 payload on the inverse stream: a 500 ms batch of two.
        String message = """
                {"topic":"allLiquidation.BTCUSD","type":"snapshot","ts":1775000000600,"data":[
                {"T":1775000000100,"s":"BTCUSD","S":"Buy","v":"12000","p":"60000"},
                {"T":1775000000350,"s":"BTCUSD","S":"Buy","v":"3000","p":"59950.5"}]}""";
        List<LiquidationEvent> events = BybitLiquidationDecoder.inverse().decode(message, RECEIVED).liquidations();
        assertThat(events).hasSize(2).allSatisfy(e -> assertThat(e.getLiquidatedSide()).isEqualTo(PositionSide.LONG));
        assertThat(events.get(0).getNotionalUsd()).isEqualTo(12000.0);
        assertThat(events.get(0).getQuantityBase()).isCloseTo(0.2, within(1e-12));
        assertThat(events.get(1).getQuantityBase()).isCloseTo(3000 / 59950.5, within(1e-12));
        assertThat(events.get(0).getEventId()).isNotEqualTo(events.get(1).getEventId());
    }

    @Test
    void answersAreNothingAndBrokenRowsAreRefusedWithTheirReason() throws Exception {
        BybitLiquidationDecoder decoder = BybitLiquidationDecoder.linear();
        assertThat(decoder.decode("{\"success\":true,\"ret_msg\":\"\",\"conn_id\":\"c1\",\"op\":\"subscribe\"}", RECEIVED))
                .isEqualTo(WireRecords.NONE);
        assertThat(decoder.decode("{\"success\":true,\"ret_msg\":\"pong\",\"conn_id\":\"c1\",\"op\":\"ping\"}", RECEIVED))
                .isEqualTo(WireRecords.NONE);
        assertThat(rejectionOf(decoder, "{\"topic\":\"tickers.BTCUSDT\",\"data\":{}}")).isEqualTo(RejectReason.MALFORMED_MESSAGE);
        assertThat(rejectionOf(decoder, "{\"topic\":\"allLiquidation.BTCUSDT\",\"data\":[{\"T\":1,\"s\":\"BTCUSDT\",\"S\":\"Long\",\"v\":\"1\",\"p\":\"1\"}]}"))
                .isEqualTo(RejectReason.UNKNOWN_VALUE);
        assertThat(rejectionOf(decoder, "{\"topic\":\"allLiquidation.BTCUSDT\",\"data\":[{\"T\":1,\"s\":\"BTCUSDT\",\"S\":\"Buy\",\"v\":\"1\"}]}"))
                .isEqualTo(RejectReason.MALFORMED_MESSAGE);
        assertThat(rejectionOf(decoder, "{\"topic\":\"allLiquidation.BTCUSDT\",\"data\":[{\"T\":\"soon\",\"s\":\"BTCUSDT\",\"S\":\"Buy\",\"v\":\"1\",\"p\":\"1\"}]}"))
                .isEqualTo(RejectReason.BAD_TIMESTAMP);
    }
}
