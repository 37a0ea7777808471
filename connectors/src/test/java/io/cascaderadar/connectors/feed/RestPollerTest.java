package io.cascaderadar.connectors.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.cascaderadar.avro.FeedHealth;
import io.cascaderadar.avro.FeedState;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The poller against a local server that answers as Binance's REST API does, 429 included. */
class RestPollerTest {
    private static final String OPEN_INTEREST = "{\"openInterest\":\"10659.509\",\"symbol\":\"BTCUSDT\",\"time\":1589437530011}";
    private static final String UNKNOWN = "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}";

    @Test
    void aTooManyRequestsAnswerIsWaitedOutAsAskedAndItsGapReported() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<Instant> asked = new CopyOnWriteArrayList<>();
        HttpServer binance = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        binance.createContext("/fapi/v1/openInterest", exchange -> {
            asked.add(Instant.now());
            String query = exchange.getRequestURI().getQuery();
            int status;
            String body;
            if (calls.getAndIncrement() == 0) {
                exchange.getResponseHeaders().add("Retry-After", "1");
                status = 429;
                body = "{\"code\":-1003,\"msg\":\"Too many requests.\"}";
            } else if (query.contains("NOPEUSDT")) {
                status = 400;
                body = UNKNOWN;
            } else {
                exchange.getResponseHeaders().add("X-MBX-USED-WEIGHT-1m", "3");
                status = 200;
                body = OPEN_INTEREST;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        binance.start();
        BlockingQueue<String> answers = new LinkedBlockingQueue<>();
        BlockingQueue<FeedHealth> health = new LinkedBlockingQueue<>();
        FeedListener listener = new FeedListener() {
            @Override
            public void onMessage(String message, Instant receiveTime) {
                answers.add(message);
            }

            @Override
            public void onHealth(FeedHealth h) {
                health.add(h);
            }
        };
        String base = "http://127.0.0.1:" + binance.getAddress().getPort() + "/fapi/v1/openInterest?symbol=";
        PollSpec spec = new PollSpec("binance-usdm", "open-interest", List.of(URI.create(base + "BTCUSDT"),
                URI.create(base + "NOPEUSDT")), Duration.ofMillis(300), "X-MBX-USED-WEIGHT-1m", 2400);
        try (RestPoller poller = RestPoller.start(spec, listener, new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)))) {
            FeedHealth gap = health.poll(10, TimeUnit.SECONDS);
            assertThat(gap).isNotNull();
            assertThat(gap.getState()).isEqualTo(FeedState.GAP);
            assertThat(gap.getDetail()).contains("429");
            assertThat(answers.poll(10, TimeUnit.SECONDS)).isEqualTo(OPEN_INTEREST);
            assertThat(Duration.between(asked.get(0), asked.get(1))).as("Retry-After: 1 respected")
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
            FeedHealth recovered = health.poll(10, TimeUnit.SECONDS);
            assertThat(recovered.getState()).isEqualTo(FeedState.RECOVERED);
            assertThat(recovered.getGapStart()).isEqualTo(gap.getGapStart());
            assertThat(answers.poll(10, TimeUnit.SECONDS)).as("a refused symbol's answer, for the dead letters").isEqualTo(UNKNOWN);
            assertThat(answers.poll(10, TimeUnit.SECONDS)).as("the next round").isEqualTo(OPEN_INTEREST);
            assertThat(health).as("no gap for a request that is itself wrong").isEmpty();
        } finally {
            binance.stop(0);
        }
    }
}
