package io.cascaderadar.connectors.venue.okx;

import static io.cascaderadar.connectors.testing.WireFixtures.rejectionOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.cascaderadar.avro.OpenInterestUpdate;
import io.cascaderadar.avro.Sidedness;
import io.cascaderadar.connectors.validation.RejectReason;
import io.cascaderadar.connectors.venue.WireRecords;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OkxOpenInterestDecoderTest {
    private static final Instant RECEIVED = Instant.parse("2026-11-24T08:00:00.123Z");

    private static OpenInterestUpdate only(WireRecords records) {
        assertThat(records.liquidations()).isEmpty();
        assertThat(records.openInterest()).hasSize(1);
        return records.openInterest().get(0);
    }

    @Test
    void aLinearSwapIsOneSidedInCoinAndUsdNotContracts() throws Exception {
        // The documented v5 open-interest push.
        String message = """
                {"arg":{"channel":"open-interest","instId":"BTC-USDT-SWAP"},"data":[{"instType":"SWAP",
                "instId":"BTC-USDT-SWAP","oi":"2216113.01000000","oiCcy":"22161.13010000","oiUsd":"1494523028.42",
                "ts":"1789915800000"}]}""";
        OkxOpenInterestDecoder decoder = new OkxOpenInterestDecoder();
        OpenInterestUpdate u = only(decoder.decode(message, RECEIVED));
        assertThat(decoder.venue()).isEqualTo("okx");
        assertThat(u.getVenue()).isEqualTo("okx");
        assertThat(u.getInstrument()).isEqualTo("BTC-USDT-SWAP");
        assertThat(u.getBaseAsset()).isEqualTo("BTC");
        assertThat(u.getOpenInterestBase()).as("oiCcy, not oi").isEqualTo(22161.1301);
        assertThat(u.getOpenInterestUsd()).isEqualTo(1494523028.42);
        assertThat(u.getSidedness()).isEqualTo(Sidedness.ONE_SIDED);
        assertThat(u.getEventTime()).isEqualTo(Instant.ofEpochMilli(1789915800000L));
    }

    @Test
    void anInverseSwapIsInCoinTooAndOlderPushesHaveNoUsdFigure() throws Exception {
        OkxOpenInterestDecoder decoder = new OkxOpenInterestDecoder();
        String withoutUsd = """
                {"arg":{"channel":"open-interest","instId":"BTC-USD-SWAP"},"data":[{"instType":"SWAP",
                "instId":"BTC-USD-SWAP","oi":"5237410","oiCcy":"8726.4519","ts":"1775000000000"}]}""";
        OpenInterestUpdate u = only(decoder.decode(withoutUsd, RECEIVED));
        assertThat(u.getInstrument()).isEqualTo("BTC-USD-SWAP");
        assertThat(u.getBaseAsset()).isEqualTo("BTC");
        assertThat(u.getOpenInterestBase()).isEqualTo(8726.4519);
        assertThat(u.getOpenInterestUsd()).isNull();
        assertThat(u.getSidedness()).isEqualTo(Sidedness.ONE_SIDED);
        assertThat(u.getEventTime()).isEqualTo(Instant.ofEpochMilli(1775000000000L));

        String emptyUsd = """
                {"arg":{"channel":"open-interest","instId":"ETH-USD-SWAP"},"data":[{"instType":"SWAP",
                "instId":"ETH-USD-SWAP","oi":"1200000","oiCcy":"3870.9677","oiUsd":"","ts":"1775000003000"}]}""";
        OpenInterestUpdate e = only(decoder.decode(emptyUsd, RECEIVED));
        assertThat(e.getBaseAsset()).isEqualTo("ETH");
        assertThat(e.getOpenInterestBase()).isEqualTo(3870.9677);
        assertThat(e.getOpenInterestUsd()).isNull();
    }

    @Test
    void answersAreNothingAndOtherMessagesAreRefusedWithTheirReason() throws Exception {
        OkxOpenInterestDecoder decoder = new OkxOpenInterestDecoder();
        assertThat(decoder.decode("""
                {"event":"subscribe","arg":{"channel":"open-interest","instId":"BTC-USDT-SWAP"},"connId":"a4d3ae55"}""",
                RECEIVED)).isEqualTo(WireRecords.NONE);
        assertThat(decoder.decode("{\"event\":\"error\",\"code\":\"60012\",\"msg\":\"Invalid request\",\"connId\":\"a4d3ae55\"}",
                RECEIVED)).isEqualTo(WireRecords.NONE);
        assertThat(rejectionOf(decoder, """
                {"arg":{"channel":"liquidation-orders","instType":"SWAP"},"data":[{"details":[],"instId":"BTC-USDT-SWAP"}]}"""))
                .isEqualTo(RejectReason.MALFORMED_MESSAGE);
        assertThat(rejectionOf(decoder, """
                {"arg":{"channel":"open-interest","instId":"BTC-USDT-SWAP"},"data":[{"instType":"SWAP",
                "instId":"BTC-USDT-SWAP","oi":"2216113.01","oiCcy":"many","ts":"1789915800000"}]}"""))
                .isEqualTo(RejectReason.BAD_NUMBER);
        assertThat(rejectionOf(decoder, """
                {"arg":{"channel":"open-interest","instId":"BTC-USDT-SWAP"},"data":[{"instType":"SWAP",
                "instId":"BTC-USDT-SWAP","oi":"2216113.01","oiCcy":"22161.1301","oiUsd":"1494523028.42"}]}"""))
                .as("no ts").isEqualTo(RejectReason.MALFORMED_MESSAGE);
    }
}
