package io.cascaderadar.connectors.feed;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * How to poll a venue's REST API for what it does not stream (Binance's open interest):
 *
 * @param venue the venue id, as the records carry it
 * @param channel what a gap in the answers leaves unknown ({@code open-interest})
 * @param urls the requests of one round, sent one after another
 * @param every how often a round starts
 * @param weightHeader the response header that reports the request weight used in the current minute
 *     ({@code X-MBX-USED-WEIGHT-1m}), null where the venue reports none
 * @param weightLimit the weight allowed per minute; from 80% of it on, the poller waits for the next minute
 */
public record PollSpec(String venue, String channel, List<URI> urls, Duration every, String weightHeader, int weightLimit) {

    public PollSpec {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new IllegalArgumentException(venue + " " + channel + ": nothing to poll");
        }
    }
}
