package io.cascaderadar.connectors.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.PositionSide;
import io.cascaderadar.avro.PriceKind;
import io.cascaderadar.connectors.csv.CsvFileReader;
import io.cascaderadar.connectors.history.aave.AaveV2SubgraphLiquidations;
import io.cascaderadar.connectors.history.binance.BinanceForceOrderRecorderCsv;
import io.cascaderadar.connectors.testing.RecordedData;
import io.cascaderadar.connectors.validation.DeadLetter;
import io.cascaderadar.connectors.validation.InputRules;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The history importers on the real recorded files of ../shared/data. */
class RecordedHistoryImportTest {

    private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");

    @Test
    void aaveV2SubgraphExportScalesRawAndScaledAmountsAndKnowsWhoIsLong() throws Exception {
        List<LiquidationEvent> events = new ArrayList<>();
        List<DeadLetter> rejects = new ArrayList<>();
        CsvFileReader.Counts counts = CsvFileReader.read(
                RecordedData.file("defi_onchain/aave_v2_liquidations_thegraph_2020-12-17_2022-04-03_TheRensselaerIDEA.csv"),
                new AaveV2SubgraphLiquidations(InputRules.defaults(), NOW), events::add, rejects::add);

        assertThat(counts.records() + counts.rejected()).isEqualTo(11_497);
        // 151 rows carry no reserve price at all: they cannot be valued and must say so.
        assertThat(rejects).allSatisfy(d -> assertThat(d.detail).contains("no USD price"));
        assertThat(rejects).hasSizeLessThan(200);
        assertThat(events.stream().filter(e -> day(e).equals(LocalDate.of(2021, 5, 19)))).hasSizeGreaterThan(650);

        // Raw row: 0.3309 WETH seized for 639.17 GUSD (2 decimals) repaid at 0.9047 USD: no collateral price,
        // so the debt repaid values it.
        LiquidationEvent raw = byBorrower(events, "0x3424b949dbc5d2d2654cb6fc622c4d723b2e8fb4", 1626124715);
        assertThat(raw.getLiquidatedSide()).isEqualTo(PositionSide.LONG);
        assertThat(raw.getBaseAsset()).isEqualTo("ETH");
        assertThat(raw.getQuantityBase()).isCloseTo(0.330855192754556269, within(1e-12));
        assertThat(raw.getNotionalUsd()).isCloseTo(639.17 * 0.9047331035369268, within(1e-6));
        assertThat(raw.getPriceKind()).isEqualTo(PriceKind.ORACLE);

        // USDC collateral against YFI debt: the borrower was short YFI.
        LiquidationEvent shortYfi = byBorrower(events, "0xc6145175d51edfd6383851dc101f5872a79d7829", 1621319875);
        assertThat(shortYfi.getLiquidatedSide()).isEqualTo(PositionSide.SHORT);
        assertThat(shortYfi.getBaseAsset()).isEqualTo("YFI");
        assertThat(shortYfi.getNotionalUsd()).isCloseTo(0.082079718741270808 * 73178.91942558007, within(1e-6));

        // Scaled row: amounts already in token units, USD given by the subgraph.
        LiquidationEvent scaled = byBorrower(events, "0xd6e59c17601f91151acc0c79620358154a150fb5", 1643887767);
        assertThat(scaled.getQuantityBase()).isCloseTo(1.046086896423974, within(1e-12));
        assertThat(scaled.getNotionalUsd()).isCloseTo(1.046086896423974 * 2604.986250959853, within(1e-6));
        assertThat(scaled.getLiquidator()).isEqualTo("0xd911560979b78821d7b045c79e36e9cbfc2f6c6f");

        // The subgraph indexed a few calls twice (same borrower, block time, reserves and amounts; the price
        // read differs): those, and only those, share an id, and the job's de-duplication drops the repeat.
        Map<String, Set<List<Object>>> byId = events.stream().collect(Collectors.groupingBy(
                LiquidationEvent::getEventId, Collectors.mapping(
                        e -> List.<Object>of(e.getBorrower(), e.getEventTime(), e.getInstrument(), e.getQuantityBase()),
                        Collectors.toSet())));
        assertThat(byId.values()).allSatisfy(same -> assertThat(same).hasSize(1));
        assertThat(byId).hasSizeGreaterThan(events.size() - 20);
    }

    @Test
    void binanceRecorderCsvTurnsOrderSidesIntoPositionSidesAndRestoresSymbols() throws Exception {
        List<LiquidationEvent> events = new ArrayList<>();
        List<DeadLetter> rejects = new ArrayList<>();
        CsvFileReader.read(RecordedData.file("binance_forceorder/binance_forceorder_csv_snippets_2024-2025.csv"),
                new BinanceForceOrderRecorderCsv(InputRules.defaults(), NOW), events::add, rejects::add);

        assertThat(events.size() + rejects.size()).isEqualTo(5_846);
        assertThat(events).hasSizeGreaterThan(5_800).allSatisfy(e -> {
            assertThat(e.getSampled()).isTrue();
            assertThat(e.getInstrument()).endsWith(e.getQuoteAsset());
            assertThat(e.getNotionalUsd()).isEqualTo(e.getPrice() * e.getQuantityBase());
        });
        // The recorded first row: BUY of 4421 RARE at an average 0.2185 liquidated a SHORT.
        LiquidationEvent rare = events.stream().filter(e -> e.getEventTime().toEpochMilli() == 1723895903305L).findFirst().orElseThrow();
        assertThat(rare.getLiquidatedSide()).isEqualTo(PositionSide.SHORT);
        assertThat(rare.getInstrument()).isEqualTo("RAREUSDT");
        assertThat(rare.getBaseAsset()).isEqualTo("RARE");
        assertThat(rare.getPrice()).isEqualTo(0.2185);
        Set<PriceKind> kinds = events.stream().map(LiquidationEvent::getPriceKind).collect(Collectors.toSet());
        assertThat(kinds).containsExactlyInAnyOrder(PriceKind.AVERAGE_FILL, PriceKind.UNKNOWN);
    }

    private static LiquidationEvent byBorrower(List<LiquidationEvent> events, String borrower, long epochSecond) {
        return events.stream()
                .filter(e -> e.getBorrower().equals(borrower) && e.getEventTime().getEpochSecond() == epochSecond)
                .findFirst().orElseThrow();
    }

    private static LocalDate day(LiquidationEvent e) {
        return e.getEventTime().atZone(ZoneOffset.UTC).toLocalDate();
    }
}
