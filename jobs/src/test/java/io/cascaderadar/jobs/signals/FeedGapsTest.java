package io.cascaderadar.jobs.signals;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascaderadar.avro.FeedHealth;
import io.cascaderadar.avro.FeedState;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FeedGapsTest {
    private static final Instant T = Instant.parse("2025-10-10T21:20:00Z");

    @Test
    void aGapIsOpenUntilTheFeedRecovers() {
        long[] gaps = FeedGaps.apply(null, health(FeedState.GAP, T, T, null));
        assertThat(FeedGaps.overlaps(gaps, at(3600), at(3610))).isTrue();
        gaps = FeedGaps.apply(gaps, health(FeedState.RECOVERED, T.plusSeconds(90), T, T.plusSeconds(90)));
        assertThat(FeedGaps.overlaps(gaps, at(80), at(90))).isTrue();
        assertThat(FeedGaps.overlaps(gaps, at(90), at(100))).isFalse();
        assertThat(FeedGaps.overlaps(gaps, at(-10), at(0))).isFalse();
    }

    @Test
    void aRecoveryReportedAloneStillRecordsItsGap() {
        long[] gaps = FeedGaps.apply(null, health(FeedState.RECOVERED, T.plusSeconds(90), T, T.plusSeconds(90)));
        assertThat(FeedGaps.overlaps(gaps, at(30), at(40))).isTrue();
        assertThat(FeedGaps.overlaps(gaps, at(100), at(110))).isFalse();
    }

    @Test
    void aGapReportedAfterItsRecoveryStaysClosed() {
        long[] gaps = FeedGaps.apply(null, health(FeedState.RECOVERED, T.plusSeconds(90), T, T.plusSeconds(90)));
        gaps = FeedGaps.apply(gaps, health(FeedState.GAP, T, T, null));
        assertThat(FeedGaps.overlaps(gaps, at(30), at(40))).isTrue();
        assertThat(FeedGaps.overlaps(gaps, at(100), at(110))).isFalse();
    }

    @Test
    void twoConnectionsOfOneVenueEachCloseTheirOwnGap() {
        // The linear stream drops at T, the inverse stream at T + 30 s; the linear one is back at T + 60 s.
        long[] gaps = FeedGaps.apply(null, health(FeedState.GAP, T, T, null));
        gaps = FeedGaps.apply(gaps, health(FeedState.GAP, T.plusSeconds(30), T.plusSeconds(30), null));
        gaps = FeedGaps.apply(gaps, health(FeedState.RECOVERED, T.plusSeconds(60), T, T.plusSeconds(60)));
        assertThat(FeedGaps.overlaps(gaps, at(100), at(110))).as("the inverse stream is still down").isTrue();
        gaps = FeedGaps.apply(gaps, health(FeedState.RECOVERED, T.plusSeconds(120), T.plusSeconds(30), T.plusSeconds(120)));
        assertThat(FeedGaps.overlaps(gaps, at(120), at(130))).isFalse();
        assertThat(FeedGaps.overlaps(gaps, at(110), at(119))).isTrue();
    }

    @Test
    void aCollectorStartingClosesTheGapsLeftOpen() {
        long[] gaps = FeedGaps.apply(null, health(FeedState.GAP, T, T, null));
        gaps = FeedGaps.apply(gaps, health(FeedState.CONNECTED, T.plusSeconds(300), null, null));
        assertThat(FeedGaps.overlaps(gaps, at(200), at(210))).isTrue();
        assertThat(FeedGaps.overlaps(gaps, at(300), at(310))).isFalse();
    }

    @Test
    void oldClosedGapsAreForgotten() {
        long[] gaps = FeedGaps.apply(null, health(FeedState.RECOVERED, T.plusSeconds(90), T, T.plusSeconds(90)));
        gaps = FeedGaps.apply(gaps, health(FeedState.CONNECTED, T.plusSeconds(4 * 3600), null, null));
        assertThat(gaps).isEmpty();
    }

    private static long at(long secondsAfterT) {
        return T.plusSeconds(secondsAfterT).toEpochMilli();
    }

    private static FeedHealth health(FeedState state, Instant time, Instant start, Instant end) {
        return FeedHealth.newBuilder().setVenue("okx").setChannel(FeedGaps.LIQUIDATIONS_CHANNEL).setState(state)
                .setEventTime(time).setGapStart(start).setGapEnd(end).build();
    }
}
