package io.cascaderadar.jobs.cli;

import io.cascaderadar.connectors.influxdb.InfluxConfig;
import io.cascaderadar.connectors.influxdb.InfluxSchema;
import io.cascaderadar.jobs.config.DetectorConfig;
import io.cascaderadar.jobs.replay.Replay;
import io.cascaderadar.jobs.replay.ReplaySummary;
import io.cascaderadar.jobs.sim.Scenarios;
import io.cascaderadar.jobs.sim.Simulation;
import io.cascaderadar.jobs.sim.SimulationFiles;
import io.cascaderadar.jobs.sim.Simulator;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code radar demo}: the embedded default. No servers: the simulator's scenario goes through the same job graph
 * in a Flink mini cluster, alerts are printed as they fire, and the output directory gets the files and the chart.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Runs the detector on a simulated cascade, no servers needed.")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--out", defaultValue = "out/demo", paramLabel = "DIR",
            description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--scenario", defaultValue = "2025-10-10", description = "calm or 2025-10-10 (default: ${DEFAULT-VALUE}).")
    String scenario;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--parallelism", description = "Flink parallelism (default: the number of cores).")
    int parallelism = Runtime.getRuntime().availableProcessors();

    @Mixin
    InfluxOptions influx;

    @Override
    public Integer call() throws Exception {
        InfluxConfig influxConfig = influx.fromEnvironment().orElse(null);
        Simulation sim = Simulator.run(Scenarios.named(scenario), seed);
        System.out.println("cascade-radar demo: " + sim.scenario().description());
        SimulationFiles.Written files = SimulateCommand.write(sim, out.resolve("input"), System.out);
        System.out.println("alerts as they fire (event time UTC, state, severity, pattern, summary):");
        ReplaySummary summary = Replay.run(new Replay.Options(List.of(files.liquidations()), List.of(files.openInterest()),
                List.of(files.feedHealth()), List.of(), out, parallelism, true, "cascade-radar demo: " + sim.scenario().name(),
                influxConfig, List.of(files.prices())), DetectorConfig.replay());
        summary.print(System.out);
        if (influxConfig != null) {
            System.out.println(InfluxOptions.describe(influxConfig, InfluxSchema.Target.REPLAY));
        }
        return 0;
    }
}
