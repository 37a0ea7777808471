package io.cascaderadar.jobs.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascaderadar.avro.FeedState;
import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.PositionSide;
import io.cascaderadar.connectors.testing.RecordedData;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SimulatorTest {
    private static final Instant CORE_START = Instant.parse("2025-10-10T20:50:00Z");
    private static final Instant CORE_END = Instant.parse("2025-10-10T21:30:00Z");
    private static final Instant BURST_START = Instant.parse("2025-10-10T21:15:03Z");

    private static Simulation oct10;

    @BeforeAll
    static void simulate() {
        oct10 = Simulator.run(Scenarios.named("2025-10-10"), 42);
    }

    @Test
    void theSameSeedGivesTheSameMarketAndAnotherSeedAnother() {
        Simulation again = Simulator.run(Scenarios.named("calm"), 7);
        assertThat(Simulator.run(Scenarios.named("calm"), 7).liquidations()).isEqualTo(again.liquidations());
        assertThat(Simulator.run(Scenarios.named("calm"), 8).liquidations()).isNotEqualTo(again.liquidations());
    }

    @Test
    void theCexCascadeMatchesThePublishedFigures() {
        double core = oct10.cexUsdByMinute().entrySet().stream()
                .filter(e -> !e.getKey().isBefore(CORE_START) && e.getKey().isBefore(CORE_END))
                .mapToDouble(Map.Entry::getValue).sum();
        double calm = 40 * oct10.scenario().calmUsdPerMinute();
        assertThat(core - calm).as("Amberdata: $6.93B in the 40 core minutes").isCloseTo(6.93e9, within(0.07e9 * 10));
        Instant peak = oct10.cexUsdByMinute().entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        assertThat(peak).isEqualTo(Instant.parse("2025-10-10T21:15:00Z"));
        assertThat(oct10.cexUsdByMinute().get(peak)).as("Amberdata: $3.21B in the peak minute").isCloseTo(3.21e9, within(0.35e9));
        List<LiquidationEvent> coreEvents = oct10.liquidations().stream()
                .filter(e -> !e.getEventTime().isBefore(CORE_START) && e.getEventTime().isBefore(CORE_END)).toList();
        double longUsd = coreEvents.stream().filter(e -> e.getLiquidatedSide() == PositionSide.LONG)
                .mapToDouble(LiquidationEvent::getNotionalUsd).sum();
        double allUsd = coreEvents.stream().mapToDouble(LiquidationEvent::getNotionalUsd).sum();
        assertThat(longUsd / allUsd).as("about 84% longs").isBetween(0.78, 0.92);
    }

    @Test
    void hyperliquidsBurstMatchesItsPublishedTotalsAndRecordedTimeline() throws Exception {
        List<LiquidationEvent> burst = oct10.liquidations().stream()
                .filter(e -> e.getVenue().equals("hyperliquid") && !e.getEventTime().isBefore(BURST_START)
                        && e.getEventTime().isBefore(BURST_START.plusSeconds(720)))
                .toList();
        assertThat((double) burst.size()).isCloseTo(63_637, within(63_637 * 0.03));
        assertThat(burst.stream().mapToDouble(LiquidationEvent::getNotionalUsd).sum()).isCloseTo(5.51e9, within(5.51e9 * 0.2));

        TreeMap<Long, Long> perSecond = burst.stream().collect(Collectors.groupingBy(
                e -> e.getEventTime().getEpochSecond() - BURST_START.getEpochSecond(), TreeMap::new, Collectors.counting()));
        JsonNode recorded = new ObjectMapper().readTree(
                RecordedData.file("ground_truth/hyperliquid_2025-10-10_cascade_timing_results.json").toFile());
        TreeMap<Long, Long> recordedPerSecond = new TreeMap<>();
        recorded.get("timeline").forEach(s -> recordedPerSecond.put(s.get("second").asLong(), s.get("liquidations").asLong()));
        assertThat(peakSecond(perSecond)).isEqualTo(peakSecond(recordedPerSecond));
        for (long cut : List.of(120L, 180L, 300L, 420L)) {
            assertThat(shareBy(perSecond, cut)).as("share of the burst by +%d s", cut)
                    .isCloseTo(shareBy(recordedPerSecond, cut), within(0.06));
        }
    }

    @Test
    void throttledVenuesPushAtMostOneLiquidationPerInstrumentAndSecond() {
        Map<String, Long> perSecond = oct10.liquidations().stream().filter(LiquidationEvent::getSampled)
                .collect(Collectors.groupingBy(e -> e.getVenue() + e.getInstrument() + e.getEventTime().getEpochSecond(),
                        Collectors.counting()));
        assertThat(perSecond.values()).containsOnly(1L);
        double emitted = oct10.liquidations().stream().filter(e -> e.getVenue().equals("binance-usdm"))
                .mapToDouble(LiquidationEvent::getNotionalUsd).sum();
        assertThat(emitted).as("a lower bound").isLessThan(0.5 * oct10.trueUsdByVenue().get("binance-usdm"));
    }

    @Test
    void aFeedGapLosesItsLiquidationsAndIsReported() {
        Instant from = Instant.parse("2025-10-10T21:20:00Z");
        Instant to = Instant.parse("2025-10-10T21:21:30Z");
        assertThat(oct10.liquidations()).noneMatch(e -> e.getVenue().equals("okx")
                && !e.getEventTime().isBefore(from) && e.getEventTime().isBefore(to));
        assertThat(oct10.feedHealth()).anySatisfy(h -> {
            assertThat(h.getVenue()).isEqualTo("okx");
            assertThat(h.getState()).isEqualTo(FeedState.RECOVERED);
            assertThat(h.getGapStart()).isEqualTo(from);
            assertThat(h.getGapEnd()).isEqualTo(to);
        });
    }

    @Test
    void openInterestFallsWithTheCascadeAndBybitCountsBothSides() {
        double before = totalOpenInterest(Instant.parse("2025-10-10T20:00:00Z"));
        double after = totalOpenInterest(Instant.parse("2025-10-10T22:00:00Z"));
        assertThat(after / before).isBetween(0.6, 0.9);
        assertThat(oct10.openInterest()).filteredOn(u -> u.getVenue().equals("bybit"))
                .allSatisfy(u -> assertThat(u.getSidedness().name()).isEqualTo("TWO_SIDED"));
    }

    private static double totalOpenInterest(Instant minute) {
        return oct10.openInterest().stream()
                .filter(u -> !u.getEventTime().isBefore(minute) && u.getEventTime().isBefore(minute.plusSeconds(60)))
                .mapToDouble(u -> u.getOpenInterestBase() * (u.getVenue().equals("bybit") ? 0.5 : 1)
                        * u.getOpenInterestUsd() / u.getOpenInterestBase())
                .sum();
    }

    private static long peakSecond(TreeMap<Long, Long> perSecond) {
        return perSecond.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    private static double shareBy(TreeMap<Long, Long> perSecond, long second) {
        double total = perSecond.values().stream().mapToLong(Long::longValue).sum();
        return perSecond.headMap(second, true).values().stream().mapToLong(Long::longValue).sum() / total;
    }
}
