package io.cascaderadar.connectors.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimestampsTest {

    private static final Instant T = Instant.parse("2025-10-10T21:15:03.127Z");

    @Test
    void readsIsoWithZoneOffsetOrNoneAndEpochMillis() {
        assertThat(Timestamps.parse("2025-10-10T21:15:03.127Z")).isEqualTo(T);
        assertThat(Timestamps.parse("2025-10-10T23:15:03.127+02:00")).isEqualTo(T);
        assertThat(Timestamps.parse("2025-10-10 21:15:03.127")).isEqualTo(T);
        assertThat(Timestamps.parse(Long.toString(T.toEpochMilli()))).isEqualTo(T);
    }

    @Test
    void readsEveryPrecisionAndSeparatorOfUtcAsJavaTimeDoes() {
        Random random = new Random(7);
        ChronoUnit[] precisions = {ChronoUnit.SECONDS, ChronoUnit.MILLIS, ChronoUnit.MICROS, ChronoUnit.NANOS};
        for (int i = 0; i < 20_000; i++) {
            // 1900 to 2100, leap days and the ends of months included.
            Instant t = Instant.ofEpochSecond(-2_208_988_800L + (long) (random.nextDouble() * 6_311_433_600L),
                    random.nextInt(1_000_000_000)).truncatedTo(precisions[i % precisions.length]);
            String iso = t.toString();
            String local = LocalDateTime.ofInstant(t, ZoneOffset.UTC).toString().replace('T', ' ');
            assertThat(Timestamps.parse(iso)).as(iso).isEqualTo(Instant.parse(iso));
            assertThat(Timestamps.parse(local)).as(local).isEqualTo(LocalDateTime.parse(local.replace(' ', 'T'))
                    .toInstant(ZoneOffset.UTC));
        }
        assertThat(Timestamps.parse("2024-02-29T23:59:59.5Z")).isEqualTo(Instant.parse("2024-02-29T23:59:59.500Z"));
        assertThat(Timestamps.parse("2025-10-10T21:15Z")).isEqualTo(Instant.parse("2025-10-10T21:15:00Z"));
    }

    @Test
    void refusesTheRest() {
        assertThatThrownBy(() -> Timestamps.parse("10/10/2025 21:15")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> Timestamps.parse("")).isInstanceOf(DateTimeParseException.class);
        for (String outOfRange : new String[] {"2025-13-01T00:00:00Z", "2025-00-01T00:00:00Z", "2025-02-29T00:00:00Z",
                "2025-04-31 00:00:00", "2025-10-10T24:00:00Z", "2025-10-10T23:60:00Z", "2025-10-10T23:59:60Z",
                "2025-10-10T21:15:03.1234567890Z", "2025-10-10T21:15:03.12a", "2025-1O-10T21:15:03Z",
                "2025-10-10X21:15:03Z"}) {
            assertThatThrownBy(() -> Timestamps.parse(outOfRange)).as(outOfRange)
                    .isInstanceOf(DateTimeParseException.class);
        }
    }
}
