package io.cascaderadar.connectors.chain;

import static io.cascaderadar.connectors.testing.LocalChain.addressWord;
import static io.cascaderadar.connectors.testing.LocalChain.word;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.connectors.testing.LocalChain;
import io.cascaderadar.connectors.validation.DeadLetter;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The follower on the stack's Anvil node: a stop and a restart in the middle of a range read every liquidation once;
 * a reorg deeper than the confirmations retracts what the orphaned block gave and reads its replacement.
 */
class ChainFollowerTest {
    private static final ChainSpec ETHEREUM = ChainSpec.defaults().get("ethereum");
    private static final String POOL = "0x87870bca3f3fd6335c3f4ce8392d69350b4fa4e2";
    private static final String WETH = LocalChain.WETH;
    private static final String USDC = LocalChain.USDC;
    private static final LocalChain CHAIN = LocalChain.ofTestStack();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** What the follower handed on. */
    static final class Collected implements ChainFollower.ChainOutput {
        final List<LiquidationEvent> events = new ArrayList<>();
        final List<LiquidationEvent> retracted = new ArrayList<>();
        final List<DeadLetter> deadLetters = new ArrayList<>();
        int flushes;

        @Override
        public void liquidations(List<LiquidationEvent> e) {
            events.addAll(e);
        }

        @Override
        public void retractions(List<LiquidationEvent> e) {
            retracted.addAll(e);
        }

        @Override
        public void deadLetters(List<DeadLetter> letters) {
            deadLetters.addAll(letters);
        }

        @Override
        public void flush() {
            flushes++;
        }
    }

    @BeforeAll
    static void protocolsAndTokens() throws Exception {
        CHAIN.standInForMainnet(ETHEREUM.addresses());
    }

    private static String liquidate(long borrower) throws Exception {
        return CHAIN.emit(POOL, List.of(ChainEvent.LIQUIDATION_CALL.topic0(), "0x" + addressWord(WETH), "0x" + addressWord(USDC),
                        "0x" + word(BigInteger.valueOf(borrower))),
                word(BigInteger.valueOf(3_000_000_000L)) + word(new BigInteger("1000000000000000000")) + word(BigInteger.TEN) + word(BigInteger.ZERO));
    }

    private static ChainRpc rpc() {
        return new ChainRpc(List.of(CHAIN.url()), 200, 2, Duration.ofMillis(50));
    }

