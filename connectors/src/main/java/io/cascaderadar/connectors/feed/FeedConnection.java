package io.cascaderadar.connectors.feed;

import io.cascaderadar.avro.FeedHealth;
import io.cascaderadar.avro.FeedState;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds one venue feed open, on a thread of its own, until {@link #close()}: connects, subscribes, hands every
 * text frame to the {@link FeedListener}, sends the venue's keep-alive, and replaces a connection that closes,
 * fails or stays silent past the feed's limit (no frame at all, not even a pong: a quiet liquidation channel is
 * normal, a dead connection is not), after a jittered exponential backoff, subscribing again. Every gap is reported
 * as a {@link FeedHealth}: GAP from the last frame received, RECOVERED with its start and end once the new
 * connection is subscribed.
 */
public final class FeedConnection extends FeedThread {
    private static final Logger LOG = LoggerFactory.getLogger(FeedConnection.class);

    private sealed interface Event permits Text, Alive, Ended {}

    private record Text(String message, Instant receiveTime) implements Event {}

    private record Alive() implements Event {}

    private record Ended(String cause) implements Event {}

    private final FeedSpec spec;
    private final FeedListener listener;
    private final Backoff backoff;
    private final HttpClient http = HttpClient.newHttpClient();
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final AtomicInteger connections = new AtomicInteger();
    private Instant lastFrame;

    private FeedConnection(FeedSpec spec, FeedListener listener, Backoff backoff) {
        super("feed " + spec.venue() + " " + spec.channel());
        this.spec = spec;
        this.listener = listener;
        this.backoff = backoff;
    }

    public static FeedConnection start(FeedSpec spec, FeedListener listener, Backoff backoff) {
        FeedConnection connection = new FeedConnection(spec, listener, backoff);
        connection.startThread();
        return connection;
    }

    /** How many connections were subscribed so far: 1 without a reconnect. */
    public int connections() {
        return connections.get();
    }

    @Override
    void run() {
        Instant gapStart = null;
        int failures = 0;
        while (!closed()) {
            String cause;
            WebSocket socket = null;
            try {
                events.clear();
                socket = http.newWebSocketBuilder().connectTimeout(spec.silenceLimit())
                        .buildAsync(spec.endpoint(), new Frames()).get(spec.silenceLimit().toMillis(), TimeUnit.MILLISECONDS);
                for (String subscription : spec.subscriptions()) {
                    socket.sendText(subscription, true).get(spec.silenceLimit().toMillis(), TimeUnit.MILLISECONDS);
                }
                connections.incrementAndGet();
                Instant now = Instant.now();
                lastFrame = now;
                listener.onHealth(gapStart == null ? health(FeedState.CONNECTED, null, null, now, "subscribed")
                        : health(FeedState.RECOVERED, gapStart, now, now, "subscribed again"));
                gapStart = null;
                cause = receive(socket);
                if (Duration.between(now, Instant.now()).compareTo(spec.silenceLimit()) > 0) {
                    failures = 0; // it held: the next failure starts the backoff afresh
                }
            } catch (ExecutionException | TimeoutException e) {
                cause = "cannot connect to " + spec.endpoint() + ": " + (e.getCause() == null ? e : e.getCause());
            } catch (InterruptedException e) {
                break;
            } finally {
                if (socket != null) {
                    socket.abort();
                }
            }
            if (closed()) {
                break;
            }
            Instant now = Instant.now();
            if (gapStart == null) {
                gapStart = lastFrame == null ? now : lastFrame;
                listener.onHealth(health(FeedState.GAP, gapStart, null, now, cause));
            }
            Duration wait = backoff.delay(failures++);
            LOG.warn("{} {}: {}; connecting again in {} ms", spec.venue(), spec.channel(), cause, wait.toMillis());
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                break;
            }
        }
    }

    /** Hands frames on until the connection ends; returns why it ended. */
    private String receive(WebSocket socket) throws InterruptedException {
        long pingEvery = spec.pingEvery().toMillis();
        long nextPing = spec.ping() == null ? Long.MAX_VALUE : System.currentTimeMillis() + pingEvery;
        while (!closed()) {
            long now = System.currentTimeMillis();
            long silentFor = now - lastFrame.toEpochMilli();
            if (silentFor > spec.silenceLimit().toMillis()) {
                return "no frame for " + silentFor + " ms (limit " + spec.silenceLimit().toMillis() + " ms)";
            }
            if (now >= nextPing) {
                try {
                    socket.sendText(spec.ping(), true).get(spec.silenceLimit().toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    return "keep-alive failed: " + (e.getCause() == null ? e : e.getCause());
                }
                nextPing = now + pingEvery;
            }
            Event event = events.poll(Math.max(1, Math.min(nextPing - now, spec.silenceLimit().toMillis() - silentFor)),
                    TimeUnit.MILLISECONDS);
            if (event instanceof Text text) {
                lastFrame = text.receiveTime();
                listener.onMessage(text.message(), text.receiveTime());
            } else if (event instanceof Alive) {
                lastFrame = Instant.now();
            } else if (event instanceof Ended ended) {
                return ended.cause();
            }
        }
        return "closed";
    }

    private FeedHealth health(FeedState state, Instant gapStart, Instant gapEnd, Instant time, String detail) {
        return Coverage.of(spec.venue(), spec.channel(), state, gapStart, gapEnd, time, detail);
    }

    /** The JDK client's callbacks, turned into events for the feed's thread. */
    private final class Frames implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket socket) {
            socket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                events.add(new Text(partial.toString(), Instant.now()));
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
            events.add(new Alive()); // none of the venues sends binary frames on these channels
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket socket, ByteBuffer message) {
            events.add(new Alive()); // the JDK client answers with a pong by itself
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket socket, ByteBuffer message) {
            events.add(new Alive());
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            events.add(new Ended("closed by the server (" + statusCode + (reason.isEmpty() ? "" : " " + reason) + ")"));
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            events.add(new Ended("connection failed: " + error));
        }
    }
}
