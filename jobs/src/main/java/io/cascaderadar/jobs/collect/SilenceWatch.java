package io.cascaderadar.jobs.collect;

import io.cascaderadar.avro.FeedHealth;
import io.cascaderadar.avro.FeedState;
import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.connectors.feed.Coverage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Flags a liquidation feed that stays silent while the other venues liquidate heavily. A quiet liquidation channel
 * is normal and its connection stays up (keep-alives prove it alive), but a feed subscribed to nothing looks the
 * same: the Binance USD-M move of 2026-04-23 left clients on the old path connected and receiving nothing. When the
 * other watched feeds liquidated at least {@code minUsd} over the last {@code window} and a connected feed gave
 * none in that window, it gets a SILENT record (the detector then counts it as a gap, unknown rather than calm);
 * its next liquidation closes that with RECOVERED. Feeds are called on their own threads: the methods synchronize.
 */
final class SilenceWatch {

    /** When the market counts as liquidating heavily: {@code minUsd} over {@code window} on the other venues. */
    record Settings(Duration window, double minUsd) {}

    private record Liquidated(Instant at, String venue, double usd) {}

    /** One watched feed: since when it is connected, its last liquidation, and the silence flagged, if any. */
    private static final class Watched {
        String venue;
        String channel;
        Instant connectedSince;
        Instant lastLiquidation;
        Instant silentSince;
    }

    private final Settings settings;
    private final Map<String, Watched> feeds = new HashMap<>();
    private final Deque<Liquidated> recent = new ArrayDeque<>();

    SilenceWatch(Settings settings) {
        this.settings = settings;
    }

    /** One entry per feed: a venue may have several (Bybit's linear and inverse streams). */
    private Watched watched(VenueFeed feed) {
        return feeds.computeIfAbsent(feed.source(), source -> {
            Watched w = new Watched();
            w.venue = feed.venue();
            w.channel = feed.channel();
            return w;
        });
    }

    /** Tracks a watched feed's connection: only a connected feed can be silent; a gap is reported by the feed. */
    synchronized void connection(VenueFeed feed, FeedHealth health) {
        Watched w = watched(feed);
        Instant at = health.getEventTime();
        if (health.getState() == FeedState.GAP) {
            w.connectedSince = null; // a silence flagged stays open until the feed's next liquidation
        } else if (w.connectedSince == null) {
            w.connectedSince = at;
        }
    }

    /**
     * A watched feed's liquidations, received at {@code now}: the feed's silence, if flagged, ends; the other feeds
     * are checked against the market's recent liquidations.
     *
     * @return the feed-health records to publish
     */
    synchronized List<FeedHealth> liquidations(VenueFeed feed, List<LiquidationEvent> events, Instant now) {
        List<FeedHealth> health = new ArrayList<>();
        Watched w = watched(feed);
        if (w.connectedSince == null) {
            w.connectedSince = now;
        }
        w.lastLiquidation = now;
        if (w.silentSince != null) {
            health.add(Coverage.of(feed.venue(), feed.channel(), FeedState.RECOVERED, w.silentSince, now, now,
                    "liquidations again after " + Duration.between(w.silentSince, now).toSeconds() + " s of silence"));
            w.silentSince = null;
        }
        for (LiquidationEvent e : events) {
            recent.addLast(new Liquidated(now, feed.venue(), e.getNotionalUsd()));
        }
        Instant windowStart = now.minus(settings.window());
        while (!recent.isEmpty() && recent.peekFirst().at().isBefore(windowStart)) {
            recent.removeFirst();
        }
        feeds.values().forEach(other -> {
            if (other.connectedSince == null || other.silentSince != null) {
                return;
            }
            Instant quietSince = other.lastLiquidation == null || other.connectedSince.isAfter(other.lastLiquidation)
                    ? other.connectedSince : other.lastLiquidation;
            if (quietSince.isAfter(windowStart)) {
                return;
            }
            double othersUsd = 0;
            TreeSet<String> venues = new TreeSet<>();
            for (Liquidated l : recent) {
                if (!l.venue().equals(other.venue)) {
                    othersUsd += l.usd();
                    venues.add(l.venue());
                }
            }
            if (othersUsd >= settings.minUsd()) {
                other.silentSince = quietSince;
                health.add(Coverage.of(other.venue, other.channel, FeedState.SILENT, quietSince, null, now, String.format(
                        "no liquidation for %d s while %s liquidated $%,.0f in the last %d s: subscribed to nothing?",
                        Duration.between(quietSince, now).toSeconds(), String.join(", ", venues), othersUsd,
                        settings.window().toSeconds())));
            }
        });
        return health;
    }
}
