package io.cascaderadar.jobs.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code collect} subscribes to for each venue, and the options it refuses. */
class VenueFeedsTest {

    @Test
    void everyVenueHasALiquidationAndAnOpenInterestFeedWithItsEndpointsReplaceable() {
        VenueFeeds venues = new VenueFeeds(VenueFeeds.endpoints(List.of("okx=ws://127.0.0.1:1/ws", "okx=http://127.0.0.1:2")),
                List.of("0x00000000000000000000000000000000000000aa"));
        List<VenueFeed> feeds = venues.feeds(VenueFeeds.VENUES, List.of("BTC", "ETH"));
        assertThat(feeds.stream().map(f -> f.venue() + " " + f.channel())).containsExactlyInAnyOrder(
                "binance-usdm liquidations", "binance-usdm open-interest", "binance-coinm liquidations", "binance-coinm open-interest",
                "bybit liquidations", "bybit open-interest", "bybit liquidations", "bybit open-interest", "okx liquidations", "okx open-interest", "bitmex liquidations",
                "bitmex open-interest", "deribit liquidations", "deribit open-interest", "hyperliquid liquidations",
                "hyperliquid open-interest");
        VenueFeed okx = feeds.stream().filter(f -> f.venue().equals("okx") && f.channel().equals("liquidations")).findFirst().orElseThrow();
        assertThat(okx.endpoint()).isEqualTo(URI.create("ws://127.0.0.1:1/ws"));
        assertThat(okx.catalog().url()).isEqualTo(URI.create("http://127.0.0.1:2/api/v5/public/instruments?instType=SWAP"));
        assertThat(okx.repeatsOnSubscribe()).isTrue();
        assertThat(feeds.stream().filter(VenueFeed::watchedForSilence).map(VenueFeed::venue)).as("market-wide liquidation feeds")
                .containsExactlyInAnyOrder("binance-usdm", "binance-coinm", "bybit", "bybit", "okx", "bitmex", "deribit");
        assertThat(feeds.stream().filter(f -> f.catalog() != null).map(VenueFeed::venue).distinct())
                .containsExactlyInAnyOrder("binance-coinm", "okx", "bitmex");
        assertThat(feeds.stream().filter(f -> f.venue().equals("binance-usdm")).map(VenueFeed::endpoint).map(URI::toString))
                .contains("wss://fstream.binance.com/market/ws/!forceOrder@arr", "https://fapi.binance.com/fapi/v1/openInterest?symbol=BTCUSDT");
        assertThat(feeds.stream().filter(f -> f.venue().equals("bybit")).map(VenueFeed::endpoint).map(URI::toString).distinct())
                .as("Bybit's two streams, one venue").containsExactlyInAnyOrder("wss://stream.bybit.com/v5/public/linear",
                        "wss://stream.bybit.com/v5/public/inverse");
    }

    @Test
    void withoutWalletsHyperliquidGivesOpenInterestOnly() {
        assertThat(new VenueFeeds(List.of(), List.of()).feeds(List.of("hyperliquid"), List.of("BTC")))
                .singleElement().satisfies(f -> assertThat(f.channel()).isEqualTo("open-interest"));
    }

    @Test
    void refusesWhatItCannotUse() {
        assertThatThrownBy(() -> new VenueFeeds(List.of(), List.of("0x12"))).hasMessageContaining("0x and 40 hex digits");
        assertThatThrownBy(() -> new VenueFeeds(VenueFeeds.endpoints(List.of("kraken=ws://x")), List.of()))
                .hasMessageContaining("unknown venue");
        assertThatThrownBy(() -> new VenueFeeds(VenueFeeds.endpoints(List.of("okx=ftp://x")), List.of()))
                .hasMessageContaining("ws, wss, http or https");
        assertThatThrownBy(() -> VenueFeeds.endpoints(List.of("ws://x"))).hasMessageContaining("VENUE=URL");
        assertThatThrownBy(() -> new VenueFeeds(List.of(), List.of()).feeds(List.of("ftx"), List.of("BTC")))
                .hasMessageContaining("unknown venue 'ftx'");
        assertThatThrownBy(() -> VenueFeeds.decoders("ftx")).hasMessageContaining("unknown venue 'ftx'");
    }
}
