package io.cascaderadar.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascaderadar.avro.OpenInterestUpdate;
import io.cascaderadar.avro.Sidedness;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

class ScopeFanOutTest {

    @Test
    void twoSidedOpenInterestIsHalved() {
        List<ScopedOpenInterest> out = new ArrayList<>();
        new ScopeFanOut.OpenInterest().flatMap(OpenInterestUpdate.newBuilder().setVenue("bybit").setInstrument("BTCUSDT")
                .setBaseAsset("BTC").setOpenInterestBase(200.0).setOpenInterestUsd(null).setSidedness(Sidedness.TWO_SIDED)
                .setEventTime(Instant.ofEpochMilli(5)).build(), collector(out));
        assertThat(out).extracting(s -> s.scopeId).containsExactly("ASSET:BTC", "MARKET:ALL");
        assertThat(out).allSatisfy(s -> {
            assertThat(s.base).isEqualTo(100.0);
            assertThat(s.usd).isNaN();
            assertThat(s.instrument).isEqualTo("bybit/BTCUSDT");
        });
    }

    private static <T> Collector<T> collector(List<T> into) {
        return new Collector<>() {
            @Override
            public void collect(T record) {
                into.add(record);
            }

            @Override
            public void close() {}
        };
    }
}
