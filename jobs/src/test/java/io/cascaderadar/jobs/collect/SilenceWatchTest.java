package io.cascaderadar.jobs.collect;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascaderadar.avro.FeedHealth;
import io.cascaderadar.avro.FeedState;
import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.PositionSide;
import io.cascaderadar.avro.VenueType;
import io.cascaderadar.connectors.feed.Coverage;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A connected liquidation feed silent while the others liquidate heavily is flagged, and cleared by its next liquidation. */
class SilenceWatchTest {
    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
    private static final VenueFeed BYBIT = feed("bybit");
    private static final VenueFeed BINANCE = feed("binance-usdm");

    private final SilenceWatch watch = new SilenceWatch(new SilenceWatch.Settings(Duration.ofMinutes(5), 1_000_000));

    private static VenueFeed feed(String venue) {
        return new VenueFeed(venue, "liquidations", URI.create("ws://127.0.0.1:1"), (l, b) -> () -> {}, null, null, false, true);
    }

    private static List<LiquidationEvent> worth(double usd) {
        return List.of(LiquidationEvent.newBuilder().setEventId("e").setVenue("bybit").setVenueType(VenueType.CEX)
                .setInstrument("BTCUSDT").setBaseAsset("BTC").setQuoteAsset("USDT").setLiquidatedSide(PositionSide.LONG)
                .setPrice(1).setQuantityBase(usd).setNotionalUsd(usd).setEventTime(T0).setReceiveTime(T0).setSampled(false).build());
    }

    private static FeedHealth health(FeedState state, Instant at) {
        return Coverage.of("binance-usdm", "liquidations", state, null, null, at, "test");
    }

    @Test
    void aFeedQuietForTheWindowWhileOthersLiquidateHeavilyIsSilentUntilItsNextLiquidation() {
        watch.connection(BINANCE, health(FeedState.CONNECTED, T0));
        watch.connection(BYBIT, health(FeedState.CONNECTED, T0));

        // Heavy liquidations elsewhere, but Binance has not been connected for a whole window yet.
        assertThat(watch.liquidations(BYBIT, worth(2_000_000), T0.plusSeconds(200))).isEmpty();
        // A whole window connected without a liquidation, while Bybit liquidated $2M + $0.5M in it.
        List<FeedHealth> flagged = watch.liquidations(BYBIT, worth(500_000), T0.plusSeconds(301));
        assertThat(flagged).singleElement().satisfies(h -> {
            assertThat(h.getVenue()).isEqualTo("binance-usdm");
            assertThat(h.getState()).isEqualTo(FeedState.SILENT);
            assertThat(h.getGapStart()).isEqualTo(T0);
            assertThat(h.getDetail()).contains("bybit liquidated $2,500,000");
        });
        assertThat(watch.liquidations(BYBIT, worth(5_000_000), T0.plusSeconds(302))).as("flagged once").isEmpty();

        List<FeedHealth> recovered = watch.liquidations(BINANCE, worth(1000), T0.plusSeconds(400));
        assertThat(recovered).singleElement().satisfies(h -> {
            assertThat(h.getState()).isEqualTo(FeedState.RECOVERED);
            assertThat(h.getGapStart()).isEqualTo(T0);
            assertThat(h.getGapEnd()).isEqualTo(T0.plusSeconds(400));
        });
    }

    @Test
    void lightLiquidationsElsewhereOrAFeedInAGapAreNotSilence() {
        watch.connection(BINANCE, health(FeedState.CONNECTED, T0));
        assertThat(watch.liquidations(BYBIT, worth(400_000), T0.plusSeconds(400))).isEmpty();
        // Liquidations older than the window do not count.
        assertThat(watch.liquidations(BYBIT, worth(700_000), T0.plusSeconds(800))).isEmpty();

        // A feed whose connection is down reports its own gap; once back, its quiet time starts again.
        watch.connection(BINANCE, health(FeedState.GAP, T0.plusSeconds(801)));
        assertThat(watch.liquidations(BYBIT, worth(5_000_000), T0.plusSeconds(900))).isEmpty();
        watch.connection(BINANCE, health(FeedState.RECOVERED, T0.plusSeconds(950)));
        assertThat(watch.liquidations(BYBIT, worth(5_000_000), T0.plusSeconds(1000))).isEmpty();
        assertThat(watch.liquidations(BYBIT, worth(1), T0.plusSeconds(1251)))
                .singleElement().satisfies(h -> assertThat(h.getGapStart()).isEqualTo(T0.plusSeconds(950)));
    }
}
