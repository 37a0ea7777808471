package io.cascaderadar.jobs.alerts;

import static io.cascaderadar.avro.IntensityLevel.ELEVATED;
import static io.cascaderadar.avro.IntensityLevel.SEVERE;
import static org.assertj.core.api.Assertions.assertThat;

import io.cascaderadar.avro.AlertPattern;
import io.cascaderadar.avro.AlertState;
import io.cascaderadar.avro.CascadeSignal;
import io.cascaderadar.avro.DeleveragingAlert;
import io.cascaderadar.avro.Direction;
import io.cascaderadar.avro.Scope;
import io.cascaderadar.avro.Severity;
import io.cascaderadar.jobs.config.PatternConfig;
import io.cascaderadar.jobs.patterns.PatternMatch;
import io.cascaderadar.jobs.testing.Signals;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AlertLifecycleTest {
    private static final long T0 = 1_760_000_000_000L - 1_760_000_000_000L % 3_600_000L;
    private static final long STEP = 10_000;

    private KeyedOneInputStreamOperatorTestHarness<String, PatternMatch, DeleveragingAlert> harness;

    @BeforeEach
    void open() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new AlertLifecycle(PatternConfig.defaults(), true)),
                m -> AlertLifecycle.MARKET_KEY, Types.STRING);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void oneAlertPerEpisodeGoesOpenEscalatedResolvedAndLeavesNoState() throws Exception {
        send(match(AlertPattern.CASCADE_ONSET, Severity.WATCH, Scope.MARKET, "ALL", 1, 2, ELEVATED));
        send(match(AlertPattern.CASCADE_ONSET, Severity.WATCH, Scope.MARKET, "ALL", 3, 4, ELEVATED));
        send(match(AlertPattern.SUSTAINED_CASCADE, Severity.WARNING, Scope.MARKET, "ALL", 5, 6, SEVERE));
        send(match(AlertPattern.MARKET_WIDE, Severity.CRITICAL, Scope.MARKET, "ALL", 5, 8, SEVERE));
        send(match(AlertPattern.SUSTAINED_CASCADE, Severity.WARNING, Scope.MARKET, "ALL", 9, 10, SEVERE));
        send(match(AlertPattern.RESOLUTION, Severity.WATCH, Scope.MARKET, "ALL", 9, 200, ELEVATED));
        harness.processWatermark(T0 + 300 * STEP);

        List<DeleveragingAlert> alerts = harness.extractOutputValues();
        assertThat(alerts).extracting(DeleveragingAlert::getState).containsExactly(
                AlertState.OPEN, AlertState.ESCALATED, AlertState.ESCALATED, AlertState.RESOLVED);
        assertThat(alerts).extracting(DeleveragingAlert::getSeverity).containsExactly(
                Severity.WATCH, Severity.WARNING, Severity.CRITICAL, Severity.CRITICAL);
        assertThat(alerts).extracting(DeleveragingAlert::getSequence).containsExactly(1, 2, 3, 4);
        assertThat(alerts).extracting(DeleveragingAlert::getAlertId).containsOnly(alerts.get(0).getAlertId());
        assertThat(alerts).allSatisfy(a -> {
            assertThat(a.getEpisodeStart().toEpochMilli()).isEqualTo(T0 + STEP - STEP);
            assertThat(a.getEmittedAt()).isEqualTo(a.getDetectedAt());
            assertThat(a.getDirection()).isEqualTo(Direction.LONG_FLUSH);
            assertThat(a.getSummary()).startsWith("MARKET ALL");
        });
        assertThat(alerts.get(3).getEvidence().getPatterns()).containsExactly(AlertPattern.CASCADE_ONSET,
                AlertPattern.SUSTAINED_CASCADE, AlertPattern.MARKET_WIDE, AlertPattern.RESOLUTION);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void assetsJoinTheOpenMarketAlertInsteadOfRaisingTheirOwn() throws Exception {
        send(match(AlertPattern.CASCADE_ONSET, Severity.WATCH, Scope.MARKET, "ALL", 1, 2, ELEVATED));
        send(match(AlertPattern.CASCADE_ONSET, Severity.WATCH, Scope.ASSET, "SOL", 1, 10, ELEVATED));
        send(match(AlertPattern.CASCADE_ONSET, Severity.WATCH, Scope.ASSET, "ETH", 1, 12, ELEVATED));
        send(match(AlertPattern.CASCADE_ONSET, Severity.WATCH, Scope.MARKET, "ALL", 25, 26, ELEVATED));
        harness.processWatermark(T0 + 100 * STEP);

        List<DeleveragingAlert> alerts = harness.extractOutputValues();
        assertThat(alerts).allSatisfy(a -> assertThat(a.getScopeKey()).isEqualTo("ALL"));
        assertThat(alerts).extracting(a -> a.getState() + "@" + (a.getDetectedAt().toEpochMilli() - T0) / STEP)
                .as("ETH joins 20 s after SOL's update: it waits for the next record a minute later")
                .containsExactly("OPEN@2", "UPDATED@10", "UPDATED@26");
        assertThat(alerts.get(1).getEvidence().getAssets()).containsExactly("SOL");
        assertThat(alerts.get(2).getEvidence().getAssets()).containsExactly("ETH", "SOL");
    }

    @Test
    void anAssetAlertOpenedBeforeTheMarketsFallsSilentUntilItResolves() throws Exception {
        send(match(AlertPattern.CASCADE_ONSET, Severity.WATCH, Scope.ASSET, "SUI", 1, 2, ELEVATED));
        send(match(AlertPattern.CASCADE_ONSET, Severity.WATCH, Scope.MARKET, "ALL", 3, 4, ELEVATED));
        send(match(AlertPattern.SUSTAINED_CASCADE, Severity.WARNING, Scope.ASSET, "SUI", 3, 20, SEVERE));
        send(match(AlertPattern.RESOLUTION, Severity.WATCH, Scope.ASSET, "SUI", 3, 200, ELEVATED));
        harness.processWatermark(T0 + 300 * STEP);

        assertThat(harness.extractOutputValues()).extracting(a -> a.getScopeKey() + " " + a.getState() + " " + a.getSeverity())
                .containsExactly("SUI OPEN WATCH", "ALL OPEN WATCH", "ALL ESCALATED WARNING", "SUI RESOLVED WATCH");
    }

    @Test
    void anAssetCascadeAloneRaisesItsOwnAlertAndUpdatesAreRateLimited() throws Exception {
        send(match(AlertPattern.CASCADE_ONSET, Severity.WATCH, Scope.ASSET, "SUI", 1, 2, ELEVATED));
        send(match(AlertPattern.SUSTAINED_CASCADE, Severity.WARNING, Scope.ASSET, "SUI", 1, 3, SEVERE));
        send(match(AlertPattern.OI_FLUSH, Severity.WARNING, Scope.ASSET, "SUI", 1, 4, SEVERE));
        send(match(AlertPattern.OI_FLUSH, Severity.WARNING, Scope.ASSET, "SUI", 1, 12, SEVERE));
        harness.processWatermark(T0 + 100 * STEP);

        List<DeleveragingAlert> alerts = harness.extractOutputValues();
        assertThat(alerts).extracting(a -> a.getState() + "@" + (a.getDetectedAt().toEpochMilli() - T0) / STEP)
                .as("the OI flush at step 4 comes within a minute of the escalation; it is reported at step 12")
                .containsExactly("OPEN@2", "ESCALATED@3", "UPDATED@12");
        assertThat(alerts.get(2).getEvidence().getPatterns()).contains(AlertPattern.OI_FLUSH);
    }

    @Test
    void theSameMatchesGiveTheSameIdsInAnyArrivalOrder() throws Exception {
        PatternMatch a = match(AlertPattern.CASCADE_ONSET, Severity.WATCH, Scope.ASSET, "BTC", 1, 2, ELEVATED);
        PatternMatch b = match(AlertPattern.CASCADE_ONSET, Severity.WATCH, Scope.ASSET, "ETH", 1, 2, ELEVATED);
        send(b);
        send(a);
        harness.processWatermark(T0 + 10 * STEP);
        List<DeleveragingAlert> alerts = harness.extractOutputValues();
        assertThat(alerts).extracting(DeleveragingAlert::getScopeKey).containsExactly("BTC", "ETH");
        assertThat(alerts.get(0).getAlertId()).isNotEqualTo(alerts.get(1).getAlertId());
    }

    private void send(PatternMatch m) throws Exception {
        harness.processElement(m, m.time - 1);
    }

    private static PatternMatch match(AlertPattern pattern, Severity severity, Scope scope, String key, int firstStep,
            int lastStep, io.cascaderadar.avro.IntensityLevel level) {
        CascadeSignal first = Signals.signal(scope, key, T0 + firstStep * STEP, level, 1e7);
        CascadeSignal last = Signals.signal(scope, key, T0 + lastStep * STEP, level, 1e7 * lastStep);
        return PatternMatch.of(pattern, severity, first, last);
    }
}
