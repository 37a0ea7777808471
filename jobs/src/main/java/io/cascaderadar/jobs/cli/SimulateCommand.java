package io.cascaderadar.jobs.cli;

import io.cascaderadar.connectors.csv.CsvFileWriter;
import io.cascaderadar.connectors.csv.FeedHealthCsv;
import io.cascaderadar.connectors.csv.LiquidationCsv;
import io.cascaderadar.connectors.csv.OpenInterestCsv;
import io.cascaderadar.jobs.sim.Scenarios;
import io.cascaderadar.jobs.sim.Simulation;
import io.cascaderadar.jobs.sim.Simulator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code radar simulate}: the simulator's streams as the normalized CSV files that {@code radar replay} reads. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Writes a simulated scenario as liquidations.csv, open-interest.csv and feed-health.csv.")
public final class SimulateCommand implements Callable<Integer> {
    public static final String LIQUIDATIONS = "liquidations.csv";
    public static final String OPEN_INTEREST = "open-interest.csv";
    public static final String FEED_HEALTH = "feed-health.csv";

    @Option(names = "--scenario", defaultValue = "2025-10-10",
            description = "calm or 2025-10-10 (default: ${DEFAULT-VALUE}).")
    String scenario;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, description = "Output directory.")
    Path out;

    @Override
    public Integer call() throws IOException {
        Simulation sim = Simulator.run(Scenarios.named(scenario), seed);
        write(sim, out, System.out);
        return 0;
    }

    /** Writes the three CSV files of a simulation into {@code dir}. */
    static List<Path> write(Simulation sim, Path dir, PrintStream console) throws IOException {
        Files.createDirectories(dir);
        Path liquidations = dir.resolve(LIQUIDATIONS);
        Path openInterest = dir.resolve(OPEN_INTEREST);
        Path feedHealth = dir.resolve(FEED_HEALTH);
        try (CsvFileWriter<io.cascaderadar.avro.LiquidationEvent> w = new CsvFileWriter<>(liquidations, LiquidationCsv.writer())) {
            sim.liquidations().forEach(w::write);
        }
        try (CsvFileWriter<io.cascaderadar.avro.OpenInterestUpdate> w = new CsvFileWriter<>(openInterest, OpenInterestCsv.writer())) {
            sim.openInterest().forEach(w::write);
        }
        try (CsvFileWriter<io.cascaderadar.avro.FeedHealth> w = new CsvFileWriter<>(feedHealth, FeedHealthCsv.writer())) {
            sim.feedHealth().forEach(w::write);
        }
        console.printf("simulated '%s' (seed %d), %s to %s: %,d liquidations, %,d open-interest updates, %,d feed-health records -> %s%n",
                sim.scenario().name(), sim.seed(), sim.scenario().start(), sim.scenario().end(),
                sim.liquidations().size(), sim.openInterest().size(), sim.feedHealth().size(), dir);
        return List.of(liquidations, openInterest, feedHealth);
    }
}
