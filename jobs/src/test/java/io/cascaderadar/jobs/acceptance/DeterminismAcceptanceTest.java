package io.cascaderadar.jobs.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascaderadar.avro.CascadeSignal;
import io.cascaderadar.jobs.config.DetectorConfig;
import io.cascaderadar.jobs.sim.Scenarios;
import io.cascaderadar.jobs.sim.Simulation;
import io.cascaderadar.jobs.sim.Simulator;
import io.cascaderadar.jobs.testing.DetectorRun;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import io.cascaderadar.jobs.testing.Flink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Replays are event-time exact: what the detector says may not depend on how fast event time advanced. The
 * same input runs once with watermarks every millisecond and once with one watermark every ten seconds (so
 * event time jumps straight to the end of the input); alerts and signals must be the same.
 */
class DeterminismAcceptanceTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = Flink.miniCluster();

    @Test
    void theResultDoesNotDependOnThePaceOfWatermarks() throws Exception {
        Simulation sim = Simulator.run(Scenarios.named("2025-10-10"), 11);
        DetectorRun.Result fine = DetectorRun.run(sim.liquidations(), sim.openInterest(), sim.feedHealth(),
                DetectorConfig.replay(), 2, Duration.ofMillis(1));
        DetectorRun.Result coarse = DetectorRun.run(sim.liquidations(), sim.openInterest(), sim.feedHealth(),
                DetectorConfig.replay(), 2, Duration.ofSeconds(10));

        assertThat(fine.alerts()).isNotEmpty();
        assertThat(coarse.alerts()).isEqualTo(fine.alerts());
        assertThat(sorted(coarse.signals())).isEqualTo(sorted(fine.signals()));
        assertThat(coarse.openInterestStress()).containsExactlyInAnyOrderElementsOf(fine.openInterestStress());
    }

    private static List<CascadeSignal> sorted(List<CascadeSignal> signals) {
        return signals.stream().sorted(Comparator.comparing(CascadeSignal::getStepEnd)
                .thenComparing(CascadeSignal::getScope).thenComparing(CascadeSignal::getScopeKey)).toList();
    }
}
