package io.cascaderadar.jobs.cli;

import io.cascaderadar.jobs.cluster.FlinkRestClient;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code radar stop JOB_ID}: stops a job on a Flink cluster with a savepoint, for an upgrade. */
@Command(name = "stop", mixinStandardHelpOptions = true,
        description = {"Stops a job on a Flink cluster with a savepoint and prints the savepoint's path;",
                "radar submit --from-savepoint PATH starts the new version from it (README: Flink cluster)."})
public final class StopCommand implements Callable<Integer> {

    @Parameters(paramLabel = "JOB_ID")
    String jobId;

    @Option(names = "--cluster", paramLabel = "URL", description = "The cluster's REST API (default: the local cluster).")
    String cluster;

    @Option(names = "--savepoint-dir", paramLabel = "DIR", description = "Where to write it (default: the cluster's savepoint directory).")
    String directory;

    @Override
    public Integer call() throws Exception {
        System.out.println(new FlinkRestClient(ClusterCommand.restUrl(cluster)).stopWithSavepoint(jobId, directory, Duration.ofMinutes(10)));
        return 0;
    }
}
