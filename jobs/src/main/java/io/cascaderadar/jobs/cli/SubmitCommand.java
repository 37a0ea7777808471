package io.cascaderadar.jobs.cli;

import io.cascaderadar.jobs.cluster.FlinkRestClient;
import io.cascaderadar.jobs.live.ClusterJob;
import io.cascaderadar.stack.StackConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code radar submit}: the job jar to a Flink cluster's REST API, run there (from a savepoint, for an upgrade). */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = {"Uploads the job jar to a Flink cluster and runs the detector on it: reads the input topics, writes alerts",
                "exactly once. Settings as for run (--config, RADAR_* variables of the cluster's processes); secrets never on the command line."})
public final class SubmitCommand implements Callable<Integer> {

    @Option(names = "--cluster", paramLabel = "URL", description = "The cluster's REST API (default: the local cluster).")
    String cluster;

    @Option(names = "--jar", paramLabel = "FILE", description = "The job jar (default: deploy/job/target/cascade-radar-job.jar).")
    Path jar;

    @Option(names = "--config", paramLabel = "FILE", description = "A settings file, read where the job's main runs (the JobManager).")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A setting for the job (repeatable; not for secrets).")
    List<String> settings = new ArrayList<>();

    @Option(names = "--to-latest", description = "History through Kafka: read the topics to their latest offsets, then finish.")
    boolean toLatest;

    @Option(names = "--parallelism", description = "The job's parallelism (default ${DEFAULT-VALUE}).")
    int parallelism = 2;

    @Option(names = "--from-savepoint", paramLabel = "PATH", description = "Start from this savepoint (radar stop prints it).")
    String savepoint;

    @Option(names = "--allow-non-restored-state", description = "With --from-savepoint: drop the state of operators"
            + " this version no longer has (README: upgrades) instead of refusing to start.")
    boolean allowNonRestoredState;

    @Override
    public Integer call() throws Exception {
        Path home = StackConfig.homeFromSystemProperty();
        Path jobJar = jar != null ? jar : home.resolve("deploy/job/target/cascade-radar-job.jar");
        if (!Files.isRegularFile(jobJar)) {
            throw new IllegalArgumentException(jobJar + " is missing: build it with ./mvnw -pl deploy/job -am package -DskipTests");
        }
        List<String> args = new ArrayList<>();
        if (config != null) {
            args.addAll(List.of("--config", config.toAbsolutePath().toString()));
        }
        settings.forEach(s -> args.addAll(List.of("--set", s)));
        if (toLatest) {
            args.add("--to-latest");
        }
        ClusterJob.Arguments.parse(args.toArray(String[]::new)); // refuses secrets and unknown arguments here, not on the cluster
        String url = ClusterCommand.restUrl(cluster);
        FlinkRestClient rest = new FlinkRestClient(url);
        String jarId = rest.uploadJar(jobJar);
        String jobId = rest.run(jarId, ClusterJob.class.getName(), args, parallelism, savepoint,
                allowNonRestoredState);
        System.out.println(jobId);
        System.err.println("radar submit: job " + jobId + " on " + url + (savepoint != null ? ", from " + savepoint : "")
                + "; stop it with a savepoint: ./radar stop " + jobId);
        return 0;
    }
}
