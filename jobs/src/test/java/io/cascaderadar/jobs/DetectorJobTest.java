package io.cascaderadar.jobs;

import static org.assertj.core.api.Assertions.assertThat;

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
                new EventTimeConfig(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofHours(1)));
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
}
