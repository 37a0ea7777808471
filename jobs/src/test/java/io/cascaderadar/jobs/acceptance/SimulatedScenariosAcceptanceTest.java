package io.cascaderadar.jobs.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascaderadar.avro.Severity;
import io.cascaderadar.jobs.config.DetectorConfig;
import io.cascaderadar.jobs.replay.Replay;
import io.cascaderadar.jobs.replay.ReplayOutputs;
import io.cascaderadar.jobs.sim.Scenarios;
import io.cascaderadar.jobs.sim.SimulationFiles;
import io.cascaderadar.jobs.sim.Simulator;
import io.cascaderadar.jobs.testing.AlertsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import io.cascaderadar.jobs.testing.Flink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The simulator's scenarios through the whole replay path, as {@code radar demo} runs them. */
class SimulatedScenariosAcceptanceTest {
    private static final Instant PEAK_MINUTE = Instant.parse("2025-10-10T21:15:00Z");

    @RegisterExtension
    static final MiniClusterExtension FLINK = Flink.miniCluster();

    @TempDir
    Path dir;

    @Test
    void theCalmScenarioRaisesNothingOfWarningOrAbove() throws Exception {
        List<AlertsFile.Alert> alerts = replay("calm", 42, dir.resolve("calm"));
        assertThat(AlertsFile.atLeast(alerts, Severity.WARNING)).isEmpty();
    }

    @Test
    void theOctober10ScenarioRaisesACriticalMarketWideAlertWarnedBeforeThePeakAndReplaysIdentically() throws Exception {
        List<AlertsFile.Alert> alerts = replay("2025-10-10", 42, dir.resolve("first"));

        assertThat(alerts).anySatisfy(a -> {
            assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(a.scope()).isEqualTo("MARKET");
            assertThat(a.pattern()).isEqualTo("MARKET_WIDE");
        });
        AlertsFile.Alert firstWarning = AlertsFile.atLeast(alerts, Severity.WARNING).get(0);
        assertThat(firstWarning.detectedAt()).isBefore(PEAK_MINUTE);
        List<AlertsFile.Alert> market = alerts.stream().filter(a -> a.scopeKey().equals("ALL")).toList();
        assertThat(market).extracting(AlertsFile.Alert::alertId).as("one market alert for the episode")
                .containsOnly(market.get(0).alertId());
        assertThat(market).extracting(AlertsFile.Alert::state).startsWith("OPEN").endsWith("RESOLVED");

        replay("2025-10-10", 42, dir.resolve("second"));
        assertThat(Files.readAllBytes(dir.resolve("second").resolve(ReplayOutputs.ALERTS)))
                .as("byte-identical alerts").isEqualTo(Files.readAllBytes(dir.resolve("first").resolve(ReplayOutputs.ALERTS)));
    }

    private static List<AlertsFile.Alert> replay(String scenario, long seed, Path out) throws Exception {
        SimulationFiles.Written files = SimulationFiles.write(Simulator.run(Scenarios.named(scenario), seed), out.resolve("input"));
        Replay.run(new Replay.Options(List.of(files.liquidations()), List.of(files.openInterest()),
                List.of(files.feedHealth()), List.of(), out, 2, false, scenario, null), DetectorConfig.replay());
        return AlertsFile.read(out.resolve(ReplayOutputs.ALERTS));
    }
}
