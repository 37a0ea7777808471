package io.cascaderadar.connectors.venue.bybit;

import static io.cascaderadar.connectors.testing.WireFixtures.rejectionOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cascaderadar.avro.OpenInterestUpdate;
import io.cascaderadar.avro.Sidedness;
import io.cascaderadar.connectors.validation.RejectReason;
import io.cascaderadar.connectors.venue.WireRecords;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BybitTickersDecoderTest {
    private static final Instant RECEIVED = Instant.parse("2026-11-24T08:00:00.123Z");

    private static OpenInterestUpdate only(WireRecords records) {
        assertThat(records.liquidations()).isEmpty();
        assertThat(records.openInterest()).hasSize(1);
        return records.openInterest().get(0);
    }

    @Test
    void aLinearSnapshotCountsBothSidesInBaseUnitsWithTheirUsdValue() throws Exception {
        // The documented v5 tickers snapshot on the linear stream.
        String message = """
                {"topic":"tickers.BTCUSDT","type":"snapshot","data":{"symbol":"BTCUSDT","tickDirection":"PlusTick",
                "price24hPcnt":"0.017103","lastPrice":"17216.00","prevPrice24h":"16926.50","highPrice24h":"17281.50",
                "lowPrice24h":"16915.00","prevPrice1h":"17238.00","markPrice":"17217.33","indexPrice":"17227.36",
                "openInterest":"68744.761","openInterestValue":"1183601235.91","turnover24h":"1570383121.943499",
                "volume24h":"91705.276","nextFundingTime":"1673280000000","fundingRate":"-0.000212",
                "bid1Price":"17215.50","bid1Size":"84.489","ask1Price":"17216.00","ask1Size":"83.020"},
                "cs":24987956059,"ts":1673272861686}""";
        BybitTickersDecoder decoder = BybitTickersDecoder.linear();
        OpenInterestUpdate u = only(decoder.decode(message, RECEIVED));
        assertThat(decoder.venue()).isEqualTo("bybit");
        assertThat(u.getVenue()).isEqualTo("bybit");
        assertThat(u.getInstrument()).isEqualTo("BTCUSDT");
        assertThat(u.getBaseAsset()).isEqualTo("BTC");
        assertThat(u.getOpenInterestBase()).isEqualTo(68744.761);
        assertThat(u.getOpenInterestUsd()).isEqualTo(1183601235.91);
        assertThat(u.getSidedness()).as("openInterest counts both sides").isEqualTo(Sidedness.TWO_SIDED);
        assertThat(u.getEventTime()).isEqualTo(Instant.ofEpochMilli(1673272861686L));
    }

    @Test
    void anInverseSnapshotIsUsdContractsWithTheirValueInCoin() throws Exception {
        String message = """
                {"topic":"tickers.BTCUSD","type":"snapshot","data":{"symbol":"BTCUSD","lastPrice":"60030.50",
                "markPrice":"60031.20","indexPrice":"60040.10","openInterest":"492346782","openInterestValue":"8201.94",
                "fundingRate":"0.0001","nextFundingTime":"1775001600000"},"cs":11815672883,"ts":1775000000250}""";
        BybitTickersDecoder decoder = BybitTickersDecoder.inverse();
        OpenInterestUpdate u = only(decoder.decode(message, RECEIVED));
        assertThat(decoder.venue()).isEqualTo("bybit");
        assertThat(u.getInstrument()).isEqualTo("BTCUSD");
        assertThat(u.getBaseAsset()).isEqualTo("BTC");
        assertThat(u.getOpenInterestUsd()).isEqualTo(492_346_782.0);
        assertThat(u.getOpenInterestBase()).isEqualTo(8201.94);
        assertThat(u.getSidedness()).isEqualTo(Sidedness.TWO_SIDED);
        assertThat(u.getEventTime()).isEqualTo(Instant.ofEpochMilli(1775000000250L));
    }

    @Test
    void deltasGiveOpenInterestOnlyWhenItChanged() throws Exception {
        BybitTickersDecoder decoder = BybitTickersDecoder.linear();
        String quotesOnly = """
                {"topic":"tickers.BTCUSDT","type":"delta","data":{"symbol":"BTCUSDT","bid1Price":"17215.50",
                "bid1Size":"84.489","ask1Price":"17216.00","ask1Size":"83.020"},"cs":24987956060,"ts":1673272861790}""";
        assertThat(decoder.decode(quotesOnly, RECEIVED)).isEqualTo(WireRecords.NONE);

        String prefixed = """
                {"topic":"tickers.1000PEPEUSDT","type":"delta","data":{"symbol":"1000PEPEUSDT","openInterest":"2500000.5"},
                "cs":31415926535,"ts":1775000000500}""";
        OpenInterestUpdate u = only(decoder.decode(prefixed, RECEIVED));
        assertThat(u.getBaseAsset()).isEqualTo("PEPE");
        assertThat(u.getOpenInterestBase()).isEqualTo(2_500_000_500.0);
        assertThat(u.getOpenInterestUsd()).as("not in this delta").isNull();
        assertThat(u.getSidedness()).isEqualTo(Sidedness.TWO_SIDED);
        assertThat(u.getEventTime()).isEqualTo(Instant.ofEpochMilli(1775000000500L));
    }

    @Test
    void singleOpenInterestIsOneSidedWithTheValueScaledToOneSide() throws Exception {
        String linear = """
                {"topic":"tickers.ETHUSDT","type":"snapshot","data":{"symbol":"ETHUSDT","markPrice":"3100.00",
                "openInterest":"200000.5","singleOpenInterest":"100000.25","openInterestValue":"620001550.00"},
                "cs":27182818284,"ts":1782000000000}""";
        OpenInterestUpdate u = only(BybitTickersDecoder.linear().decode(linear, RECEIVED));
        assertThat(u.getBaseAsset()).isEqualTo("ETH");
        assertThat(u.getOpenInterestBase()).isEqualTo(100000.25);
        assertThat(u.getOpenInterestUsd()).as("openInterestValue x single / both").isCloseTo(310_000_775.0, within(1e-3));
        assertThat(u.getSidedness()).isEqualTo(Sidedness.ONE_SIDED);
        assertThat(u.getEventTime()).isEqualTo(Instant.ofEpochMilli(1782000000000L));

        String inverseDelta = """
                {"topic":"tickers.ETHUSD","type":"delta","data":{"symbol":"ETHUSD","singleOpenInterest":"41000000",
                "openInterestValue":"26451.61"},"cs":27182818285,"ts":1782000000100}""";
        OpenInterestUpdate i = only(BybitTickersDecoder.inverse().decode(inverseDelta, RECEIVED));
        assertThat(i.getOpenInterestUsd()).isEqualTo(41_000_000.0);
        assertThat(i.getOpenInterestBase()).as("no openInterest to scale openInterestValue by").isNull();
        assertThat(i.getSidedness()).isEqualTo(Sidedness.ONE_SIDED);
    }

    @Test
    void answersAreNothingAndOtherMessagesAreRefusedWithTheirReason() throws Exception {
        BybitTickersDecoder decoder = BybitTickersDecoder.linear();
        assertThat(decoder.decode("{\"success\":true,\"ret_msg\":\"\",\"conn_id\":\"c1\",\"op\":\"subscribe\"}", RECEIVED))
                .isEqualTo(WireRecords.NONE);
        assertThat(decoder.decode("{\"success\":true,\"ret_msg\":\"pong\",\"conn_id\":\"c1\",\"op\":\"ping\"}", RECEIVED))
                .isEqualTo(WireRecords.NONE);
        assertThat(rejectionOf(decoder, """
                {"topic":"allLiquidation.BTCUSDT","type":"snapshot","ts":1775000000600,
                "data":[{"T":1775000000100,"s":"BTCUSDT","S":"Buy","v":"0.5","p":"60000"}]}"""))
                .isEqualTo(RejectReason.MALFORMED_MESSAGE);
        assertThat(rejectionOf(decoder, """
                {"topic":"tickers.BTCUSDT","type":"snapshot","data":{"symbol":"BTCUSDT","openInterest":"lots",
                "openInterestValue":"1183601235.91"},"ts":1673272861686}"""))
                .isEqualTo(RejectReason.BAD_NUMBER);
        assertThat(rejectionOf(decoder, """
                {"topic":"tickers.BTCUSDT","type":"snapshot","data":{"symbol":"BTCUSDT","openInterest":"68744.761",
                "openInterestValue":"1183601235.91"}}"""))
                .as("no ts").isEqualTo(RejectReason.MALFORMED_MESSAGE);
    }
}
