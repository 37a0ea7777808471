package io.cascaderadar.connectors.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
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
    void refusesTheRest() {
        assertThatThrownBy(() -> Timestamps.parse("10/10/2025 21:15")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> Timestamps.parse("")).isInstanceOf(DateTimeParseException.class);
    }
}
