package io.cascaderadar.jobs.cli;

import io.cascaderadar.jobs.sim.Scenarios;
import io.cascaderadar.jobs.sim.Simulation;
import io.cascaderadar.jobs.sim.SimulationFiles;
import io.cascaderadar.jobs.sim.Simulator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code radar simulate}: the simulator's streams as the normalized CSV files that {@code radar replay} reads. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Writes a simulated scenario as liquidations.csv, open-interest.csv and feed-health.csv.")
public final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--scenario", defaultValue = "2025-10-10",
            description = "calm or 2025-10-10 (default: ${DEFAULT-VALUE}).")
    String scenario;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, description = "Output directory.")
    Path out;

    @Override
    public Integer call() throws IOException {
        write(Simulator.run(Scenarios.named(scenario), seed), out, System.out);
        return 0;
    }

    static SimulationFiles.Written write(Simulation sim, Path dir, PrintStream console) throws IOException {
        SimulationFiles.Written files = SimulationFiles.write(sim, dir);
        console.printf("simulated '%s' (seed %d), %s to %s: %,d liquidations, %,d open-interest updates, %,d feed-health records, %,d prices -> %s%n",
                sim.scenario().name(), sim.seed(), sim.scenario().start(), sim.scenario().end(),
                sim.liquidations().size(), sim.openInterest().size(), sim.feedHealth().size(), sim.prices().size(), dir);
        return files;
    }
}
