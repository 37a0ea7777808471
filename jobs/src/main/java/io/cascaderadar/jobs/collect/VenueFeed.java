package io.cascaderadar.jobs.collect;

import io.cascaderadar.connectors.feed.FeedSpec;
import io.cascaderadar.connectors.venue.WireDecoder;

/** One connection the collector holds, and the decoder of its messages. */
public record VenueFeed(FeedSpec spec, WireDecoder decoder) {}
