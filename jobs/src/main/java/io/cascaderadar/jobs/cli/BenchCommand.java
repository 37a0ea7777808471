package io.cascaderadar.jobs.cli;

import io.cascaderadar.jobs.bench.InfluxThroughput;
import io.cascaderadar.jobs.bench.PipelineThroughput;
import io.cascaderadar.jobs.bench.StateFootprint;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code radar bench}: measurements of the machine at hand, reported, never asserted. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures this machine and reports it; without a name, pipeline then memory.",
                "pipeline: replay events/s of the full detector against reading, decoding and a pass-through job.",
                "memory: the detector's state and heap against the number of scopes, then against the number of events.",
                "influx: points/s through the InfluxDB sink against raw line-protocol batches (./radar stack up first)."})
public final class BenchCommand implements Callable<Integer> {

    /** What to measure. */
    enum Bench { all, pipeline, memory, influx }

    @Parameters(index = "0", arity = "0..1", defaultValue = "all", description = "pipeline, memory, influx, or all (default: pipeline then memory)")
    Bench bench;

    @Option(names = "--events", description = "pipeline: liquidations in the synthetic history (default: 10,000,000);"
            + " memory: per run of the scope series (default: 1,000,000).")
    Long events;

    @Option(names = "--assets", defaultValue = "50", description = "pipeline: assets (default: ${DEFAULT-VALUE}).")
    int assets;

    @Option(names = "--venues", defaultValue = "10", description = "pipeline: venues, the last fifth on-chain (default: ${DEFAULT-VALUE}).")
    int venues;

    @Option(names = "--seed", defaultValue = "1", description = "pipeline: the synthetic history's seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--parallelism", description = "pipeline: Flink parallelism (default: the number of cores).")
    int parallelism = Runtime.getRuntime().availableProcessors();

    @Option(names = "--quick", description = "pipeline: 100,000 events, memory: 20,000 per run; to check that the bench"
            + " runs (the figures then mean little).")
    boolean quick;

    @Option(names = "--influx-url", defaultValue = "http://127.0.0.1:8086", description = "influx: InfluxDB (default: ${DEFAULT-VALUE}).")
    String influxUrl;

    @Option(names = "--points", defaultValue = "1000000", description = "influx: points per run (default: ${DEFAULT-VALUE}).")
    int points;

    @Override
    public Integer call() throws Exception {
        switch (bench) {
            case all -> {
                pipeline();
                memory();
            }
            case pipeline -> pipeline();
            case memory -> memory();
            case influx -> InfluxThroughput.run(influxUrl, points, System.out);
        }
        return 0;
    }

    private void pipeline() throws Exception {
        PipelineThroughput.run(new PipelineThroughput.Options(quick ? 100_000 : events != null ? events : 10_000_000,
                assets, venues, seed, parallelism), System.out);
    }

    private void memory() throws Exception {
        StateFootprint.run(quick ? 20_000 : events != null ? events : 1_000_000, seed, parallelism, System.out);
    }
}
