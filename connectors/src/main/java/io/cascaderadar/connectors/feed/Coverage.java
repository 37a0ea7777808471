package io.cascaderadar.connectors.feed;

import io.cascaderadar.avro.FeedHealth;
import io.cascaderadar.avro.FeedState;
import java.time.Instant;

/** The feed-health record of a venue channel, as streams, pollers and the collector's silence watch report it. */
public final class Coverage {

    private Coverage() {}

    public static FeedHealth of(String venue, String channel, FeedState state, Instant gapStart, Instant gapEnd, Instant time,
            String detail) {
        return FeedHealth.newBuilder().setVenue(venue).setChannel(channel).setState(state)
                .setGapStart(gapStart).setGapEnd(gapEnd).setEventTime(time).setDetail(detail).build();
    }
}