    @Test
    void aRestartInTheMiddleResumesAtTheCursorWithoutGapOrDuplicate() throws Exception {
        long start = CHAIN.blockNumber() + 1;
        List<String> txs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            txs.add(liquidate(0xc0 + i));
        }
        long end = CHAIN.blockNumber();
        CHAIN.mine(ETHEREUM.confirmations());
        Path cursor = dir.resolve("ethereum.json");
        Collected out = new Collected();
        try (ChainRpc rpc = rpc()) {
            ChainFollower first = new ChainFollower(ETHEREUM, rpc, cursor, start, end, 2, 64);
            assertThat(first.safeHead()).isEqualTo(end);
            assertThat(first.step(first.safeHead(), out)).isEqualTo(2);
            assertThat(out.events).hasSize(2);
            assertThat(out.flushes).isEqualTo(1);

            // A new process: the cursor file says where the first stopped.
            ChainFollower again = new ChainFollower(ETHEREUM, rpc, cursor, start, end, 2, 64);
            assertThat(again.cursor().block()).isEqualTo(start + 1);
            while (!again.finished()) {
                again.step(again.safeHead(), out);
            }
            assertThat(again.step(again.safeHead(), out)).as("nothing after the end").isZero();
        }
        assertThat(out.events).extracting(LiquidationEvent::getTxHash).containsExactlyElementsOf(txs);
        assertThat(out.events).extracting(LiquidationEvent::getEventId).doesNotHaveDuplicates();
        assertThat(out.retracted).isEmpty();
    }

    @Test
    void aReorgDeeperThanTheConfirmationsRetractsTheOrphanedEventsAndReadsTheirReplacement() throws Exception {
        ChainSpec unconfirmed = new ChainSpec("ethereum", 1, 0, ETHEREUM.markOracle(), ETHEREUM.deployments());
        Path cursor = dir.resolve("reorg.json");
        Collected out = new Collected();
        try (ChainRpc rpc = rpc()) {
            String fork = CHAIN.snapshot();
            long block = CHAIN.blockNumber() + 1;
            String orphanedTx = liquidate(0xd1);
            ChainFollower follower = new ChainFollower(unconfirmed, rpc, cursor, block, null, 100, 64);
            follower.step(follower.safeHead(), out);
            assertThat(out.events).extracting(LiquidationEvent::getTxHash).containsExactly(orphanedTx);

            CHAIN.revert(fork);
            String replacementTx = liquidate(0xd2);
            CHAIN.mine(1);
            assertThat(CHAIN.blockNumber()).isEqualTo(block + 1);
            follower.step(follower.safeHead(), out);
            assertThat(out.retracted).extracting(LiquidationEvent::getTxHash).containsExactly(orphanedTx);
            assertThat(out.events).extracting(LiquidationEvent::getTxHash).containsExactly(orphanedTx, replacementTx);
            assertThat(out.events.get(1).getBlockNumber()).isEqualTo(block);
            assertThat(follower.cursor().block()).isEqualTo(block + 1);
        }
    }

    @Test
    void aRangeTheNodeRefusesIsHalvedUntilItAnswers() throws Exception {
        // A provider's limit in front of the real node: eth_getLogs over more than 2 blocks is refused.
        HttpServer provider = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger refused = new AtomicInteger();
        HttpClient http = HttpClient.newHttpClient();
        provider.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            JsonNode request = JSON.readTree(body);
            String answer;
            if (request.path("method").asText().equals("eth_getLogs")) {
                JsonNode filter = request.path("params").get(0);
                long blocks = Long.decode(filter.get("toBlock").asText()) - Long.decode(filter.get("fromBlock").asText()) + 1;
                if (blocks > 2) {
                    refused.incrementAndGet();
                    answer = "{\"jsonrpc\":\"2.0\",\"id\":" + request.path("id") + ",\"error\":{\"code\":-32005,"
                            + "\"message\":\"block range too large\"}}";
                    respond(exchange, answer);
                    return;
                }
            }
            try {
                answer = http.send(HttpRequest.newBuilder(CHAIN.url()).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answer = "";
            }
            respond(exchange, answer);
        });
        provider.start();
        try {
            long start = CHAIN.blockNumber() + 1;
            List<String> txs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                txs.add(liquidate(0xf0 + i));
            }
            long end = CHAIN.blockNumber();
            Collected out = new Collected();
            try (ChainRpc rpc = new ChainRpc(List.of(URI.create("http://127.0.0.1:" + provider.getAddress().getPort())), 200, 1,
                    Duration.ofMillis(10))) {
                ChainFollower follower = new ChainFollower(ETHEREUM, rpc, dir.resolve("halved.json"), start, end, 100, 64);
                while (!follower.finished()) {
                    follower.step(end, out);
                }
            }
            assertThat(refused.get()).as("the range of 3 blocks refused once, then ranges of 1").isEqualTo(1);
            assertThat(out.events).extracting(LiquidationEvent::getTxHash).containsExactlyElementsOf(txs);
        } finally {
            provider.stop(0);
        }
    }

    private static void respond(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(bytes);
        }
    }

    @Test
    void withoutACursorOrAStartItFollowsFromTheSafeHead() throws Exception {
        CHAIN.mine(ETHEREUM.confirmations() + 1);
        try (ChainRpc rpc = rpc()) {
            ChainFollower follower = new ChainFollower(ETHEREUM, rpc, dir.resolve("new.json"), null, null, 10, 10);
            assertThat(follower.cursor().block()).isEqualTo(CHAIN.blockNumber() - ETHEREUM.confirmations());
            assertThat(follower.step(follower.safeHead(), new Collected())).as("nothing to read until a block is confirmed").isZero();
        }
    }

    @Test
    void aCursorOfAnotherChainIsRefused() throws Exception {
        Path cursor = dir.resolve("other.json");
        ChainCursor.start("arbitrum", 5).save(cursor);
        try (ChainRpc rpc = rpc()) {
            assertThatThrownBy(() -> new ChainFollower(ETHEREUM, rpc, cursor, 0L, null, 10, 10))
                    .hasMessageContaining("the cursor of arbitrum, not ethereum");
        }
    }
}
