package io.cascaderadar.connectors.feed;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * How to hold one venue's WebSocket feed open:
 *
 * @param venue the venue id, as the records carry it
 * @param channel {@code liquidations} or {@code open-interest}: what a gap in this feed leaves unknown
 * @param endpoint the stream URL (the venue's, a mirror's, or a test's local server)
 * @param subscriptions the text frames sent after every connect, in order
 * @param ping the text frame the venue expects as a keep-alive ({@code {"op":"ping"}}), null where the venue
 *     pings the client (the JDK client answers WebSocket pings by itself)
 * @param pingEvery how often the keep-alive goes out
 * @param silenceLimit how long the connection may stay without any frame (a message, a pong, a heartbeat) before
 *     it counts as dead and is replaced: a quiet liquidation channel still answers pings, a dead one does not
 */
public record FeedSpec(String venue, String channel, URI endpoint, List<String> subscriptions, String ping,
        Duration pingEvery, Duration silenceLimit) {

    public FeedSpec {
        subscriptions = List.copyOf(subscriptions);
        if (silenceLimit.compareTo(pingEvery) <= 0) {
            throw new IllegalArgumentException(venue + ": the silence limit must be longer than the ping interval");
        }
    }
}
