package io.cascaderadar.jobs.collect;

import io.cascaderadar.connectors.feed.FeedSpec;
import io.cascaderadar.connectors.feed.PollSpec;
import io.cascaderadar.connectors.venue.InstrumentCatalog;
import io.cascaderadar.connectors.venue.WireDecoder;
import io.cascaderadar.connectors.venue.binance.BinanceCoinMInstruments;
import io.cascaderadar.connectors.venue.binance.BinanceForceOrderDecoder;
import io.cascaderadar.connectors.venue.binance.BinanceOpenInterestDecoder;
import io.cascaderadar.connectors.venue.bitmex.BitmexContracts;
import io.cascaderadar.connectors.venue.bitmex.BitmexInstrumentDecoder;
import io.cascaderadar.connectors.venue.bitmex.BitmexInstruments;
import io.cascaderadar.connectors.venue.bitmex.BitmexLiquidationDecoder;
import io.cascaderadar.connectors.venue.bybit.BybitLiquidationDecoder;
import io.cascaderadar.connectors.venue.bybit.BybitTickersDecoder;
import io.cascaderadar.connectors.venue.deribit.DeribitTickerDecoder;
import io.cascaderadar.connectors.venue.deribit.DeribitTradesDecoder;
import io.cascaderadar.connectors.venue.hyperliquid.HyperliquidDecoder;
import io.cascaderadar.connectors.venue.okx.OkxInstruments;
import io.cascaderadar.connectors.venue.okx.OkxLiquidationDecoder;
import io.cascaderadar.connectors.venue.okx.OkxOpenInterestDecoder;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The feeds of each venue the collector knows: the stream endpoint, the subscriptions for the chosen assets, the
 * keep-alive the venue expects, the decoder, and the instrument listing of venues that count in contracts.
 * {@code --endpoint VENUE=URL} replaces a venue's stream endpoint ({@code ws://}, {@code wss://}) or its REST base
 * ({@code http://}, {@code https://}), for mirrors, proxies and the tests' local servers.
 */
public final class VenueFeeds {
    /** The venues {@code collect} runs, as {@code --venues} names them. */
    public static final List<String> VENUES = List.of("binance-usdm", "binance-coinm", "bybit", "bybit-inverse", "okx", "bitmex",
            "deribit", "hyperliquid");

    private static final Pattern WALLET = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Map<String, String> STREAMS = Map.of(
            "binance-usdm", "wss://fstream.binance.com/market/ws/!forceOrder@arr",
            "binance-coinm", "wss://dstream.binance.com/ws/!forceOrder@arr",
            "bybit", "wss://stream.bybit.com/v5/public/linear",
            "bybit-inverse", "wss://stream.bybit.com/v5/public/inverse",
            "okx", "wss://ws.okx.com:8443/ws/v5/public",
            "bitmex", "wss://ws.bitmex.com/realtime",
            "deribit", "wss://www.deribit.com/ws/api/v2",
            "hyperliquid", "wss://api.hyperliquid.xyz/ws");
    private static final Map<String, String> REST = Map.of(
            "binance-usdm", "https://fapi.binance.com",
            "binance-coinm", "https://dapi.binance.com",
            "okx", "https://www.okx.com",
            "bitmex", "https://www.bitmex.com");

    private static final String BINANCE_PING = "{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":1}";
    private static final String BYBIT_PING = "{\"op\":\"ping\"}";
    private static final String HYPERLIQUID_PING = "{\"method\":\"ping\"}";

    private final Map<String, URI> streams = new HashMap<>();
    private final Map<String, URI> rest = new HashMap<>();
    private final List<String> hyperliquidWallets;

    /** {@code VENUE=URL} as {@code --endpoint} gives them: a venue may have a stream and a REST endpoint. */
    public static List<Map.Entry<String, URI>> endpoints(List<String> options) {
        List<Map.Entry<String, URI>> endpoints = new ArrayList<>();
        for (String option : options) {
            int eq = option.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("--endpoint " + option + ": VENUE=URL");
            }
            endpoints.add(Map.entry(option.substring(0, eq), URI.create(option.substring(eq + 1))));
        }
        return endpoints;
    }

    /**
     * @param endpoints {@code VENUE=URL} overrides
     * @param hyperliquidWallets the wallets whose fills give Hyperliquid's liquidations (its public feed has no other)
     */
    public VenueFeeds(List<Map.Entry<String, URI>> endpoints, List<String> hyperliquidWallets) {
        endpoints.forEach(endpoint -> {
            String venue = endpoint.getKey();
            URI url = endpoint.getValue();
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
        for (String wallet : hyperliquidWallets) {
            if (!WALLET.matcher(wallet).matches()) {
                throw new IllegalArgumentException("--hyperliquid-wallets " + wallet + ": an address, 0x and 40 hex digits");
            }
        }
        this.hyperliquidWallets = List.copyOf(hyperliquidWallets);
    }

    /** The feeds of the venues for the assets (BTC, ETH, ...); venues whose feed covers every asset ignore them. */
    public List<VenueFeed> feeds(List<String> venues, List<String> assets) {
        List<VenueFeed> feeds = new ArrayList<>();
        for (String venue : venues) {
            switch (venue) {
                case "binance-usdm" -> {
                    feeds.add(stream(venue, "liquidations", List.of(), BINANCE_PING, 30, BinanceForceOrderDecoder.usdMargined())
                            .watchingForSilence());
                    feeds.add(VenueFeed.polled(binancePoll(venue, assets, a -> "/fapi/v1/openInterest?symbol=" + a + "USDT"),
                            BinanceOpenInterestDecoder.usdMargined()));
                }
                case "binance-coinm" -> {
                    InstrumentCatalog contracts = BinanceCoinMInstruments.catalog(rest(venue));
                    feeds.add(stream(venue, "liquidations", List.of(), BINANCE_PING, 30, BinanceForceOrderDecoder.coinMargined(contracts))
                            .sizedBy(contracts).watchingForSilence());
                    feeds.add(VenueFeed.polled(binancePoll(venue, assets, a -> "/dapi/v1/openInterest?symbol=" + a + "USD_PERP"),
                            BinanceOpenInterestDecoder.coinMargined(contracts)).sizedBy(contracts));
                }
                case "bybit" -> {
                    feeds.add(stream(venue, "liquidations", List.of(bybitSubscribe("allLiquidation.", assets, "USDT")),
                            BYBIT_PING, 20, BybitLiquidationDecoder.linear()).watchingForSilence());
                    feeds.add(stream(venue, "open-interest", List.of(bybitSubscribe("tickers.", assets, "USDT")),
                            BYBIT_PING, 20, BybitTickersDecoder.linear()));
                }
                case "bybit-inverse" -> {
                    feeds.add(stream(venue, "liquidations", List.of(bybitSubscribe("allLiquidation.", assets, "USD")),
                            BYBIT_PING, 20, BybitLiquidationDecoder.inverse()).watchingForSilence());
                    feeds.add(stream(venue, "open-interest", List.of(bybitSubscribe("tickers.", assets, "USD")),
                            BYBIT_PING, 20, BybitTickersDecoder.inverse()));
                }
                case "okx" -> {
                    InstrumentCatalog contracts = OkxInstruments.catalog(rest(venue));
                    feeds.add(stream(venue, "liquidations",
                            List.of("{\"op\":\"subscribe\",\"args\":[{\"channel\":\"liquidation-orders\",\"instType\":\"SWAP\"}]}"),
                            "ping", 25, new OkxLiquidationDecoder(contracts)).sizedBy(contracts).repeatingOnSubscribe().watchingForSilence());
                    feeds.add(stream(venue, "open-interest", List.of("{\"op\":\"subscribe\",\"args\":["
                            + assets.stream().map(a -> "{\"channel\":\"open-interest\",\"instId\":\"" + a + "-USDT-SWAP\"}")
                                    .collect(Collectors.joining(",")) + "]}"), "ping", 25, new OkxOpenInterestDecoder()));
                }
                case "bitmex" -> {
                    InstrumentCatalog instruments = BitmexInstruments.catalog(rest(venue));
                    BitmexContracts contracts = BitmexContracts.of(instruments);
                    feeds.add(stream(venue, "liquidations", List.of("{\"op\":\"subscribe\",\"args\":[\"liquidation\"]}"),
                            "ping", 20, new BitmexLiquidationDecoder(contracts)).sizedBy(instruments).watchingForSilence());
                    feeds.add(stream(venue, "open-interest", List.of("{\"op\":\"subscribe\",\"args\":["
                            + bitmexInstruments(assets).stream().map(i -> "\"instrument:" + i + "\"").collect(Collectors.joining(","))
                            + "]}"), "ping", 20, new BitmexInstrumentDecoder(contracts)).sizedBy(instruments));
                }
                case "deribit" -> {
                    String test = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"public/test\",\"params\":{}}";
                    feeds.add(stream(venue, "liquidations", List.of(deribitSubscribe(assets, "trades.future.%s.100ms")),
                            test, 20, new DeribitTradesDecoder()).watchingForSilence());
                    feeds.add(stream(venue, "open-interest", List.of(deribitSubscribe(assets, "ticker.%s-PERPETUAL.100ms")),
                            test, 20, new DeribitTickerDecoder()));
                }
                case "hyperliquid" -> {
                    // Fills come per wallet: a quiet wallet is no sign of a dead feed, so this one is not watched for silence.
                    if (!hyperliquidWallets.isEmpty()) {
                        feeds.add(stream(venue, "liquidations", hyperliquidWallets.stream().map(w ->
                                "{\"method\":\"subscribe\",\"subscription\":{\"type\":\"userFills\",\"user\":\"" + w + "\"}}")
                                .toList(), HYPERLIQUID_PING, 30, new HyperliquidDecoder()));
                    }
                    feeds.add(stream(venue, "open-interest", assets.stream().map(a ->
                            "{\"method\":\"subscribe\",\"subscription\":{\"type\":\"activeAssetCtx\",\"coin\":\"" + a + "\"}}")
                            .toList(), HYPERLIQUID_PING, 30, new HyperliquidDecoder()));
                }
                default -> throw new IllegalArgumentException("--venues: unknown venue '" + venue + "'; known: " + String.join(", ", VENUES));
            }
        }
        return feeds;
    }

    /**
     * The decoders of every channel of a venue, for recorded wire messages ({@code replay --raw}). Venues that count
     * in contracts learn their contract sizes from the instrument listing the collector recorded before the frames.
     */
    public static List<WireDecoder> decoders(String venue) {
        if (!VENUES.contains(venue)) {
            throw new IllegalArgumentException("unknown venue '" + venue + "'; known: " + String.join(", ", VENUES));
        }
        List<WireDecoder> decoders = new ArrayList<>();
        Set<InstrumentCatalog> catalogs = new LinkedHashSet<>();
        for (VenueFeed feed : new VenueFeeds(List.of(), List.of()).feeds(List.of(venue), List.of("BTC"))) {
            decoders.add(feed.decoder());
            if (feed.catalog() != null) {
                catalogs.add(feed.catalog());
            }
        }
        catalogs.forEach(catalog -> decoders.add(catalog.listingDecoder()));
        return decoders;
    }

    /**
     * A stream of {@code name} ({@code --venues}, {@code --endpoint}): the configured endpoint if any, a keep-alive every
     * {@code pingSeconds}, dead after three missed; its records and coverage carry the decoder's venue ({@code bybit}
     * for both of Bybit's streams).
     */
    private VenueFeed stream(String name, String channel, List<String> subscriptions, String ping, int pingSeconds,
            WireDecoder decoder) {
        return VenueFeed.stream(new FeedSpec(decoder.venue(), channel, streams.getOrDefault(name, URI.create(STREAMS.get(name))),
                subscriptions, ping, Duration.ofSeconds(pingSeconds), Duration.ofSeconds(3L * pingSeconds)), decoder);
    }

    private URI rest(String venue) {
        return rest.getOrDefault(venue, URI.create(REST.get(venue)));
    }

    /** Binance's open interest, one request per asset every 10 s, under 80% of the 2,400 weight a minute. */
    private PollSpec binancePoll(String venue, List<String> assets, Function<String, String> path) {
        URI api = rest(venue);
        return new PollSpec(venue, "open-interest", assets.stream().map(a -> api.resolve(path.apply(a))).toList(),
                Duration.ofSeconds(10), "X-MBX-USED-WEIGHT-1m", 2400);
    }

    /** Bybit's topics of the assets' perpetuals: {@code BTCUSDT} on the linear stream, {@code BTCUSD} on the inverse. */
    private static String bybitSubscribe(String topic, List<String> assets, String quote) {
        return "{\"op\":\"subscribe\",\"args\":[" + assets.stream().map(a -> "\"" + topic + a + quote + "\"")
                .collect(Collectors.joining(",")) + "]}";
    }

    private static String deribitSubscribe(List<String> assets, String channel) {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"public/subscribe\",\"params\":{\"channels\":["
                + assets.stream().map(a -> "\"" + String.format(channel, a) + "\"").collect(Collectors.joining(",")) + "]}}";
    }

    /**
     * BitMEX's instruments of the assets: the USDT-margined linear perpetual of each, and for BTC (XBT on BitMEX)
     * also the inverse XBTUSD; the other USD perpetuals are quanto contracts, in neither unit.
     */
    private static List<String> bitmexInstruments(List<String> assets) {
        List<String> instruments = new ArrayList<>();
        for (String asset : assets) {
            String root = asset.equals("BTC") ? "XBT" : asset;
            if (root.equals("XBT")) {
                instruments.add("XBTUSD");
            }
            instruments.add(root + "USDT");
        }
        return instruments;
    }
}
