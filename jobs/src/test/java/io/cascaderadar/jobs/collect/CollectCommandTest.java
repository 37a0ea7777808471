package io.cascaderadar.jobs.collect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascaderadar.connectors.testing.LocalWebSocketServer;
import io.cascaderadar.connectors.testing.WireFixtures;
import io.cascaderadar.connectors.validation.DeadLetter;
import io.cascaderadar.jobs.cli.RadarCli;
import io.cascaderadar.jobs.replay.RawRecordings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code radar collect} against a local server standing in for Bybit's linear stream, fed with recorded
 * messages: liquidations and open interest land as JSON lines with the venue's semantics, a malformed frame
 * becomes a dead letter holding the frame, and the feed goes on; and against one standing in for Hyperliquid, whose
 * liquidations come from the fills of the wallets watched.
 */
class CollectCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void recordedBybitMessagesBecomeRecordsAndAMalformedFrameADeadLetter() throws Exception {
        List<String> liquidations = WireFixtures.messages("bybit").stream().filter(m -> m.contains("allLiquidation.")).toList();
        assertThat(liquidations).isNotEmpty();
        String ticker = """
                {"topic":"tickers.PIPPINUSDT","type":"snapshot","ts":1740480208000,"cs":1,"data":{"symbol":"PIPPINUSDT",
                "openInterest":"1200000","openInterestValue":"29472.0"}}""";
        String malformed = "{\"topic\":\"allLiquidation.PIPPINUSDT\",\"data\":[{\"T\":1740480207110,\"s\":\"PIPPINUSDT\",\"S\":\"Sell\"";
        Path out = dir.resolve("collected.jsonl");
        Path raw = dir.resolve("raw");

