package io.cascaderadar.jobs.signals;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascaderadar.avro.OpenInterestChange;
import io.cascaderadar.avro.OpenInterestStress;
import io.cascaderadar.avro.Scope;
import io.cascaderadar.jobs.config.OpenInterestConfig;
import io.cascaderadar.jobs.ingest.ScopedLiquidations;
import io.cascaderadar.jobs.ingest.ScopedOpenInterest;
import java.util.List;
import org.assertj.core.data.Offset;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenInterestStressFunctionTest {
    private static final long T0 = 1_760_000_000_000L - 1_760_000_000_000L % 3_600_000L;
    private static final long MINUTE = 60_000;

    private KeyedTwoInputStreamOperatorTestHarness<String, ScopedOpenInterest, ScopedLiquidations, OpenInterestStress> harness;

    @BeforeEach
    void open() throws Exception {
        harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new OpenInterestStressFunction(OpenInterestConfig.defaults(), null)),
                oi -> oi.scopeId, liq -> liq.scopeId, Types.STRING);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void aSteadyFallOfTwoVenuesIsMeasuredAndExplainedByLiquidations() throws Exception {
        for (int m = 0; m < 80; m++) {
            long t = T0 + m * MINUTE + 5_000;
            double base = m < 60 ? 1000 + (m % 2) : 1000 - 10 * (m - 60);   // flat, then -1% of the start per minute
            oi("binance/BTCUSDT", t, base, base * 100);
            oi("bybit/BTCUSDT", t + 7_000, base, base * 100);
            if (m >= 60) {
                harness.processElement2(new ScopedLiquidations(Scope.ASSET, "BTC", t - t % 10_000)
                        .add(t, 500, 5, true, false, false), t);
            }
            harness.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(t));
        }
        harness.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(T0 + 75 * MINUTE));
        List<OpenInterestStress> out = harness.extractOutputValues();
        assertThat(out.stream().filter(s -> s.getEventTime().toEpochMilli() <= T0 + 60 * MINUTE))
                .isNotEmpty().noneMatch(OpenInterestStress::getFlush);
        OpenInterestStress last = out.stream().filter(s -> s.getEventTime().toEpochMilli() == T0 + 75 * MINUTE)
                .findFirst().orElseThrow();
        OpenInterestChange fifteen = last.getChanges().get(1);
        assertThat(fifteen.getWindowSeconds()).isEqualTo(900);
        // Minute 74 against minute 59: 2 x 860 against 2 x 1001.
        assertThat(fifteen.getChangePctBase()).isCloseTo(100.0 * (1720 - 2002) / 2002, Offset.offset(1e-9));
        // 15 liquidations of 5 BTC in minutes 60..74 explain 75 of the 282 closed.
        assertThat(fifteen.getForcedShare()).isCloseTo(75.0 / 282, Offset.offset(1e-9));
        assertThat(last.getFlush()).isTrue();
        assertThat(last.getOpenInterestBase()).isEqualTo(2 * 860.0);
        assertThat(last.getInstruments()).isEqualTo(2);
    }

    @Test
    void reportsAheadOfTheWatermarkWaitAndStateGoesWhenReportsStop() throws Exception {
        // Both venues' reports for half an hour arrive before any watermark: nothing may be overwritten.
        for (int m = 0; m < 30; m++) {
            oi("binance/BTCUSDT", T0 + m * MINUTE + 5_000, 1000 - m, 1e5);
            oi("bybit/BTCUSDT", T0 + m * MINUTE + 9_000, 2000 - m, 2e5);
        }
        assertThat(harness.numEventTimeTimers()).as("the earliest waiting minute's").isEqualTo(1);
        harness.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(T0 + 30 * MINUTE));
        List<OpenInterestStress> out = harness.extractOutputValues();
        assertThat(out).hasSize(30);
        assertThat(out.get(29).getOpenInterestBase()).isEqualTo(971.0 + 1971.0);
        assertThat(out.get(29).getChanges().get(1).getChangePctBase()).isCloseTo(-100.0 * 30 / (986 + 1986), Offset.offset(1e-9));

        harness.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(T0 + 3 * 60 * MINUTE));
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void reportsAfterTheScopeWentStaleAreEvaluatedThoughTheyWaitedWithoutATimerOfTheirOwn() throws Exception {
        // Ten minutes of reports, three hours without, ten minutes more: all before any watermark.
        for (int m = 0; m < 200; m = m == 9 ? 190 : m + 1) {
            oi("binance/BTCUSDT", T0 + m * MINUTE + 5_000, 1000 - m, 1e5);
        }
        assertThat(harness.numEventTimeTimers()).as("the earliest waiting minute's").isEqualTo(1);
        harness.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(T0 + 5 * 60 * MINUTE));

        List<Long> minutesEvaluated = harness.extractOutputValues().stream()
                .map(s -> (s.getEventTime().toEpochMilli() - T0) / MINUTE - 1).toList();
        assertThat(minutesEvaluated).as("evaluated until stale, and again from the first report after").contains(0L, 9L, 190L, 199L)
                .doesNotContain(100L, 189L);
        assertThat(harness.extractOutputValues().get(minutesEvaluated.indexOf(190L)).getOpenInterestBase()).isEqualTo(810.0);
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void aVenueGivingOneUnitHasTheOtherValuedAtThePriceTheAssetsOtherInstrumentsImply() throws Exception {
        for (int m = 0; m < 20; m++) {
            long t = T0 + m * MINUTE + 5_000;
            oi("binance-usdm/BTCUSDT", t, 50 - m, Double.NaN);              // base units only
            oi("binance-coinm/BTCUSD_PERP", t, Double.NaN, 1_200_000);      // USD only
            if (m >= 5) {
                oi("bybit/BTCUSDT", t, 100, 6_000_000);                     // both: 60,000 USD a BTC
            }
            harness.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(t));
        }
        harness.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(T0 + 20 * MINUTE));
        List<OpenInterestStress> out = harness.extractOutputValues();
        // Before Bybit reports no price is known: each venue counts in its own unit only.
        OpenInterestStress alone = out.get(0);
        assertThat(alone.getOpenInterestBase()).isEqualTo(50.0);
        assertThat(alone.getOpenInterestUsd()).isEqualTo(1_200_000.0);
        assertThat(alone.getInstruments()).isEqualTo(2);
        // Then Binance's 31 BTC are worth 1.86M USD, COIN-M's 1.2M USD are 20 BTC.
        OpenInterestStress last = out.get(out.size() - 1);
        assertThat(last.getEventTime().toEpochMilli()).isEqualTo(T0 + 20 * MINUTE);
        assertThat(last.getOpenInterestBase()).isCloseTo(31 + 20 + 100, Offset.offset(1e-9));
        assertThat(last.getOpenInterestUsd()).isCloseTo(1_860_000 + 1_200_000 + 6_000_000, Offset.offset(1e-6));
        // Over 5 minutes at a steady price only Binance's base fell, by 5 of 156 BTC.
        assertThat(last.getChanges().get(0).getChangePctBase()).isCloseTo(-100.0 * 5 / 156, Offset.offset(1e-9));
        assertThat(last.getChanges().get(0).getChangePctUsd()).isCloseTo(-100.0 * 5 * 60_000 / (156 * 60_000), Offset.offset(1e-9));
    }

    private void oi(String instrument, long t, double base, double usd) throws Exception {
        harness.processElement1(new ScopedOpenInterest(Scope.ASSET, "BTC", "BTC", instrument, t, base, usd), t);
    }
}
