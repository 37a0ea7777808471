package io.cascaderadar.connectors.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascaderadar.avro.FeedHealth;
import io.cascaderadar.avro.FeedState;
import io.cascaderadar.connectors.testing.LocalWebSocketServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A feed against a local server that speaks WebSocket as the venues do, and fails as they do. */
class FeedConnectionTest {
    private static final String SUBSCRIBE = "{\"op\":\"subscribe\",\"args\":[\"allLiquidation.BTCUSDT\"]}";
    private static final String PING = "{\"op\":\"ping\"}";
    private static final String PONG = "{\"success\":true,\"op\":\"pong\"}";
    private static final Backoff FAST = new Backoff(Duration.ofMillis(50), Duration.ofMillis(400));

    /** What the feed handed on, in order. */
    private static final class Recorder implements FeedListener {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final BlockingQueue<FeedHealth> health = new LinkedBlockingQueue<>();

        @Override
        public void onMessage(String message, Instant receiveTime) {
            if (!message.equals(PONG)) { // a decoder reads the keep-alive's answer as nothing
                messages.add(message);
            }
        }

        @Override
        public void onHealth(FeedHealth h) {
            health.add(h);
        }

        List<String> messages(int count) throws InterruptedException {
            List<String> got = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String m = messages.poll(10, TimeUnit.SECONDS);
                assertThat(m).as("message " + (i + 1) + " of " + count).isNotNull();
                got.add(m);
            }
            return got;
        }

        FeedHealth health() throws InterruptedException {
            FeedHealth h = health.poll(10, TimeUnit.SECONDS);
            assertThat(h).as("a feed-health record").isNotNull();
            return h;
        }
    }

    private static FeedSpec spec(LocalWebSocketServer server, String ping, Duration pingEvery, Duration silence) {
        return new FeedSpec("bybit", "liquidations", server.uri(), List.of(SUBSCRIBE), ping, pingEvery, silence);
    }

    private static List<String> messages(String prefix, int count) {
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            messages.add("{\"topic\":\"allLiquidation.BTCUSDT\",\"n\":\"" + prefix + i + "\"}");
        }
        return messages;
    }

    @Test
    void aDroppedConnectionIsReplacedSubscribedAgainAndItsGapReportedWithoutLosingWhatWasSent() throws Exception {
        Recorder recorder = new Recorder();
        try (LocalWebSocketServer server = new LocalWebSocketServer()) {
            server.answerPings(PING, PONG);
            // Whether the client sees the cut at once (a reset) or by the missing pong, the gap is reported.
            try (FeedConnection feed = FeedConnection.start(spec(server, PING, Duration.ofMillis(300), Duration.ofMillis(1500)), recorder, FAST)) {
                LocalWebSocketServer.Session first = server.awaitSession(10);
                assertThat(first.nextReceived(10)).isEqualTo(SUBSCRIBE);
                assertThat(recorder.health().getState()).isEqualTo(FeedState.CONNECTED);
                List<String> before = messages("a", 50);
                for (String m : before) {
                    first.send(m);
                }
                assertThat(recorder.messages(50)).isEqualTo(before);
                first.drop();
                Instant dropped = Instant.now();

                FeedHealth gap = recorder.health();
                assertThat(gap.getState()).isEqualTo(FeedState.GAP);
                assertThat(gap.getGapStart()).isBeforeOrEqualTo(dropped);
                assertThat(gap.getDetail()).isNotBlank();
                LocalWebSocketServer.Session second = server.awaitSession(10);
                assertThat(second.nextReceived(10)).as("subscribed again").isEqualTo(SUBSCRIBE);
                FeedHealth recovered = recorder.health();
                assertThat(recovered.getState()).isEqualTo(FeedState.RECOVERED);
                assertThat(recovered.getGapStart()).isEqualTo(gap.getGapStart());
                assertThat(recovered.getGapEnd()).isAfterOrEqualTo(dropped);
                List<String> after = messages("b", 50);
                for (String m : after) {
                    second.send(m);
                }
                assertThat(recorder.messages(50)).isEqualTo(after);
                assertThat(feed.connections()).isEqualTo(2);
            }
        }
    }

    @Test
    void aQuietChannelThatAnswersItsKeepAliveStaysAndADeadOneIsReplaced() throws Exception {
        Recorder recorder = new Recorder();
        try (LocalWebSocketServer server = new LocalWebSocketServer()) {
            server.answerPings(PING, PONG);
            try (FeedConnection feed = FeedConnection.start(spec(server, PING, Duration.ofMillis(300), Duration.ofMillis(1500)), recorder, FAST)) {
                LocalWebSocketServer.Session session = server.awaitSession(10);
                assertThat(recorder.health().getState()).isEqualTo(FeedState.CONNECTED);
                Thread.sleep(4_500); // no liquidation for three silence limits: normal, the pongs keep it
                assertThat(feed.connections()).isEqualTo(1);
                assertThat(recorder.health).isEmpty();

                session.goQuiet(); // the connection dies without a word: no pong any more
                FeedHealth gap = recorder.health();
                assertThat(gap.getState()).isEqualTo(FeedState.GAP);
                assertThat(gap.getDetail()).contains("no frame for");
                assertThat(server.awaitSession(10).nextReceived(10)).isEqualTo(SUBSCRIBE);
                assertThat(recorder.health().getState()).isEqualTo(FeedState.RECOVERED);
            }
        }
    }

    @Test
    void upgradesRefusedWith429AreTriedAgainWithBackoff() throws Exception {
        Recorder recorder = new Recorder();
        try (LocalWebSocketServer server = new LocalWebSocketServer()) {
            server.refuseNext(3);
            try (FeedConnection feed = FeedConnection.start(spec(server, null, Duration.ofSeconds(5), Duration.ofSeconds(10)), recorder, FAST)) {
                FeedHealth gap = recorder.health();
                assertThat(gap.getState()).isEqualTo(FeedState.GAP);
                assertThat(gap.getDetail()).contains("cannot connect");
                assertThat(server.awaitSession(10).nextReceived(10)).isEqualTo(SUBSCRIBE);
                FeedHealth recovered = recorder.health();
                assertThat(recovered.getState()).as("one gap for the three refusals").isEqualTo(FeedState.RECOVERED);
                assertThat(feed.connections()).isEqualTo(1);
            }
        }
    }
}
