package io.cascaderadar.jobs.cli;

import io.cascaderadar.jobs.bench.InfluxThroughput;
import io.cascaderadar.jobs.bench.PipelineThroughput;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code radar bench}: measurements of the machine at hand, reported, never asserted. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures throughput on this machine and reports it.",
                "pipeline: replay events/s of the full detector against reading, decoding and a pass-through job.",
                "influx: points/s through the InfluxDB sink against raw line-protocol batches (./radar stack up first)."})
public final class BenchCommand implements Callable<Integer> {

    /** What to measure. */
    enum Bench { pipeline, influx }

    @Parameters(index = "0", arity = "0..1", defaultValue = "pipeline", description = "pipeline (default) or influx")
    Bench bench;

    @Option(names = "--events", defaultValue = "10000000", description = "pipeline: liquidations in the synthetic history (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--assets", defaultValue = "50", description = "pipeline: assets (default: ${DEFAULT-VALUE}).")
    int assets;

    @Option(names = "--venues", defaultValue = "10", description = "pipeline: venues, the last fifth on-chain (default: ${DEFAULT-VALUE}).")
    int venues;

    @Option(names = "--seed", defaultValue = "1", description = "pipeline: the synthetic history's seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--parallelism", description = "pipeline: Flink parallelism (default: the number of cores).")
    int parallelism = Runtime.getRuntime().availableProcessors();

    @Option(names = "--quick", description = "pipeline: 100,000 events, to check that the bench runs (figures then mean little).")
    boolean quick;

    @Option(names = "--influx-url", defaultValue = "http://127.0.0.1:8086", description = "influx: InfluxDB (default: ${DEFAULT-VALUE}).")
    String influxUrl;

    @Option(names = "--points", defaultValue = "1000000", description = "influx: points per run (default: ${DEFAULT-VALUE}).")
    int points;

    @Override
    public Integer call() throws Exception {
        switch (bench) {
            case pipeline -> PipelineThroughput.run(new PipelineThroughput.Options(quick ? 100_000 : events, assets, venues,
                    seed, parallelism), System.out);
            case influx -> InfluxThroughput.run(influxUrl, points, System.out);
        }
        return 0;
    }
}
