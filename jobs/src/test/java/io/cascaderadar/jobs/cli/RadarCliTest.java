package io.cascaderadar.jobs.cli;

import static io.cascaderadar.jobs.testing.Console.stderrOf;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascaderadar.jobs.sim.SimulationFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's contract: files written, and a clear one-line error with a non-zero exit. */
class RadarCliTest {

    @TempDir
    Path dir;

    @Test
    void simulateWritesTheNormalizedFiles() throws Exception {
        assertThat(RadarCli.execute("simulate", "--scenario", "calm", "--seed", "3", "--out", dir.toString())).isZero();
        assertThat(Files.readAllLines(dir.resolve(SimulationFiles.LIQUIDATIONS)).get(0))
                .startsWith("event_time,venue,venue_type,instrument,base_asset,liquidated_side,price,quantity_base,notional_usd,event_id");
        assertThat(Files.readAllLines(dir.resolve(SimulationFiles.OPEN_INTEREST)).get(0))
                .isEqualTo("event_time,venue,instrument,base_asset,open_interest_base,open_interest_usd,sidedness");
        assertThat(Files.size(dir.resolve(SimulationFiles.FEED_HEALTH))).isPositive();
        List<String> prices = Files.readAllLines(dir.resolve(SimulationFiles.PRICES));
        assertThat(prices.get(0)).isEqualTo("event_time,venue,instrument,base_asset,price,price_kind");
        assertThat(prices).as("a mark price a minute per perpetual venue and asset").hasSizeGreaterThan(60);
    }

    @Test
    void aMissingInputFileIsOneLineAndExitCodeTwo() {
        String err = stderrOf(() -> assertThat(RadarCli.execute("replay", "--liquidations",
                dir.resolve("nope.csv").toString(), "--out", dir.resolve("out").toString())).isEqualTo(2));
        assertThat(err.strip()).startsWith("radar: ").endsWith("nope.csv: no such file").doesNotContain("\n");
    }

    @Test
    void anUnknownScenarioSaysWhichExist() {
        String err = stderrOf(() -> assertThat(RadarCli.execute("simulate", "--scenario", "2030-01-01", "--out",
                dir.toString())).isEqualTo(2));
        assertThat(err).contains("no scenario '2030-01-01'").contains("calm").contains("2025-10-10");
    }
}
