package io.cascaderadar.jobs.cli;

import io.cascaderadar.jobs.bench.InfluxThroughput;
import io.cascaderadar.jobs.bench.LiveLatency;
import io.cascaderadar.jobs.bench.PipelineComparison;
import io.cascaderadar.jobs.bench.PipelineThroughput;
import io.cascaderadar.jobs.bench.StateFootprint;
import io.cascaderadar.jobs.bench.functions.FunctionBenchmarks;
import io.cascaderadar.jobs.config.RadarSettings;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code radar bench}: measurements of the machine at hand, reported, never asserted. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures this machine and reports it; without a name, all of these but influx and compare, in this order.",
                "pipeline: replay events/s of the full detector, and of it up to each stage, against reading, decoding and a"
                        + " pass-through job.",
                "functions: JMH, operations/s of the hot functions (decoding, de-duplication, bins and baselines, line protocol).",
                "memory: the detector's state and heap against the number of scopes, then against the number of events.",
                "latency: Kafka arrival to committed alert, p50/p99/max, at a live and a crash rate, exactly once and at least once"
                        + " (./radar stack up first; --config as for run).",
                "influx: points/s through the InfluxDB sink against raw line-protocol batches (./radar stack up first).",
                "compare: pipeline for this checkout against the commit --against, their JVMs alternated (before, this,"
                        + " this, before) on the same history; the other commit is exported and built in the temporary"
                        + " directory."})
public final class BenchCommand implements Callable<Integer> {

    /** What to measure. */
    enum Bench { all, pipeline, functions, memory, latency, influx, compare }

    @Parameters(index = "0", arity = "0..1", defaultValue = "all", description = "pipeline, functions, memory, latency, influx,"
            + " compare, or all (default: all but influx and compare)")
    Bench bench;

    @Option(names = "--events", description = "pipeline, compare: liquidations in the simulated history (default: 10,000,000);"
            + " memory: per run of the scope series (default: 1,000,000).")
    Long events;

    @Option(names = "--warm-up", paramLabel = "EVENTS", description = "pipeline, compare: before the measured runs, each"
            + " job once over a simulated history of this many liquidations, not measured, so that the runs time"
            + " compiled code, as a long replay runs (default: a fifth of --events; 20,000 with --quick; 0: none).")
    Long warmUp;

    @Option(names = "--seed", defaultValue = "1", description = "the simulator's first seed (pipeline, compare), the synthetic"
            + " generator's (memory, latency) (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--parallelism", description = "pipeline, compare: Flink parallelism (default: the number of cores).")
    int parallelism = Runtime.getRuntime().availableProcessors();

    @Option(names = "--runs", defaultValue = "1", description = "pipeline, compare: runs of its jobs (the pass-through, the"
            + " detector up to each stage) in turn, each printed, the one of median ratio summed up; to compare two"
            + " commits on a machine whose pace drifts (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--history", paramLabel = "DIR", description = "pipeline, compare: keep the simulated history in DIR, and"
            + " use it again in a later run with the same --events and --seed instead of generating it (10M"
            + " liquidations take a minute); to compare commits run after run on the same files.")
    Path history;

    @Option(names = "--against", paramLabel = "COMMIT", description = "compare: the commit (or branch, tag) to compare"
            + " this checkout with.")
    String against;

    @Option(names = "--quick", description = "pipeline, compare: 100,000 events (into the first simulated cascade), functions: 0.3 s each in this JVM, memory: 20,000 per run,"
            + " latency: one short cascade at 1,000/s; to check that the bench runs (the figures then mean little).")
    boolean quick;

    @Option(names = "--config", paramLabel = "FILE", description = "latency: a settings file, as for run (Kafka, registry,"
            + " checkpoint.interval, event.max.out.of.orderness).")
    Path config;

    @Option(names = "--influx-url", defaultValue = "http://127.0.0.1:8086", description = "influx: InfluxDB (default: ${DEFAULT-VALUE}).")
    String influxUrl;

    @Option(names = "--points", defaultValue = "1000000", description = "influx: points per run (default: ${DEFAULT-VALUE}).")
    int points;

    @Override
    public Integer call() throws Exception {
        switch (bench) {
            case all -> {
                // The live stack is needed last: see that it is there before the long runs.
                RadarSettings settings = RadarSettings.load(config);
                LiveLatency.requireKafka(settings);
                pipeline();
                FunctionBenchmarks.run(quick, System.out);
                memory();
                latency(settings);
            }
            case pipeline -> pipeline();
            case functions -> FunctionBenchmarks.run(quick, System.out);
            case memory -> memory();
            case latency -> latency(RadarSettings.load(config));
            case influx -> InfluxThroughput.run(influxUrl, points, System.out);
            case compare -> compare();
        }
        return 0;
    }

    private void pipeline() throws Exception {
        // Quick: far enough into the first simulated cascade that the detector has alerts to raise.
        PipelineThroughput.run(new PipelineThroughput.Options(pipelineEvents(), seed, parallelism, runs, history,
                pipelineWarmUp()), System.out);
    }

    private long pipelineEvents() {
        return quick ? 100_000 : events != null ? events : 10_000_000;
    }

    private long pipelineWarmUp() {
        return warmUp != null ? warmUp : quick ? 20_000 : pipelineEvents() / 5;
    }

    private void compare() throws Exception {
        if (against == null) {
            throw new IllegalArgumentException("bench compare needs --against COMMIT: the code to compare this checkout with");
        }
        String home = System.getProperty("radar.home");
        if (home == null) {
            throw new IllegalStateException("bench compare runs from ./radar, which names the checkout (radar.home)");
        }
        PipelineComparison.run(Path.of(home), new PipelineComparison.Options(against, pipelineEvents(), seed,
                parallelism, runs, history, pipelineWarmUp()), System.out);
    }

    private void latency(RadarSettings settings) throws Exception {
        LiveLatency.run(quick ? LiveLatency.Options.quick(settings, parallelism, seed)
                : LiveLatency.Options.full(settings, parallelism, seed), System.out);
    }

    private void memory() throws Exception {
        StateFootprint.run(quick ? 20_000 : events != null ? events : 1_000_000, seed, parallelism, System.out);
    }
}
