package io.cascaderadar.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cascaderadar.avro.CascadeSignal;
import io.cascaderadar.avro.FeedHealth;
import io.cascaderadar.avro.FeedState;
import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.OpenInterestUpdate;
import io.cascaderadar.avro.Scope;
import io.cascaderadar.jobs.config.DetectorConfig;
import io.cascaderadar.jobs.DetectorInputs;
import io.cascaderadar.jobs.DetectorOutputs;
import io.cascaderadar.jobs.patterns.Signals;
import io.cascaderadar.jobs.testing.DetectorRun;
import io.cascaderadar.jobs.testing.Events;
import io.cascaderadar.jobs.config.EventTimeConfig;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import java.util.ArrayList;
import java.util.List;
import io.cascaderadar.jobs.testing.Flink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DetectorJobTest {
    private static final long T0 = 1_760_000_000_000L - 1_760_000_000_000L % 3_600_000L;

    @RegisterExtension
    static final MiniClusterExtension FLINK = Flink.miniCluster();

    @Test
    void everyLiquidationCountsInTheMarketScope() throws Exception {
        List<LiquidationEvent> events = new ArrayList<>();
        for (long t = T0; t < T0 + 180_000; t += 2_000) {
            events.add(Events.liquidation("bybit", "BTC", t + 500, 1_000, true));
        }
        DetectorRun.Result result = DetectorRun.run(events, List.of(), List.of(), DetectorConfig.replay(), 2);
        List<CascadeSignal> market = result.signals().stream()
                .filter(s -> s.getScope() == Scope.MARKET && s.getScopeKey().equals("ALL"))
                .filter(s -> s.getStepEnd().toEpochMilli() <= T0 + 180_000)
                .toList();
        assertThat(market).hasSize(18);
        assertThat(market).allSatisfy(s -> assertThat(Signals.window(s, 10).getCount()).isEqualTo(5));
    }

    @Test
    void openInterestStressComesEveryMinuteWhileVenuesReport() throws Exception {
        List<OpenInterestUpdate> updates = new ArrayList<>();
        for (long t = T0; t < T0 + 1_800_000; t += 60_000) {
            for (String venue : List.of("binance-usdm", "bybit")) {
                updates.add(OpenInterestUpdate.newBuilder().setVenue(venue).setInstrument("BTCUSDT").setBaseAsset("BTC")
                        .setOpenInterestBase(1000.0).setOpenInterestUsd(1e8).setEventTime(Instant.ofEpochMilli(t + 7_000))
                        .build());
            }
        }
        List<LiquidationEvent> events = List.of(Events.liquidation("bybit", "BTC", T0 + 1_000, 1_000, true));
        DetectorRun.Result result = DetectorRun.run(events, updates, List.of(), DetectorConfig.replay(), 2);
        List<Long> minutes = result.openInterestStress().stream()
                .filter(s -> s.getScope() == Scope.ASSET && s.getEventTime().toEpochMilli() <= T0 + 1_800_000)
                .map(s -> (s.getEventTime().toEpochMilli() - T0) / 60_000).toList();
        assertThat(minutes).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 30).boxed().toList());
        assertThat(result.openInterestStress()).allSatisfy(s -> assertThat(s.getInstruments()).isEqualTo(2));
    }

    /**
     * A venue that says nothing (here a feed-health source that reports once and never again, and never ends)
     * may not hold event time back for the others: with idleness its source stops counting for the watermark.
     */
    @Test
    void aSilentSourceDoesNotStallTheOthers() throws Exception {
        List<LiquidationEvent> events = new ArrayList<>();
        for (long t = T0; t < T0 + 600_000; t += 2_000) {
            events.add(Events.liquidation("bybit", "BTC", t, 1_000, true));
        }
        FeedHealth once = FeedHealth.newBuilder().setVenue("okx").setChannel("liquidations").setState(FeedState.CONNECTED)
                .setEventTime(Instant.ofEpochMilli(T0)).build();
        DetectorConfig config = DetectorConfig.live().withEventTime(
                new EventTimeConfig(Duration.ofSeconds(5), Duration.ofMinutes(10), Duration.ofSeconds(1), Duration.ofHours(1)));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        DetectorOutputs out = DetectorJob.defineWorkflow(env, new DetectorInputs(
                (e, watermarks) -> e.fromData(events, new AvroTypeInfo<>(LiquidationEvent.class)).setParallelism(1)
                        .assignTimestampsAndWatermarks(watermarks).setParallelism(1),
                (e, watermarks) -> e.fromSequence(0, 0).filter(x -> false).map(x -> (OpenInterestUpdate) null,
                        new AvroTypeInfo<>(OpenInterestUpdate.class)).assignTimestampsAndWatermarks(watermarks),
                (e, watermarks) -> e.fromSource(new DataGeneratorSource<>(i -> once, Long.MAX_VALUE,
                        RateLimiterStrategy.perSecond(0.001), new AvroTypeInfo<>(FeedHealth.class)), watermarks, "silent")
                        .setParallelism(1),
                null), config);
        CloseableIterator<CascadeSignal> signals = out.signals().collectAsync();
        JobClient job = env.executeAsync("silent source");
        java.util.concurrent.atomic.AtomicLong reached = new java.util.concurrent.atomic.AtomicLong(Long.MIN_VALUE);
        Thread drain = new Thread(() -> {
            try {
                signals.forEachRemaining(s -> reached.accumulateAndGet(s.getStepEnd().toEpochMilli(), Math::max));
            } catch (RuntimeException cancelled) {
                // the job is cancelled below
            }
        });
        drain.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (reached.get() < T0 + 590_000 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        job.cancel().get();
        signals.close();
        assertThat(reached.get()).as("signals up to the last liquidation, the silent source notwithstanding")
                .isGreaterThanOrEqualTo(T0 + 590_000);
    }

    @Test
    void aFeedGapMarksTheStepsItCoversAndNoOthers() throws Exception {
        List<LiquidationEvent> events = new ArrayList<>();
        for (long t = T0; t < T0 + 600_000; t += 2_000) {
            events.add(Events.liquidation("bybit", "BTC", t + 500, 1_000, true));
        }
        List<FeedHealth> health = List.of(
                FeedHealth.newBuilder().setVenue("okx").setChannel("liquidations").setState(FeedState.GAP)
                        .setEventTime(Instant.ofEpochMilli(T0 + 120_000)).setGapStart(Instant.ofEpochMilli(T0 + 120_000)).build(),
                FeedHealth.newBuilder().setVenue("okx").setChannel("liquidations").setState(FeedState.RECOVERED)
                        .setEventTime(Instant.ofEpochMilli(T0 + 200_000)).setGapStart(Instant.ofEpochMilli(T0 + 120_000))
                        .setGapEnd(Instant.ofEpochMilli(T0 + 200_000)).build());
        DetectorRun.Result result = DetectorRun.run(events, List.of(), health, DetectorConfig.replay(), 2);
        List<Long> gapSteps = result.signals().stream()
                .filter(s -> s.getScope() == Scope.MARKET && s.getScopeKey().equals("ALL"))
                .filter(s -> !s.getCoverageGaps().isEmpty())
                .map(s -> s.getStepEnd().toEpochMilli() - T0)
                .toList();
        assertThat(gapSteps).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(13, 20).map(i -> i * 10_000).boxed().toList());
    }

    /**
     * On-chain liquidations reach the detector minutes behind the CEX feeds (a confirmation depth, then a poll).
     * Read as they arrive: without allowed lateness the DeFi burst after a CEX cascade is lost as late; with the
     * live allowance it amends the DeFi windows and is contagion; a retraction of part of it (a reorg) then takes
     * exactly that part back out of the windows.
     */
    @Test
    void onChainLiquidationsArrivingMinutesBehindCountWithinTheAllowedLatenessAndRetractionsTakeThemBack() throws Exception {
        long lag = 4 * 60_000L;
        List<Arrival> arrivals = new ArrayList<>();
        for (long step = 0; step < 6 * 150; step++) {
            boolean cascade = step >= 6 * 90 && step < 6 * 105;
            for (String asset : List.of("BTC", "ETH")) {
                int rows = cascade ? 15 : step % 6 == 0 ? 1 : 0;
                for (int i = 0; i < rows; i++) {
                    long t = T0 + 10_000 * step + 500L * i;
                    arrivals.add(new Arrival(t, Events.liquidation("bybit", asset, t, cascade ? 600_000 : 20_000, cascade || step % 12 < 6)));
                }
            }
        }
        List<LiquidationEvent> burst = new ArrayList<>();
        for (int block = 0; block < 10; block++) {
            long t = T0 + 124 * 60_000L + 24_000L * block;
            for (int i = 0; i < 5; i++) {
                LiquidationEvent e = Events.liquidation("aave-v3", "ETH", t, 400_000, true);
                burst.add(e);
                arrivals.add(new Arrival(t + lag, e));
            }
        }
        arrivals.sort(java.util.Comparator.comparingLong(Arrival::at));
        List<LiquidationEvent> asArrived = arrivals.stream().map(Arrival::event).toList();
        DetectorConfig lateAllowed = DetectorConfig.replay().withEventTime(
                new EventTimeConfig(Duration.ofSeconds(5), Duration.ofMinutes(10), Duration.ZERO, Duration.ofHours(1)));

        DetectorRun.Result strict = DetectorRun.runAsArrived(asArrived, DetectorConfig.replay());
        assertThat(strict.deadLetters()).hasSize(burst.size())
                .allSatisfy(d -> assertThat(d.reason).isEqualTo(io.cascaderadar.connectors.validation.RejectReason.LATE_EVENT));
        assertThat(strict.alerts()).noneMatch(DetectorJobTest::contagion);

        DetectorRun.Result allowing = DetectorRun.runAsArrived(asArrived, lateAllowed);
        assertThat(allowing.deadLetters()).isEmpty();
        assertThat(allowing.alerts()).filteredOn(DetectorJobTest::contagion).isNotEmpty()
                .allSatisfy(a -> assertThat(a.getDetectedAt().toEpochMilli()).isGreaterThan(T0 + 124 * 60_000L));
        assertThat(defiUsd60m(allowing).values().stream().mapToDouble(Double::doubleValue).max().orElse(0))
                .as("every on-chain liquidation counted").isEqualTo(burst.size() * 400_000.0);

        // A reorg withdraws the last block, noticed 2 minutes after it arrived.
        List<Arrival> withRetractions = new ArrayList<>(arrivals);
        List<LiquidationEvent> lastBlock = burst.subList(burst.size() - 5, burst.size());
        long noticed = lastBlock.get(0).getEventTime().toEpochMilli() + lag + 120_000;
        for (LiquidationEvent e : lastBlock) {
            withRetractions.add(new Arrival(noticed, LiquidationEvent.newBuilder(e).setRetracted(true).build()));
        }
        withRetractions.sort(java.util.Comparator.comparingLong(Arrival::at));
        DetectorRun.Result retracted = DetectorRun.runAsArrived(withRetractions.stream().map(Arrival::event).toList(), lateAllowed);
        assertThat(retracted.deadLetters()).isEmpty();
        java.util.Map<Long, Double> before = defiUsd60m(allowing);
        java.util.Map<Long, Double> after = defiUsd60m(retracted);
        long firstStepAfter = (noticed / 10_000 + 1) * 10_000;
        assertThat(after).containsKey(firstStepAfter);
        // Every step after the retraction came in is without the withdrawn block. Steps before keep it, except those
        // the operators had not evaluated yet when it reached them (their watermark trails the source's).
        after.forEach((stepEnd, usd) -> {
            double counted = before.get(stepEnd);
            if (stepEnd >= firstStepAfter) {
                assertThat(usd).as("DeFi USD over 60 min at step " + stepEnd).isCloseTo(counted - 5 * 400_000.0, within(1e-3));
            } else {
                assertThat(usd).as("DeFi USD over 60 min at step " + stepEnd)
                        .satisfiesAnyOf(u -> assertThat(u).isCloseTo(counted, within(1e-3)),
                                u -> assertThat(u).isCloseTo(counted - 5 * 400_000.0, within(1e-3)));
            }
        });
    }

    private record Arrival(long at, LiquidationEvent event) {}

    private static boolean contagion(io.cascaderadar.avro.DeleveragingAlert a) {
        return a.getEvidence().getPatterns().contains(io.cascaderadar.avro.AlertPattern.CEX_DEFI_CONTAGION);
    }

    /** The MARKET:DEFI scope's 60-minute USD by step end, within the first hour after the burst. */
    private static java.util.Map<Long, Double> defiUsd60m(DetectorRun.Result result) {
        java.util.Map<Long, Double> usd = new java.util.TreeMap<>();
        result.signals().stream()
                .filter(s -> s.getScope() == Scope.MARKET && s.getScopeKey().equals("DEFI"))
                .filter(s -> s.getStepEnd().toEpochMilli() < T0 + 180 * 60_000L)
                .forEach(s -> usd.put(s.getStepEnd().toEpochMilli(), Signals.window(s, 3600).getUsd()));
        return usd;
    }
}
