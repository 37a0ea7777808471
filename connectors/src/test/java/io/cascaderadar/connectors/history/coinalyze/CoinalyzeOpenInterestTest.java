package io.cascaderadar.connectors.history.coinalyze;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascaderadar.avro.OpenInterestUpdate;
import io.cascaderadar.connectors.csv.CsvFileReader;
import io.cascaderadar.connectors.testing.RecordedData;
import io.cascaderadar.connectors.validation.DeadLetter;
import io.cascaderadar.connectors.validation.InputRules;
import io.cascaderadar.connectors.validation.RejectReason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoinalyzeOpenInterestTest {

    private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");

    private final List<OpenInterestUpdate> updates = new ArrayList<>();
    private final List<DeadLetter> rejects = new ArrayList<>();

    @TempDir
    Path dir;

    @Test
    void everyCellOfTheRecordedExportIsAnUpdateAndRepeatedColumnNamesStayApart() throws Exception {
        Path file = RecordedData.file("daily_liquidations_oi/coinalyze_daily_BTC_open_interest_history.csv");
        List<String> lines = Files.readAllLines(file);
        CsvFileReader.Counts counts = read(file);

        assertThat(counts.records()).isEqualTo(993);
        assertThat(rejects).isEmpty();
        long cells = lines.stream().skip(1).flatMap(l -> List.of(l.split(",", -1)).stream().skip(1))
                .filter(c -> !c.isBlank()).count();
        assertThat(updates).hasSize((int) cells);
        assertThat(updates).allSatisfy(u -> {
            assertThat(u.getOpenInterestBase()).isNull();
            assertThat(u.getOpenInterestUsd()).isPositive();
        });
        assertThat(updates.stream().map(OpenInterestUpdate::getVenue).collect(Collectors.toSet())).contains(
                "binance-usdm", "binance-coinm", "bybit", "okx", "deribit", "kraken", "phemex", "dydx", "gate", "woox");

        // The export names two Kraken and two Phemex BTC/USD markets alike: each column is its own instrument,
        // its values read from its own position.
        String[] header = lines.get(0).split(",", -1);
        String[] day = lines.stream().filter(l -> l.startsWith("2023-06-01,")).findFirst().orElseThrow().split(",", -1);
        List<Integer> phemex = positions(header, "BTC/USD - Phemex");
        assertThat(phemex).hasSize(2);
        List<OpenInterestUpdate> ofDay = updates.stream()
                .filter(u -> u.getEventTime().equals(Instant.parse("2023-06-01T00:00:00Z"))).toList();
        assertThat(usd(ofDay, "phemex", "BTC/USD")).isEqualTo(Double.parseDouble(day[phemex.get(0)]));
        assertThat(usd(ofDay, "phemex", "BTC/USD #2")).isEqualTo(Double.parseDouble(day[phemex.get(1)]));
        assertThat(day[phemex.get(0)]).isNotEqualTo(day[phemex.get(1)]);
        assertThat(ofDay.stream().filter(u -> u.getVenue().equals("kraken")).map(OpenInterestUpdate::getInstrument))
                .containsExactlyInAnyOrder("BTC/USD", "BTC/USD #2");
        assertThat(usd(ofDay, "binance-coinm", "BTC/USD"))
                .isEqualTo(Double.parseDouble(day[positions(header, "BTC/USD - Binance").get(0)]));
    }

    @Test
    void blanksGiveNothingZerosAreReadingsAndABadCellRejectsTheRow() throws Exception {
        CsvFileReader.Counts counts = read(write("""
                t,BTC/USDT - Binance,BTC/USD - Deribit,BTC/USDT - OKX
                2024-08-05,5000000000,,0
                2024-08-06,5100000000,oops,1
                """));

        assertThat(counts.records()).isEqualTo(1);
        assertThat(updates).extracting(OpenInterestUpdate::getVenue).containsExactly("binance-usdm", "okx");
        assertThat(updates.get(1).getOpenInterestUsd()).isZero();
        assertThat(rejects).singleElement().satisfies(d -> {
            assertThat(d.reason).isEqualTo(RejectReason.BAD_NUMBER);
            assertThat(d.detail).contains("btc/usd - deribit");
        });
    }

    @Test
    void aLiquidationExportIsRefusedWithTheRightFormatNamed() throws Exception {
        read(write("""
                t,BTC/USDT - Binance_long,BTC/USDT - Binance_short
                2024-08-05,1,2
                """));

        assertThat(updates).isEmpty();
        assertThat(rejects).singleElement().satisfies(d -> {
            assertThat(d.reason).isEqualTo(RejectReason.UNKNOWN_VALUE);
            assertThat(d.detail).contains(CoinalyzeLiquidations.ID);
        });
    }

    private CsvFileReader.Counts read(Path file) throws Exception {
        return CsvFileReader.read(file, new CoinalyzeOpenInterest(InputRules.defaults(), NOW), updates::addAll,
                rejects::add);
    }

    private Path write(String csv) throws Exception {
        return Files.writeString(dir.resolve("open-interest-" + System.nanoTime() + ".csv"), csv);
    }

    private static List<Integer> positions(String[] header, String name) {
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < header.length; i++) {
            if (header[i].equals(name)) {
                positions.add(i);
            }
        }
        return positions;
    }

    private static double usd(List<OpenInterestUpdate> updates, String venue, String instrument) {
        return updates.stream().filter(u -> u.getVenue().equals(venue) && u.getInstrument().equals(instrument))
                .map(OpenInterestUpdate::getOpenInterestUsd).reduce((a, b) -> {
                    throw new AssertionError("two updates for " + venue + " " + instrument);
                }).orElseThrow();
    }
}
