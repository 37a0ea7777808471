package io.cascaderadar.jobs.cli;

import io.cascaderadar.jobs.bench.InfluxThroughput;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code radar bench}: measurements of the machine at hand, reported, never asserted. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures throughput on this machine and reports it.",
                "influx: points/s through the InfluxDB sink against raw line-protocol batches (./radar stack up first)."})
public final class BenchCommand implements Callable<Integer> {

    /** What to measure. */
    enum Bench { influx }

    @Parameters(index = "0", description = "influx")
    Bench bench;

    @Option(names = "--influx-url", defaultValue = "http://127.0.0.1:8086", description = "InfluxDB (default: ${DEFAULT-VALUE}).")
    String influxUrl;

    @Option(names = "--points", defaultValue = "1000000", description = "Points per run (default: ${DEFAULT-VALUE}).")
    int points;

    @Override
    public Integer call() throws Exception {
        switch (bench) {
            case influx -> InfluxThroughput.run(influxUrl, points, System.out);
        }
        return 0;
    }
}