        try (LocalWebSocketServer bybit = new LocalWebSocketServer()) {
            bybit.answerPings("{\"op\":\"ping\"}", "{\"success\":true,\"ret_msg\":\"pong\",\"op\":\"ping\"}");
            CompletableFuture<Integer> collect = CompletableFuture.supplyAsync(() -> RadarCli.execute("collect",
                    "--venues", "bybit", "--symbols", "PIPPIN", "--endpoint", "bybit=" + bybit.uri(),
                    "--sink", "jsonl:" + out, "--record", raw.toString(), "--max-events", Integer.toString(liquidations.size() + 1), "--duration", "60s"));
            for (int session = 0; session < 2; session++) {
                LocalWebSocketServer.Session feed = bybit.awaitSession(30);
                String subscription = feed.nextReceived(10);
                if (subscription.contains("allLiquidation.PIPPINUSDT")) {
                    feed.send(malformed);
                    for (String message : liquidations) {
                        feed.send(message);
                    }
                } else {
                    assertThat(subscription).contains("tickers.PIPPINUSDT");
                    feed.send(ticker);
                }
            }
            assertThat(collect.get(60, TimeUnit.SECONDS)).isZero();
        }

        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            records.add(JSON.readTree(line));
        }
        List<JsonNode> events = records.stream().filter(r -> r.has("liquidatedSide")).toList();
        assertThat(events).hasSize(liquidations.size()).allSatisfy(e -> {
            assertThat(e.get("venue").asText()).isEqualTo("bybit");
            assertThat(e.get("baseAsset").asText()).isEqualTo("PIPPIN");
            assertThat(e.get("liquidatedSide").asText()).isEqualTo("SHORT");
            assertThat(e.get("quantityBase").asDouble()).isEqualTo(2846.0);
            assertThat(e.get("eventTime").asLong()).isEqualTo(1740480207110L);
            assertThat(e.get("receiveTime").asLong()).isGreaterThan(1740480207110L);
        });
        assertThat(records.stream().filter(r -> r.has("sidedness")).toList()).singleElement()
                .satisfies(oi -> assertThat(oi.get("openInterestBase").asDouble()).isEqualTo(1_200_000.0));
        assertThat(records.stream().filter(r -> r.has("state")).map(r -> r.get("state").asText()).toList())
                .containsExactly("CONNECTED", "CONNECTED");
        List<String> deadLetters = Files.readAllLines(JsonlCollectorSink.deadLetterFile(out));
        assertThat(deadLetters).singleElement().satisfies(line -> {
            JsonNode letter = JSON.readTree(line);
            assertThat(letter.get("reason").asText()).isEqualTo("MALFORMED_MESSAGE");
            assertThat(letter.get("input").asText()).isEqualTo(malformed);
            assertThat(letter.get("source").asText()).startsWith("bybit liquidations ws://127.0.0.1:");
        });

        // What was recorded raw replays through the same decoders to the same records.
        List<String> recorded = new ArrayList<>();
        for (String line : Files.readAllLines(raw.resolve("bybit.jsonl"))) {
            recorded.add(JSON.readTree(line).get("message").asText());
        }
        assertThat(recorded).contains(malformed, ticker).containsAll(liquidations);
        List<DeadLetter> rejected = new ArrayList<>();
        RawRecordings.Normalized replayed = RawRecordings.decode(List.of("bybit:" + raw.resolve("bybit.jsonl")), dir.resolve("replayed"), rejected::add);
        assertThat(Files.readAllLines(replayed.liquidations())).as("a header and the liquidations").hasSize(events.size() + 1);
        assertThat(rejected).hasSize(1);
        assertThat(JSON.readTree(rejected.get(0).input).get("message").asText()).as("the recorded line").isEqualTo(malformed);
    }

    @Test
    void theFillsOfTheWatchedWalletsGiveHyperliquidsLiquidations() throws Exception {
        String wallet = "0x5b5d51203a0f9079f8aeb098a6523a13f298c060";
        String fill = """
                {"coin":"ETH","px":"2500.0","sz":"2.0","side":"A","time":1728594001000,"startPosition":"4.0","dir":"Close Long",
                "closedPnl":"-310.5","hash":"0x8a3f","oid":90210,"crossed":true,"fee":"1.25","tid":777,"feeToken":"USDC",
                "liquidation":{"liquidatedUser":"%s","markPx":"2501.3","method":"market"}}""".formatted(wallet);
        Path out = dir.resolve("hyperliquid.jsonl");
        try (LocalWebSocketServer hyperliquid = new LocalWebSocketServer()) {
            hyperliquid.answerPings("{\"method\":\"ping\"}", "{\"channel\":\"pong\"}");
            CompletableFuture<Integer> collect = CompletableFuture.supplyAsync(() -> RadarCli.execute("collect",
                    "--venues", "hyperliquid", "--symbols", "ETH", "--hyperliquid-wallets", wallet,
                    "--endpoint", "hyperliquid=" + hyperliquid.uri(), "--sink", "jsonl:" + out, "--max-events", "2", "--duration", "60s"));
            for (int session = 0; session < 2; session++) {
                LocalWebSocketServer.Session feed = hyperliquid.awaitSession(30);
                String subscription = feed.nextReceived(10);
                if (subscription.contains("userFills")) {
                    assertThat(subscription).contains(wallet);
                    // The snapshot of past fills sent on subscribing repeats history: not collected.
                    feed.send("{\"channel\":\"userFills\",\"data\":{\"isSnapshot\":true,\"user\":\"" + wallet + "\",\"fills\":[" + fill + "]}}");
                    feed.send("{\"channel\":\"userFills\",\"data\":{\"user\":\"" + wallet + "\",\"fills\":[" + fill + "]}}");
                } else {
                    assertThat(subscription).contains("activeAssetCtx", "ETH");
                    feed.send("{\"channel\":\"activeAssetCtx\",\"data\":{\"coin\":\"ETH\",\"ctx\":{\"openInterest\":\"1000\",\"markPx\":\"2500\"}}}");
                }
            }
            assertThat(collect.get(60, TimeUnit.SECONDS)).isZero();
        }
        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            records.add(JSON.readTree(line));
        }
        assertThat(records.stream().filter(r -> r.has("liquidatedSide")).toList()).singleElement().satisfies(e -> {
            assertThat(e.get("venue").asText()).isEqualTo("hyperliquid");
            assertThat(e.get("liquidatedSide").asText()).isEqualTo("LONG");
            assertThat(e.get("notionalUsd").asDouble()).isEqualTo(5000.0);
            assertThat(e.get("sampled").asBoolean()).as("per wallet: a lower bound").isTrue();
        });
        assertThat(records.stream().filter(r -> r.has("sidedness")).toList()).singleElement()
                .satisfies(oi -> assertThat(oi.get("openInterestUsd").asDouble()).isEqualTo(2_500_000.0));
    }
}
