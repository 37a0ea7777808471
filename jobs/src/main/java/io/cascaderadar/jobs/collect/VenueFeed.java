package io.cascaderadar.jobs.collect;

import io.cascaderadar.connectors.feed.Backoff;
import io.cascaderadar.connectors.feed.FeedConnection;
import io.cascaderadar.connectors.feed.FeedListener;
import io.cascaderadar.connectors.feed.FeedSpec;
import io.cascaderadar.connectors.feed.PollSpec;
import io.cascaderadar.connectors.feed.RestPoller;
import io.cascaderadar.connectors.venue.WireDecoder;
import java.net.URI;

/** One source the collector runs, a stream or a poller, and the decoder of what it receives. */
public record VenueFeed(String venue, String channel, URI endpoint, Starter starter, WireDecoder decoder) {

    /** Starts the source; closing what it returns stops it. */
    @FunctionalInterface
    public interface Starter {
        AutoCloseable start(FeedListener listener, Backoff backoff);
    }

    public static VenueFeed stream(FeedSpec spec, WireDecoder decoder) {
        return new VenueFeed(spec.venue(), spec.channel(), spec.endpoint(),
                (listener, backoff) -> FeedConnection.start(spec, listener, backoff), decoder);
    }

    public static VenueFeed polled(PollSpec spec, WireDecoder decoder) {
        return new VenueFeed(spec.venue(), spec.channel(), spec.urls().get(0),
                (listener, backoff) -> RestPoller.start(spec, listener, backoff), decoder);
    }
}
