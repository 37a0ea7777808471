package io.cascaderadar.connectors.venue.deribit;

import static io.cascaderadar.connectors.testing.WireFixtures.rejectionOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cascaderadar.avro.OpenInterestUpdate;
import io.cascaderadar.avro.Sidedness;
import io.cascaderadar.connectors.validation.RejectReason;
import io.cascaderadar.connectors.venue.WireMessageException;
import io.cascaderadar.connectors.venue.WireRecords;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeribitTickerDecoderTest {
    private static final Instant RECEIVED = Instant.parse("2026-11-24T08:00:00.123Z");

    private final DeribitTickerDecoder decoder = new DeribitTickerDecoder();

    private static OpenInterestUpdate only(WireRecords records) {
        assertThat(records.liquidations()).isEmpty();
        assertThat(records.openInterest()).hasSize(1);
        return records.openInterest().get(0);
    }

    /** One ticker notification in the documented shape, around the given ticker. */
    private static String notification(String instrument, String ticker) {
        return "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":\"ticker." + instrument
                + ".100ms\",\"data\":" + ticker + "}}";
    }

    @Test
    void aPerpetualCountsItsOpenInterestInUsdWorthItsAmountAtTheMarkPrice() throws Exception {
        String message = notification("BTC-PERPETUAL", """
                {"timestamp":1623060194301,"stats":{"volume_usd":1.2E9,"volume":33421.7,"price_change":-1.25,"low":35500.0,
                "high":37010.5},"state":"open","settlement_price":36201.3,"open_interest":502097590,"min_price":35700.0,
                "max_price":36800.0,"mark_price":36250.5,"last_price":36251.0,"instrument_name":"BTC-PERPETUAL",
                "index_price":36240.2,"funding_8h":0.0001,"current_funding":0.00002,"best_bid_price":36250.5,
                "best_bid_amount":5000,"best_ask_price":36251.0,"best_ask_amount":12000}""");
        OpenInterestUpdate u = only(decoder.decode(message, RECEIVED));

        assertThat(u.getVenue()).isEqualTo("deribit");
        assertThat(u.getInstrument()).isEqualTo("BTC-PERPETUAL");
        assertThat(u.getBaseAsset()).isEqualTo("BTC");
        assertThat(u.getOpenInterestUsd()).isEqualTo(502097590.0);
        assertThat(u.getOpenInterestBase()).isCloseTo(502097590 / 36250.5, within(1e-6));
        assertThat(u.getSidedness()).isEqualTo(Sidedness.ONE_SIDED);
        assertThat(u.getEventTime()).isEqualTo(Instant.ofEpochMilli(1623060194301L));
    }

    @Test
    void anInverseFutureIsUsdAndALinearInstrumentIsBaseUnits() throws Exception {
        OpenInterestUpdate inverse = only(decoder.decode(notification("ETH-27DEC24", """
                {"timestamp":1775000000123,"state":"open","open_interest":6000000,"mark_price":3000.0,
                "instrument_name":"ETH-27DEC24","index_price":2998.5}"""), RECEIVED));
        assertThat(inverse.getBaseAsset()).isEqualTo("ETH");
        assertThat(inverse.getOpenInterestUsd()).isEqualTo(6000000.0);
        assertThat(inverse.getOpenInterestBase()).isCloseTo(2000.0, within(1e-9));

        OpenInterestUpdate linear = only(decoder.decode(notification("SOL_USDC-PERPETUAL", """
                {"timestamp":1775000001000,"state":"open","open_interest":125000.5,"mark_price":150.2,
                "instrument_name":"SOL_USDC-PERPETUAL","index_price":150.3}"""), RECEIVED));
        assertThat(linear.getInstrument()).isEqualTo("SOL_USDC-PERPETUAL");
        assertThat(linear.getBaseAsset()).isEqualTo("SOL");
        assertThat(linear.getOpenInterestBase()).isEqualTo(125000.5);
        assertThat(linear.getOpenInterestUsd()).isCloseTo(125000.5 * 150.2, within(1e-6));
        assertThat(linear.getEventTime()).isEqualTo(Instant.ofEpochMilli(1775000001000L));
    }

    @Test
    void answersAndHeartbeatsAreNothingAndOtherMessagesAreRefusedWithTheirReason() throws Exception {
        assertThat(decoder.decode("{\"jsonrpc\":\"2.0\",\"id\":42,\"result\":[\"ticker.BTC-PERPETUAL.100ms\"]}", RECEIVED))
                .isEqualTo(WireRecords.NONE);
        assertThat(decoder.decode("{\"jsonrpc\":\"2.0\",\"method\":\"heartbeat\",\"params\":{\"type\":\"heartbeat\"}}", RECEIVED))
                .isEqualTo(WireRecords.NONE);
        assertThat(decoder.decode("{\"jsonrpc\":\"2.0\",\"method\":\"heartbeat\",\"params\":{\"type\":\"test_request\"}}", RECEIVED))
                .isEqualTo(WireRecords.NONE);

        assertThat(rejectionOf(decoder, "not json at all")).isEqualTo(RejectReason.MALFORMED_MESSAGE);
        assertThat(rejectionOf(decoder, "{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":11050,\"message\":\"bad_request\"}}"))
                .isEqualTo(RejectReason.MALFORMED_MESSAGE);
        assertThat(rejectionOf(decoder, "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":"
                + "\"trades.BTC-PERPETUAL.raw\",\"data\":[]}}")).isEqualTo(RejectReason.MALFORMED_MESSAGE);
        assertThat(rejectionOf(decoder, notification("BTC-PERPETUAL", """
                {"timestamp":1775000000000,"open_interest":"lots","mark_price":95000.5,"instrument_name":"BTC-PERPETUAL"}""")))
                .isEqualTo(RejectReason.BAD_NUMBER);
        assertThat(rejectionOf(decoder, notification("BTC-27DEC24-100000-C", """
                {"timestamp":1775000000000,"open_interest":125.3,"mark_price":0.05,"instrument_name":"BTC-27DEC24-100000-C"}""")))
                .isEqualTo(RejectReason.UNKNOWN_INSTRUMENT);
    }

    @Test
    void aTickerWithoutMarkPriceIsMalformed() {
        String message = notification("BTC-PERPETUAL", """
                {"timestamp":1775000000000,"open_interest":502097590,"instrument_name":"BTC-PERPETUAL"}""");
        assertThatThrownBy(() -> decoder.decode(message, RECEIVED))
                .isInstanceOf(WireMessageException.class).hasMessageContaining("'mark_price'")
                .satisfies(ex -> assertThat(((WireMessageException) ex).reason()).isEqualTo(RejectReason.MALFORMED_MESSAGE));
    }
}
