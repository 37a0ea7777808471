package io.cascaderadar.connectors.history.coinalyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.PositionSide;
import io.cascaderadar.avro.PriceKind;
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

class CoinalyzeLiquidationsTest {

    private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
    private static final String FILE = "daily_liquidations_oi/coinalyze_daily_BTC_liquidation_history.csv";

    private final List<LiquidationEvent> events = new ArrayList<>();
    private final List<DeadLetter> rejects = new ArrayList<>();

    @TempDir
    Path dir;

    @Test
    void everyNonZeroCellOfTheRecordedExportIsOneBucketEvent() throws Exception {
        Path file = RecordedData.file(FILE);
        List<String> lines = Files.readAllLines(file);
        CsvFileReader.Counts counts = read(file);

        assertThat(counts.records()).isEqualTo(lines.size() - 1).isEqualTo(993);
        assertThat(rejects).isEmpty();
        long nonZeroCells = lines.stream().skip(1)
                .flatMap(line -> List.of(line.split(",", -1)).stream().skip(1))
                .filter(cell -> !cell.isBlank() && Double.parseDouble(cell) != 0)
                .count();
        assertThat(events).hasSize((int) nonZeroCells);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.getSampled()).isTrue();
            assertThat(e.getPriceKind()).isEqualTo(PriceKind.UNKNOWN);
            assertThat(e.getQuantityBase()).isEqualTo(e.getNotionalUsd());
            assertThat(e.getBaseAsset()).isEqualTo("BTC");
            assertThat(e.getEventTime().toEpochMilli() % 86_400_000L).isZero();
        });
        assertThat(events.stream().map(LiquidationEvent::getEventId).distinct()).hasSize(events.size());
        assertThat(events.stream().map(LiquidationEvent::getVenue).collect(Collectors.toSet())).isEqualTo(Set.of(
                "binance-usdm", "binance-coinm", "bybit", "okx", "huobi", "bitmex", "bitfinex", "deribit"));
    }

    @Test
    void theDayOfTheJune2022CascadeSumsToItsRowAndLongsDominate() throws Exception {
        Path file = RecordedData.file(FILE);
        List<String> lines = Files.readAllLines(file);
        String[] header = lines.get(0).split(",", -1);
        String[] day = lines.stream().filter(l -> l.startsWith("2022-06-13,")).findFirst().orElseThrow().split(",", -1);
        double expectedLong = 0;
        double expectedShort = 0;
        for (int i = 1; i < header.length; i++) {
            double usd = day[i].isBlank() ? 0 : Double.parseDouble(day[i]);
            if (header[i].endsWith("_long")) {
                expectedLong += usd;
            } else {
                expectedShort += usd;
            }
        }
        read(file);

        Instant june13 = Instant.parse("2022-06-13T00:00:00Z");
        List<LiquidationEvent> ofDay = events.stream().filter(e -> e.getEventTime().equals(june13)).toList();
        assertThat(usd(ofDay, PositionSide.LONG)).isCloseTo(expectedLong, within(1e-3));
        assertThat(usd(ofDay, PositionSide.SHORT)).isCloseTo(expectedShort, within(1e-3));
        assertThat(expectedLong).isGreaterThan(expectedShort).isGreaterThan(50e6);

        LiquidationEvent binanceUsdtLongs = only(ofDay, "BTC/USDT", "binance-usdm", PositionSide.LONG);
        assertThat(binanceUsdtLongs.getNotionalUsd()).isEqualTo(cell(header, day, "BTC/USDT - Binance_long"));
        assertThat(binanceUsdtLongs.getQuoteAsset()).isEqualTo("USDT");
        LiquidationEvent binanceUsdShorts = only(ofDay, "BTC/USD", "binance-coinm", PositionSide.SHORT);
        assertThat(binanceUsdShorts.getNotionalUsd()).isEqualTo(cell(header, day, "BTC/USD - Binance_short"));
        LiquidationEvent bitmexInverseLongs = only(ofDay, "BTC/USD", "bitmex", PositionSide.LONG);
        assertThat(bitmexInverseLongs.getNotionalUsd()).isEqualTo(cell(header, day, "BTC/USD - BitMEX_long"));
    }

    @Test
    void aBadCellRejectsItsWholeRowNamingTheColumnAndZerosAndBlanksGiveNothing() throws Exception {
        Path file = write("""
                t,BTC/USDT - Binance_long,BTC/USDT - Binance_short,BTC/USD - WOO X_long,BTC/USDT - Gate.io_short
                2024-08-05,1500000.5,0.0,,250000
                2024-08-06,12.5,n/a,3,4
                2024-08-07,0,,,
                2024-08-08 04:00:00,-7,1,1,1
                """);
        CsvFileReader.Counts counts = read(file);

        assertThat(counts.records()).isEqualTo(2);
        assertThat(events).extracting(LiquidationEvent::getVenue, LiquidationEvent::getLiquidatedSide,
                        LiquidationEvent::getNotionalUsd)
                .containsExactly(
                        tuple("binance-usdm", PositionSide.LONG, 1500000.5),
                        tuple("gate", PositionSide.SHORT, 250000.0));
        assertThat(events.get(0).getEventTime()).isEqualTo(Instant.parse("2024-08-05T00:00:00Z"));

        assertThat(rejects).hasSize(2);
        DeadLetter badNumber = rejects.get(0);
        assertThat(badNumber.reason).isEqualTo(RejectReason.BAD_NUMBER);
        assertThat(badNumber.detail).contains("btc/usdt - binance_short").contains("n/a");
        assertThat(badNumber.input).isEqualTo("2024-08-06,12.5,n/a,3,4");
        assertThat(badNumber.source).endsWith(":3");
        DeadLetter negative = rejects.get(1);
        assertThat(negative.reason).isEqualTo(RejectReason.NON_POSITIVE);
        assertThat(negative.detail).startsWith("btc/usdt - binance_long: ");
    }

    @Test
    void theSameBucketGivesTheSameIdsAndEachSideItsOwn() throws Exception {
        Path file = write("""
                t,BTC/USDT - Bybit_long,BTC/USDT - Bybit_short
                2022-11-09,100,200
                """);
        read(file);
        read(file);

        assertThat(events).hasSize(4);
        assertThat(events.get(0).getEventId()).isEqualTo(events.get(2).getEventId()).startsWith("coinalyze:");
        assertThat(events.get(1).getEventId()).isEqualTo(events.get(3).getEventId())
                .isNotEqualTo(events.get(0).getEventId());
    }

    @Test
    void anOpenInterestExportIsRefusedRowByRowWithTheRightFormatNamed() throws Exception {
        read(write("""
                t,BTC/USDT - Binance
                2022-11-09,4000000000
                """));

        assertThat(events).isEmpty();
        assertThat(rejects).singleElement().satisfies(d -> {
            assertThat(d.reason).isEqualTo(RejectReason.UNKNOWN_VALUE);
            assertThat(d.detail).contains("btc/usdt - binance").contains(CoinalyzeOpenInterest.ID);
        });
    }

    private CsvFileReader.Counts read(Path file) throws Exception {
        return CsvFileReader.read(file, new CoinalyzeLiquidations(InputRules.defaults(), NOW), events::addAll,
                rejects::add);
    }

    private Path write(String csv) throws Exception {
        return Files.writeString(dir.resolve("liquidations-" + System.nanoTime() + ".csv"), csv);
    }

    private static double usd(List<LiquidationEvent> events, PositionSide side) {
        return events.stream().filter(e -> e.getLiquidatedSide() == side).mapToDouble(LiquidationEvent::getNotionalUsd).sum();
    }

    private static LiquidationEvent only(List<LiquidationEvent> events, String instrument, String venue, PositionSide side) {
        return events.stream()
                .filter(e -> e.getInstrument().equals(instrument) && e.getVenue().equals(venue) && e.getLiquidatedSide() == side)
                .reduce((a, b) -> {
                    throw new AssertionError("two events for " + venue + " " + instrument + " " + side);
                })
                .orElseThrow();
    }

    private static double cell(String[] header, String[] row, String column) {
        return Double.parseDouble(row[List.of(header).indexOf(column)]);
    }
}
