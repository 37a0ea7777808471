package io.cascaderadar.jobs.collect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.cascaderadar.connectors.testing.LocalWebSocketServer;
import io.cascaderadar.connectors.testing.WireFixtures;
import io.cascaderadar.connectors.validation.DeadLetter;
import io.cascaderadar.jobs.cli.RadarCli;
import io.cascaderadar.jobs.replay.RawRecordings;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code radar collect} against local servers that speak the venues' protocols and misbehave as venues do: a
 * connection closed for maintenance, a malformed frame, a 429, a feed that stays connected and silent, recent
 * liquidations repeated on subscribing, an instrument listed after the collector started. The collector goes on
 * through all of it, reports every gap, and loses nothing that was sent while it was connected.
 */
class CollectResilienceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final List<HttpServer> servers = new ArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(s -> s.stop(0));
    }

    /** A REST server on loopback answering the n-th request (from 0) with {@code answer.apply(n)}: status, then body. */
    private String restInTurn(IntFunction<String[]> answer) throws IOException {
        AtomicInteger requests = new AtomicInteger();
        return rest(path -> answer.apply(requests.getAndIncrement()));
    }

    /** A REST server on loopback answering a request (path and query) with {@code answer.apply(it)}: status, then body. */
    private String rest(Function<String, String[]> answer) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String[] statusAndBody = answer.apply(exchange.getRequestURI().toString());
            byte[] body = statusAndBody[1].getBytes(StandardCharsets.UTF_8);
            if (statusAndBody[0].equals("429")) {
                exchange.getResponseHeaders().add("Retry-After", "1");
            }
            exchange.sendResponseHeaders(Integer.parseInt(statusAndBody[0]), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        servers.add(server);
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private record Subscribed(LocalWebSocketServer.Session session, String subscription) {}

    @FunctionalInterface
    private interface SessionHandler {
        void handle(LocalWebSocketServer.Session session, String subscription) throws Exception;
    }

    /** A venue's two feeds as they connect: the liquidation feed's session (its subscription names {@code marker}), the other handed to {@code other}. */
    private static Subscribed liquidationsAndOther(LocalWebSocketServer venue, String marker, SessionHandler other) throws Exception {
        Subscribed liquidations = null;
        for (int session = 0; session < 2; session++) {
            LocalWebSocketServer.Session feed = venue.awaitSession(30);
            String subscribed = feed.nextReceived(10);
            if (subscribed.contains(marker)) {
                liquidations = new Subscribed(feed, subscribed);
            } else {
                other.handle(feed, subscribed);
            }
        }
        assertThat(liquidations).as("a session subscribed to " + marker).isNotNull();
        return liquidations;
    }

    private List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            records.add(JSON.readTree(line));
        }
        return records;
    }

    private static List<String> states(List<JsonNode> records, String venue, String channel) {
        return records.stream().filter(r -> r.has("state") && r.get("venue").asText().equals(venue)
                && r.get("channel").asText().equals(channel)).map(r -> r.get("state").asText()).toList();
    }

    private static String okxPush(String instrument, long... times) {
        StringBuilder details = new StringBuilder();
        for (long t : times) {
            details.append(details.isEmpty() ? "" : ",")
                    .append("{\"bkPx\":\"60000\",\"posSide\":\"net\",\"side\":\"sell\",\"sz\":\"3\",\"ts\":\"").append(t).append("\"}");
        }
        return "{\"arg\":{\"channel\":\"liquidation-orders\",\"instType\":\"SWAP\"},\"data\":[{\"details\":[" + details
                + "],\"instId\":\"" + instrument + "\",\"instType\":\"SWAP\"}]}";
    }

    @Test
    void okxRepeatsOnSubscribingAreSkippedANewInstrumentHasTheListingLoadedAgainAndTheRecordingReplays() throws Exception {
        String listing = "{\"code\":\"0\",\"data\":[{\"instId\":\"BTC-USDT-SWAP\",\"ctVal\":\"0.01\",\"ctType\":\"linear\"}";
        AtomicInteger listings = new AtomicInteger();
        String okxRest = restInTurn(n -> {
            listings.incrementAndGet();
            return new String[] {"200", listing + (n == 0 ? "" : ",{\"instId\":\"NEW-USDT-SWAP\",\"ctVal\":\"10\",\"ctType\":\"linear\"}") + "]}"};
        });
        Path out = dir.resolve("okx.jsonl");
        Path raw = dir.resolve("raw");
        String malformed = "{\"arg\":{\"channel\":\"liquidation-orders\",\"instType\":\"SWAP\"},\"data\":[{\"details\":[{\"bkPx\":\"600";
        long now = System.currentTimeMillis();
        long before = now - 60_000;

        try (LocalWebSocketServer okx = new LocalWebSocketServer()) {
            okx.answerPings("ping", "pong");
            CompletableFuture<Integer> collect = CompletableFuture.supplyAsync(() -> RadarCli.execute("collect",
                    "--venues", "okx", "--symbols", "BTC", "--endpoint", "okx=" + okx.uri(), "--endpoint", "okx=" + okxRest,
                    "--reload-listings-after", "0s", "--sink", "jsonl:" + out, "--record", raw.toString(),
                    "--max-events", "4", "--duration", "60s"));
            Subscribed liquidations = liquidationsAndOther(okx, "liquidation-orders", (feed, subscribed) -> {
                assertThat(subscribed).contains("\"open-interest\"", "BTC-USDT-SWAP");
                feed.send("{\"arg\":{\"channel\":\"open-interest\",\"instId\":\"BTC-USDT-SWAP\"},\"data\":[{\"instId\":"
                        + "\"BTC-USDT-SWAP\",\"instType\":\"SWAP\",\"oi\":\"500000\",\"oiCcy\":\"5000\",\"oiUsd\":\"300000000\",\"ts\":\""
                        + now + "\"}]}");
            });
            liquidations.session().send("{\"event\":\"subscribe\",\"arg\":{\"channel\":\"liquidation-orders\",\"instType\":\"SWAP\"},\"connId\":\"a\"}");
            liquidations.session().send(okxPush("BTC-USDT-SWAP", before, now + 1000));
            liquidations.session().send(okxPush("NEW-USDT-SWAP", now + 1500));
            liquidations.session().send(malformed);
            liquidations.session().goAway();
            LocalWebSocketServer.Session again = okx.awaitSession(30);
            assertThat(again.nextReceived(10)).as("subscribed again").isEqualTo(liquidations.subscription());
            again.send(okxPush("BTC-USDT-SWAP", before, now + 2000));
            assertThat(collect.get(60, TimeUnit.SECONDS)).isZero();
        }

        List<JsonNode> records = lines(out);
        List<JsonNode> events = records.stream().filter(r -> r.has("liquidatedSide")).toList();
        assertThat(events.stream().map(e -> e.get("eventTime").asLong()).toList())
                .as("the repeats from before each subscription skipped, the rest kept").containsExactly(now + 1000, now + 1500, now + 2000);
        assertThat(events.get(0).get("quantityBase").asDouble()).isEqualTo(0.03);
        assertThat(events.get(1).get("quantityBase").asDouble()).as("NEW-USDT-SWAP, 3 contracts of 10").isEqualTo(30.0);
        assertThat(listings.get()).as("loaded at start, and again for the new instrument").isEqualTo(2);
        assertThat(states(records, "okx", "liquidations")).containsExactly("CONNECTED", "GAP", "RECOVERED");
        assertThat(records.stream().filter(r -> "GAP".equals(r.path("state").asText())).findFirst().orElseThrow()
                .get("detail").asText()).contains("1001", "maintenance");
        assertThat(Files.readAllLines(JsonlCollectorSink.deadLetterFile(out))).singleElement()
                .satisfies(line -> assertThat(JSON.readTree(line).get("input").asText()).isEqualTo(malformed));

        // The recording holds the listings where the collector learned them: replayed, every push decodes.
        List<DeadLetter> rejected = new ArrayList<>();
        RawRecordings.Normalized replayed = RawRecordings.decode(List.of("okx:" + raw.resolve("okx.jsonl")),
                dir.resolve("replayed"), rejected::add);
        List<String> csv = Files.readAllLines(replayed.liquidations());
        assertThat(csv).as("a header, the repeated liquidation twice (the detector drops the copy) and the three others").hasSize(6);
        assertThat(csv.stream().filter(l -> l.contains("NEW-USDT-SWAP"))).hasSize(1);
        assertThat(rejected).singleElement().satisfies(d -> assertThat(d.input).contains("\\\"bkPx\\\":\\\"600"));
    }

    @Test
    void venuesCountingInContractsDecodeWithTheListingsTheyServe() throws Exception {
        String bitmexRest = rest((String path) -> new String[] {"200", """
                [{"symbol":"XBTUSD","isInverse":true,"isQuanto":false,"multiplier":-100000000,"underlyingToSettleMultiplier":100000000},
                 {"symbol":"XBTUSDT","isInverse":false,"isQuanto":false,"underlyingToPositionMultiplier":1000000}]"""});
        String coinMRest = rest((String path) -> path.startsWith("/dapi/v1/exchangeInfo")
                ? new String[] {"200", "{\"symbols\":[{\"symbol\":\"BTCUSD_200925\",\"contractSize\":100},"
                        + "{\"symbol\":\"BTCUSD_PERP\",\"contractSize\":100}]}"}
                : new String[] {"200", "{\"symbol\":\"BTCUSD_PERP\",\"pair\":\"BTCUSD\",\"openInterest\":\"2500\","
                        + "\"contractType\":\"PERPETUAL\",\"time\":1775000000000}"});
        Path out = dir.resolve("contracts.jsonl");

        try (LocalWebSocketServer bitmex = new LocalWebSocketServer(); LocalWebSocketServer coinM = new LocalWebSocketServer()) {
            bitmex.answerPings("ping", "pong");
            CompletableFuture<Integer> collect = CompletableFuture.supplyAsync(() -> RadarCli.execute("collect",
                    "--venues", "bitmex,binance-coinm", "--symbols", "BTC", "--endpoint", "bitmex=" + bitmex.uri(),
                    "--endpoint", "bitmex=" + bitmexRest, "--endpoint", "binance-coinm=" + coinM.uri(),
                    "--endpoint", "binance-coinm=" + coinMRest, "--sink", "jsonl:" + out, "--max-events", "4", "--duration", "60s"));
            liquidationsAndOther(bitmex, "\"liquidation\"", (feed, subscribed) -> {
                assertThat(subscribed).contains("instrument:XBTUSD", "instrument:XBTUSDT");
                feed.send("{\"table\":\"instrument\",\"action\":\"partial\",\"data\":[{\"symbol\":\"XBTUSD\","
                        + "\"openInterest\":600000000,\"markPrice\":60000,\"timestamp\":\"2026-11-24T08:00:00.000Z\"}]}");
            }).session().send(WireFixtures.messages("bitmex").get(0));
            coinM.awaitSession(30).send(WireFixtures.messages("binance delivery").get(0));
            assertThat(collect.get(60, TimeUnit.SECONDS)).isZero();
        }

        List<JsonNode> records = lines(out);
        assertThat(records.stream().filter(r -> r.has("liquidatedSide")).map(r -> r.get("venue").asText() + " "
                + r.get("notionalUsd").asDouble()).toList()).containsExactlyInAnyOrder("bitmex 9214.0", "binance-coinm 300.0");
        assertThat(records.stream().filter(r -> r.has("sidedness")).map(r -> r.get("venue").asText() + " "
                + r.get("openInterestUsd").asDouble()).toList()).containsExactlyInAnyOrder("bitmex 6.0E8", "binance-coinm 250000.0");
    }

    @Test
    void bybitsInverseStreamIsAConnectionOfItsOwnWithItsOwnCoverage() throws Exception {
        Path out = dir.resolve("bybit.jsonl");
        long t = System.currentTimeMillis();
        try (LocalWebSocketServer linear = new LocalWebSocketServer(); LocalWebSocketServer inverse = new LocalWebSocketServer()) {
            for (LocalWebSocketServer server : List.of(linear, inverse)) {
                server.answerPings("{\"op\":\"ping\"}", "{\"success\":true,\"ret_msg\":\"pong\",\"op\":\"ping\"}");
            }
            CompletableFuture<Integer> collect = CompletableFuture.supplyAsync(() -> RadarCli.execute("collect",
                    "--venues", "bybit,bybit-inverse", "--symbols", "BTC", "--endpoint", "bybit=" + linear.uri(),
                    "--endpoint", "bybit-inverse=" + inverse.uri(), "--sink", "jsonl:" + out, "--max-events", "2", "--duration", "60s"));
            Subscribed linearLiquidations = liquidationsAndOther(linear, "allLiquidation.BTCUSDT", (feed, subscribed) -> { });
            Subscribed inverseLiquidations = liquidationsAndOther(inverse, "allLiquidation.BTCUSD\"", (feed, subscribed) ->
                    assertThat(subscribed).contains("tickers.BTCUSD\""));
            linearLiquidations.session().goAway();
            assertThat(linear.awaitSession(30).nextReceived(10)).isEqualTo(linearLiquidations.subscription());
            Thread.sleep(500); // the collector reports the recovery just after it subscribed again
            inverseLiquidations.session().send("{\"topic\":\"allLiquidation.BTCUSD\",\"type\":\"snapshot\",\"ts\":" + (t + 600)
                    + ",\"data\":[{\"T\":" + t + ",\"s\":\"BTCUSD\",\"S\":\"Buy\",\"v\":\"12000\",\"p\":\"60000\"},"
                    + "{\"T\":" + (t + 250) + ",\"s\":\"BTCUSD\",\"S\":\"Sell\",\"v\":\"3000\",\"p\":\"60000\"}]}");
            assertThat(collect.get(60, TimeUnit.SECONDS)).isZero();
        }
        List<JsonNode> records = lines(out);
        assertThat(records.stream().filter(r -> r.has("liquidatedSide")).map(r -> r.get("venue").asText() + " "
                + r.get("instrument").asText() + " " + r.get("notionalUsd").asDouble()).toList())
                .containsExactly("bybit BTCUSD 12000.0", "bybit BTCUSD 3000.0");
        assertThat(states(records, "bybit", "liquidations")).as("the linear stream's gap, the inverse stream's connection")
                .containsExactlyInAnyOrder("CONNECTED", "CONNECTED", "GAP", "RECOVERED");
    }

    private static String bybitLiquidation(long time) {
        return "{\"topic\":\"allLiquidation.BTCUSDT\",\"type\":\"snapshot\",\"ts\":" + (time + 400) + ",\"data\":[{\"T\":" + time
                + ",\"s\":\"BTCUSDT\",\"S\":\"Buy\",\"v\":\"0.5\",\"p\":\"60000\"}]}";
    }

    @Test
    void aFeedSilentWhileOthersLiquidateIsFlaggedA429IsWaitedOutAndAClosedStreamResubscribes() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        String binanceRest = restInTurn(n -> {
            polls.incrementAndGet();
            return n == 0 ? new String[] {"429", "{\"code\":-1003,\"msg\":\"Too many requests\"}"}
                    : new String[] {"200", "{\"openInterest\":\"10659.509\",\"symbol\":\"BTCUSDT\",\"time\":1775000000000}"};
        });
        Path out = dir.resolve("collected.jsonl");
        long t = System.currentTimeMillis();

        try (LocalWebSocketServer binance = new LocalWebSocketServer(); LocalWebSocketServer bybit = new LocalWebSocketServer()) {
            binance.answerPings("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":1}", "{\"result\":[],\"id\":1}");
            bybit.answerPings("{\"op\":\"ping\"}", "{\"success\":true,\"ret_msg\":\"pong\",\"op\":\"ping\"}");
            CompletableFuture<Integer> collect = CompletableFuture.supplyAsync(() -> RadarCli.execute("collect",
                    "--venues", "binance-usdm,bybit", "--symbols", "BTC", "--endpoint", "binance-usdm=" + binance.uri(),
                    "--endpoint", "binance-usdm=" + binanceRest, "--endpoint", "bybit=" + bybit.uri(),
                    "--silent-window", "3s", "--silent-min-usd", "50000", "--sink", "jsonl:" + out,
                    "--max-events", "7", "--duration", "60s"));
            LocalWebSocketServer.Session binanceLiquidations = binance.awaitSession(30);
            Subscribed bybitLiquidations = liquidationsAndOther(bybit, "allLiquidation.BTCUSDT", (feed, subscribed) -> feed.send(
                    "{\"topic\":\"tickers.BTCUSDT\",\"type\":\"snapshot\",\"ts\":" + t + ",\"cs\":1,\"data\":"
                    + "{\"symbol\":\"BTCUSDT\",\"openInterest\":\"50000\",\"openInterestValue\":\"3000000000\"}}"));
            // Binance connected for a second; $30,000 on Bybit: not yet heavy; 2.5 s later another $30,000, while
            // Binance, connected for the whole 3 s window, gave nothing. Stops after 7 events: these 4 liquidations,
            // the ticker and two polls of Binance's open interest (every 10 s).
            Thread.sleep(1000);
            bybitLiquidations.session().send(bybitLiquidation(t));
            Thread.sleep(2500);
            bybitLiquidations.session().send(bybitLiquidation(t + 2500));
            Thread.sleep(500);
            binanceLiquidations.send("{\"e\":\"forceOrder\",\"E\":" + (t + 3000) + ",\"o\":{\"s\":\"BTCUSDT\",\"S\":\"SELL\","
                    + "\"o\":\"LIMIT\",\"f\":\"IOC\",\"q\":\"0.1\",\"p\":\"59000\",\"ap\":\"59010\",\"X\":\"FILLED\",\"l\":\"0.1\","
                    + "\"z\":\"0.1\",\"T\":" + (t + 3000) + "}}");
            bybitLiquidations.session().goAway();
            LocalWebSocketServer.Session again = bybit.awaitSession(30);
            assertThat(again.nextReceived(10)).as("subscribed again").isEqualTo(bybitLiquidations.subscription());
            again.send(bybitLiquidation(t + 4000));
            assertThat(collect.get(60, TimeUnit.SECONDS)).isZero();
        }

        List<JsonNode> records = lines(out);
        assertThat(records.stream().filter(r -> r.has("liquidatedSide")).map(r -> r.get("eventTime").asLong()).sorted().toList())
                .as("every liquidation sent while connected").containsExactly(t, t + 2500, t + 3000, t + 4000);
        assertThat(states(records, "binance-usdm", "liquidations")).containsExactly("CONNECTED", "SILENT", "RECOVERED");
        JsonNode silent = records.stream().filter(r -> "SILENT".equals(r.path("state").asText())).findFirst().orElseThrow();
        assertThat(silent.get("detail").asText()).contains("bybit liquidated $60,000");
        JsonNode recovered = records.stream().filter(r -> "RECOVERED".equals(r.path("state").asText())
                && r.get("venue").asText().equals("binance-usdm") && r.get("channel").asText().equals("liquidations")).findFirst().orElseThrow();
        assertThat(recovered.get("gapStart").asLong()).isEqualTo(silent.get("gapStart").asLong());
        assertThat(states(records, "binance-usdm", "open-interest")).as("the 429 is a gap").containsExactly("GAP", "RECOVERED");
        assertThat(polls.get()).isGreaterThanOrEqualTo(2);
        assertThat(records.stream().filter(r -> r.has("sidedness") && r.get("venue").asText().equals("binance-usdm")).findFirst()
                .orElseThrow().get("openInterestBase").asDouble()).isEqualTo(10659.509);
        assertThat(states(records, "bybit", "liquidations")).containsExactly("CONNECTED", "GAP", "RECOVERED");
        assertThat(JsonlCollectorSink.deadLetterFile(out)).satisfiesAnyOf(
                f -> assertThat(f).doesNotExist(), f -> assertThat(Files.readAllLines(f)).isEmpty());
    }
}
