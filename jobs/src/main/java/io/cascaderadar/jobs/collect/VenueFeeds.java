package io.cascaderadar.jobs.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascaderadar.connectors.feed.FeedSpec;
import io.cascaderadar.connectors.feed.PollSpec;
import io.cascaderadar.connectors.venue.ContractSizes;
import io.cascaderadar.connectors.venue.WireDecoder;
import io.cascaderadar.connectors.venue.binance.BinanceForceOrderDecoder;
import io.cascaderadar.connectors.venue.binance.BinanceOpenInterestDecoder;
import io.cascaderadar.connectors.venue.bybit.BybitLiquidationDecoder;
import io.cascaderadar.connectors.venue.bybit.BybitTickersDecoder;
import io.cascaderadar.connectors.venue.deribit.DeribitTickerDecoder;
import io.cascaderadar.connectors.venue.deribit.DeribitTradesDecoder;
import io.cascaderadar.connectors.venue.hyperliquid.HyperliquidDecoder;
import io.cascaderadar.connectors.venue.okx.OkxLiquidationDecoder;
import io.cascaderadar.connectors.venue.okx.OkxOpenInterestDecoder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The feeds of each venue the collector knows: the stream endpoint, the subscriptions for the chosen assets, the
 * keep-alive the venue expects, and the decoder. {@code --endpoint VENUE=URL} replaces a venue's stream endpoint
 * ({@code ws://}, {@code wss://}) or its REST base ({@code http://}, {@code https://}), for mirrors, proxies and
 * the tests' local servers.
 */
public final class VenueFeeds {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    /** The venues {@code collect} runs, as {@code --venues} names them. */
    public static final List<String> VENUES = List.of("binance-usdm", "bybit", "okx", "deribit", "hyperliquid");

    private final Map<String, URI> streams = new HashMap<>();
    private final Map<String, URI> rest = new HashMap<>();

    /** @param endpoints {@code VENUE=URL} overrides */
    public VenueFeeds(Map<String, URI> endpoints) {
        endpoints.forEach((venue, url) -> {
            if (!VENUES.contains(venue)) {
                throw new IllegalArgumentException("--endpoint " + venue + ": unknown venue; known: " + String.join(", ", VENUES));
            }
            String scheme = url.getScheme() == null ? "" : url.getScheme();
            switch (scheme) {
                case "ws", "wss" -> streams.put(venue, url);
                case "http", "https" -> rest.put(venue, url);
                default -> throw new IllegalArgumentException("--endpoint " + venue + "=" + url + ": ws, wss, http or https");
            }
        });
    }

    /** The feeds of the venues for the assets (BTC, ETH, ...); venues whose feed covers every asset ignore them. */
    public List<VenueFeed> feeds(List<String> venues, List<String> assets) throws IOException, InterruptedException {
        List<VenueFeed> feeds = new ArrayList<>();
        for (String venue : venues) {
            switch (venue) {
                case "binance-usdm" -> {
                    feeds.add(VenueFeed.stream(spec(venue, "liquidations", "wss://fstream.binance.com/market/ws/!forceOrder@arr",
                            List.of(), "{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":1}", 30), BinanceForceOrderDecoder.usdMargined()));
                    URI api = rest.getOrDefault(venue, URI.create("https://fapi.binance.com"));
                    feeds.add(VenueFeed.polled(new PollSpec(venue, "open-interest", assets.stream()
                            .map(a -> api.resolve("/fapi/v1/openInterest?symbol=" + a + "USDT")).toList(),
                            Duration.ofSeconds(10), "X-MBX-USED-WEIGHT-1m", 2400), BinanceOpenInterestDecoder.usdMargined()));
                }
                case "bybit" -> {
                    String url = "wss://stream.bybit.com/v5/public/linear";
                    feeds.add(VenueFeed.stream(spec(venue, "liquidations", url,
                            List.of(bybitSubscribe("allLiquidation.", assets)), "{\"op\":\"ping\"}", 20), BybitLiquidationDecoder.linear()));
                    feeds.add(VenueFeed.stream(spec(venue, "open-interest", url,
                            List.of(bybitSubscribe("tickers.", assets)), "{\"op\":\"ping\"}", 20), BybitTickersDecoder.linear()));
                }
                case "okx" -> {
                    String url = "wss://ws.okx.com:8443/ws/v5/public";
                    feeds.add(VenueFeed.stream(spec(venue, "liquidations", url,
                            List.of("{\"op\":\"subscribe\",\"args\":[{\"channel\":\"liquidation-orders\",\"instType\":\"SWAP\"}]}"),
                            "ping", 25), new OkxLiquidationDecoder(okxContractValues())));
                    feeds.add(VenueFeed.stream(spec(venue, "open-interest", url, List.of("{\"op\":\"subscribe\",\"args\":["
                            + assets.stream().map(a -> "{\"channel\":\"open-interest\",\"instId\":\"" + a + "-USDT-SWAP\"}")
                                    .collect(Collectors.joining(",")) + "]}"), "ping", 25), new OkxOpenInterestDecoder()));
                }
                case "deribit" -> {
                    String url = "wss://www.deribit.com/ws/api/v2";
                    String test = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"public/test\",\"params\":{}}";
                    feeds.add(VenueFeed.stream(spec(venue, "liquidations", url,
                            List.of(deribitSubscribe(assets, "trades.future.%s.100ms")), test, 20), new DeribitTradesDecoder()));
                    feeds.add(VenueFeed.stream(spec(venue, "open-interest", url,
                            List.of(deribitSubscribe(assets, "ticker.%s-PERPETUAL.100ms")), test, 20), new DeribitTickerDecoder()));
                }
                case "hyperliquid" -> feeds.add(VenueFeed.stream(spec(venue, "open-interest", "wss://api.hyperliquid.xyz/ws",
                        assets.stream().map(a -> "{\"method\":\"subscribe\",\"subscription\":{\"type\":\"activeAssetCtx\",\"coin\":\"" + a + "\"}}")
                                .toList(), "{\"method\":\"ping\"}", 30), new HyperliquidDecoder()));
                default -> throw new IllegalArgumentException("--venues: unknown venue '" + venue + "'; known: " + String.join(", ", VENUES));
            }
        }
        return feeds;
    }

    /**
     * The decoders of every channel of a venue, for recorded wire messages ({@code replay --raw}); venues whose
     * sizes need their instruments' contract sizes (OKX, BitMEX, Binance COIN-M) are not offered yet.
     */
    public static List<WireDecoder> decoders(String venue) {
        return switch (venue) {
            case "binance-usdm" -> List.of(BinanceForceOrderDecoder.usdMargined(), BinanceOpenInterestDecoder.usdMargined());
            case "bybit" -> List.of(BybitLiquidationDecoder.linear(), BybitTickersDecoder.linear());
            case "deribit" -> List.of(new DeribitTradesDecoder(), new DeribitTickerDecoder());
            case "hyperliquid" -> List.of(new HyperliquidDecoder());
            default -> throw new IllegalArgumentException("--raw " + venue + ": recorded messages of binance-usdm, bybit, "
                    + "deribit or hyperliquid (" + venue + " needs its instruments' contract sizes, not supported yet)");
        };
    }

    /** The venue's feed: the configured endpoint if any, a keep-alive every {@code pingSeconds}, dead after three missed. */
    private FeedSpec spec(String venue, String channel, String url, List<String> subscriptions, String ping, int pingSeconds) {
        return new FeedSpec(venue, channel, streams.getOrDefault(venue, URI.create(url)), subscriptions, ping,
                Duration.ofSeconds(pingSeconds), Duration.ofSeconds(3L * pingSeconds));
    }

    private static String bybitSubscribe(String topic, List<String> assets) {
        return "{\"op\":\"subscribe\",\"args\":[" + assets.stream().map(a -> "\"" + topic + a + "USDT\"")
                .collect(Collectors.joining(",")) + "]}";
    }

    private static String deribitSubscribe(List<String> assets, String channel) {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"public/subscribe\",\"params\":{\"channels\":["
                + assets.stream().map(a -> "\"" + String.format(channel, a) + "\"").collect(Collectors.joining(",")) + "]}}";
    }

    /** {@code ctVal} of every OKX swap, from {@code /api/v5/public/instruments}. */
    private ContractSizes okxContractValues() throws IOException, InterruptedException {
        URI url = rest.getOrDefault("okx", URI.create("https://www.okx.com")).resolve("/api/v5/public/instruments?instType=SWAP");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("OKX instruments: " + url + " answered " + response.statusCode());
        }
        Map<String, Double> sizes = new HashMap<>();
        for (JsonNode instrument : JSON.readTree(response.body()).path("data")) {
            sizes.put(instrument.path("instId").asText(), instrument.path("ctVal").asDouble());
        }
        if (sizes.isEmpty()) {
            throw new IOException("OKX instruments: " + url + " listed no instrument");
        }
        return ContractSizes.of(sizes);
    }
}
