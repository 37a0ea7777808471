package io.cascaderadar.connectors.history.binance;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascaderadar.avro.PriceUpdate;
import io.cascaderadar.connectors.csv.CsvFileReader;
import io.cascaderadar.connectors.history.HistoryFormat;
import io.cascaderadar.connectors.testing.RecordedData;
import io.cascaderadar.connectors.validation.DeadLetter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The real Binance klines of ../shared/data, headerless slices of data.binance.vision files, read in place. */
class BinanceKlinesRecordedDataTest {
    private static final String FOLDER = "klines_1m_binance_usdm_btcusdt/";

    @Test
    void theMay2021CrashShowsItsLowestCloseAtTheEndOfThe1309Minute() throws Exception {
        List<PriceUpdate> prices = read(BinanceKlinesTest.FUTURES, "BTCUSDT-1m-2021-05-19_1202-1415.csv");

        assertThat(prices).hasSize(134).allSatisfy(p -> {
            assertThat(p.getVenue()).isEqualTo("binance-usdm");
            assertThat(p.getInstrument()).as("from the file name").isEqualTo("BTCUSDT");
            assertThat(p.getBaseAsset()).isEqualTo("BTC");
        });
        assertThat(prices.get(0).getEventTime()).isEqualTo(Instant.parse("2021-05-19T12:03:00Z"));
        assertThat(prices.get(133).getEventTime()).isEqualTo(Instant.parse("2021-05-19T14:16:00Z"));
        // The minute of 13:09 closed at 29,888 near the 28,688 low of the next one, from 38,544 at noon.
        PriceUpdate lowest = prices.stream().min(Comparator.comparingDouble(PriceUpdate::getPrice)).orElseThrow();
        assertThat(lowest.getEventTime()).isEqualTo(Instant.parse("2021-05-19T13:10:00Z"));
        assertThat(lowest.getPrice()).isBetween(28_688.0, 30_000.0);
        assertThat(prices.get(0).getPrice()).isGreaterThan(38_000);
    }

    @Test
    void theMinuteMissingFromJune13IsAbsentNotFilledIn() throws Exception {
        List<PriceUpdate> prices = new ArrayList<>(read(BinanceKlinesTest.FUTURES, "BTCUSDT-1m-2022-06-12_2143-2022-06-13_0000.csv"));
        prices.addAll(read(BinanceKlinesTest.FUTURES, "BTCUSDT-1m-2022-06-13_0002-0216.csv"));

        Set<Instant> times = prices.stream().map(PriceUpdate::getEventTime).collect(Collectors.toSet());
        assertThat(times).hasSize(138 + 135);
        Instant first = Instant.parse("2022-06-12T21:44:00Z");
        Instant last = Instant.parse("2022-06-13T02:17:00Z");
        assertThat(times).contains(first, last, Instant.parse("2022-06-13T00:01:00Z"), Instant.parse("2022-06-13T00:03:00Z"));
        List<Instant> missing = Stream.iterate(first, t -> !t.isAfter(last), t -> t.plus(Duration.ofMinutes(1)))
                .filter(t -> !times.contains(t)).toList();
        assertThat(missing).as("the kline of 00:01, which would end at 00:02").containsExactly(Instant.parse("2022-06-13T00:02:00Z"));
    }

    @Test
    void theSpotMonthOfAugust2024HasEveryFiveMinutesAndItsLowOnAugust5() throws Exception {
        List<PriceUpdate> prices = read(BinanceKlinesTest.SPOT, "BTCUSDT-5m-2024-08_spot.csv");

        assertThat(prices).hasSize(31 * 288).allSatisfy(p -> {
            assertThat(p.getVenue()).isEqualTo("binance-spot");
            assertThat(p.getInstrument()).isEqualTo("BTCUSDT");
        });
        assertThat(prices.get(0).getEventTime()).isEqualTo(Instant.parse("2024-08-01T00:05:00Z"));
        assertThat(prices.get(prices.size() - 1).getEventTime()).isEqualTo(Instant.parse("2024-09-01T00:00:00Z"));
        PriceUpdate lowest = prices.stream().min(Comparator.comparingDouble(PriceUpdate::getPrice)).orElseThrow();
        assertThat(lowest.getEventTime()).isEqualTo(Instant.parse("2024-08-05T06:25:00Z"));
        assertThat(lowest.getPrice()).isEqualTo(49_338.49);
    }

    private static List<PriceUpdate> read(HistoryFormat format, String name) throws Exception {
        BinanceKlinesTest.Prices prices = new BinanceKlinesTest.Prices();
        List<DeadLetter> rejects = new ArrayList<>();
        CsvFileReader.Counts counts = format.read(RecordedData.file(FOLDER + name), prices, rejects::add);
        assertThat(rejects).isEmpty();
        assertThat(counts.records()).isEqualTo(prices.list.size());
        return prices.list;
    }
}
