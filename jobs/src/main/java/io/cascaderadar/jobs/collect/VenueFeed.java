package io.cascaderadar.jobs.collect;

import io.cascaderadar.connectors.feed.Backoff;
import io.cascaderadar.connectors.feed.FeedConnection;
import io.cascaderadar.connectors.feed.FeedListener;
import io.cascaderadar.connectors.feed.FeedSpec;
import io.cascaderadar.connectors.feed.PollSpec;
import io.cascaderadar.connectors.feed.RestPoller;
import io.cascaderadar.connectors.venue.InstrumentCatalog;
import io.cascaderadar.connectors.venue.WireDecoder;
import java.net.URI;

/**
 * One source the collector runs, a stream or a poller, and the decoder of what it receives.
 *
 * @param catalog the instrument listing the decoder sizes contracts with (loaded before the feed starts, and again
 *     when a message names an unknown instrument), or null
 * @param repeatsOnSubscribe the venue answers a subscription with recent messages it sent before (OKX
 *     liquidations): of the first message after each subscription, what happened before it is skipped
 * @param watchedForSilence a liquidation feed of the whole market: silent while the others liquidate heavily, it
 *     is suspect (see {@link SilenceWatch})
 */
public record VenueFeed(String venue, String channel, URI endpoint, Starter starter, WireDecoder decoder,
        InstrumentCatalog catalog, boolean repeatsOnSubscribe, boolean watchedForSilence) {

    /** Starts the source; closing what it returns stops it. */
    @FunctionalInterface
    public interface Starter {
        AutoCloseable start(FeedListener listener, Backoff backoff);
    }

    public static VenueFeed stream(FeedSpec spec, WireDecoder decoder) {
        return new VenueFeed(spec.venue(), spec.channel(), spec.endpoint(),
                (listener, backoff) -> FeedConnection.start(spec, listener, backoff), decoder, null, false, false);
    }

    public static VenueFeed polled(PollSpec spec, WireDecoder decoder) {
        return new VenueFeed(spec.venue(), spec.channel(), spec.urls().get(0),
                (listener, backoff) -> RestPoller.start(spec, listener, backoff), decoder, null, false, false);
    }

    public VenueFeed sizedBy(InstrumentCatalog instruments) {
        return new VenueFeed(venue, channel, endpoint, starter, decoder, instruments, repeatsOnSubscribe, watchedForSilence);
    }

    public VenueFeed repeatingOnSubscribe() {
        return new VenueFeed(venue, channel, endpoint, starter, decoder, catalog, true, watchedForSilence);
    }

    public VenueFeed watchingForSilence() {
        return new VenueFeed(venue, channel, endpoint, starter, decoder, catalog, repeatsOnSubscribe, true);
    }

    /** {@code venue channel endpoint}, as dead letters name their source. */
    public String source() {
        return venue + " " + channel + " " + endpoint;
    }
}
