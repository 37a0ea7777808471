package io.cascaderadar.connectors.feed;

import io.cascaderadar.avro.FeedHealth;
import io.cascaderadar.avro.FeedState;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls a venue's REST API on a thread of its own until {@link #close()}, handing every answer to the
 * {@link FeedListener}, within the venue's limits: a 429 (too many requests) or 418 (banned for ignoring 429s)
 * is waited out for its {@code Retry-After} (or the backoff), the used weight the venue reports is kept under
 * 80% of the minute's limit, and failures back off exponentially. A round that cannot be completed opens a gap
 * (GAP from the last answer); the next complete answer closes it (RECOVERED), as {@link FeedConnection} does for
 * streams.
 */
public final class RestPoller extends FeedThread {
    private static final Logger LOG = LoggerFactory.getLogger(RestPoller.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final PollSpec spec;
    private final FeedListener listener;
    private final Backoff backoff;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private Instant lastAnswer;
    private Instant gapStart;
    private boolean connected;

    private RestPoller(PollSpec spec, FeedListener listener, Backoff backoff) {
        super("poll " + spec.venue() + " " + spec.channel());
        this.spec = spec;
        this.listener = listener;
        this.backoff = backoff;
    }

    public static RestPoller start(PollSpec spec, FeedListener listener, Backoff backoff) {
        RestPoller poller = new RestPoller(spec, listener, backoff);
        poller.startThread();
        return poller;
    }

    @Override
    void run() {
        try {
            while (!closed()) {
                long roundStart = System.currentTimeMillis();
                for (URI url : spec.urls()) {
                    poll(url);
                }
                Thread.sleep(Math.max(0, roundStart + spec.every().toMillis() - System.currentTimeMillis()));
            }
        } catch (InterruptedException stopped) {
            // closed
        }
    }

    /** One request, tried until it is answered (or the poller is closed). */
    private void poll(URI url) throws InterruptedException {
        for (int failures = 0; !closed(); failures++) {
            String cause;
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status == 200) {
                    answered(response.body());
                    respectWeight(response);
                    return;
                }
                cause = url + " answered " + status;
                if (status == 429 || status == 418) {
                    gap(cause);
                    Duration wait = response.headers().firstValue("Retry-After").map(RestPoller::seconds)
                            .orElse(backoff.delay(failures));
                    LOG.warn("{} {}: {}; waiting {} ms as asked", spec.venue(), spec.channel(), cause, wait.toMillis());
                    Thread.sleep(wait.toMillis());
                    continue;
                }
                if (status / 100 == 4) {
                    // The request itself is wrong (an unknown symbol): its answer goes to the decoder, and from there
                    // to the dead letters; asking again would not help.
                    answered(response.body());
                    return;
                }
            } catch (IOException e) {
                cause = url + ": " + e;
            }
            gap(cause);
            Duration wait = backoff.delay(failures);
            LOG.warn("{} {}: {}; trying again in {} ms", spec.venue(), spec.channel(), cause, wait.toMillis());
            Thread.sleep(wait.toMillis());
        }
    }

    private void answered(String body) {
        Instant now = Instant.now();
        if (!connected) {
            connected = true;
            listener.onHealth(health(FeedState.CONNECTED, null, null, now, "answering"));
        } else if (gapStart != null) {
            listener.onHealth(health(FeedState.RECOVERED, gapStart, now, now, "answering again"));
        }
        gapStart = null;
        lastAnswer = now;
        listener.onMessage(body, now);
    }

    private void gap(String cause) {
        if (gapStart == null) {
            Instant now = Instant.now();
            gapStart = lastAnswer == null ? now : lastAnswer;
            connected = true;
            listener.onHealth(health(FeedState.GAP, gapStart, null, now, cause));
        }
    }

    /** Past 80% of the minute's weight, waits for the next minute. */
    private void respectWeight(HttpResponse<String> response) throws InterruptedException {
        if (spec.weightHeader() == null) {
            return;
        }
        long used = response.headers().firstValueAsLong(spec.weightHeader()).orElse(0);
        if (used >= spec.weightLimit() * 0.8) {
            long toNextMinute = 60_000 - System.currentTimeMillis() % 60_000;
            LOG.info("{} {}: weight {} of {} used; waiting {} ms for the next minute", spec.venue(), spec.channel(),
                    used, spec.weightLimit(), toNextMinute);
            Thread.sleep(toNextMinute);
        }
    }

    private static Duration seconds(String retryAfter) {
        try {
            return Duration.ofSeconds(Long.parseLong(retryAfter.trim()));
        } catch (NumberFormatException httpDate) {
            return Duration.ofSeconds(60);
        }
    }

    private FeedHealth health(FeedState state, Instant gapStart, Instant gapEnd, Instant time, String detail) {
        return Coverage.of(spec.venue(), spec.channel(), state, gapStart, gapEnd, time, detail);
    }

}
