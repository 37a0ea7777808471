package io.cascaderadar.jobs.cli;

import io.cascaderadar.stack.FlinkCluster;
import io.cascaderadar.stack.LocalStack;
import io.cascaderadar.stack.StackConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code radar cluster up|down|status}: a Flink session cluster on loopback, for {@code radar submit}. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = {"A Flink session cluster on loopback: a JobManager (REST API and web UI on RADAR_FLINK_CLUSTER_PORT, default 8090)",
                "and TaskManagers of one slot each, as processes of their own; checkpoints and savepoints in RADAR_STACK_DIR/flink.",
                "Kafka and the registry are the stack's (radar stack up)."},
        subcommands = {ClusterCommand.Up.class, ClusterCommand.Down.class, ClusterCommand.Status.class})
public final class ClusterCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    static FlinkCluster cluster(boolean rocksDb) {
        return new FlinkCluster(StackConfig.fromEnvironment(StackConfig.homeFromSystemProperty(), System.getenv()),
                rocksDb ? "rocksdb" : "hashmap");
    }

    /** The REST API of the cluster given, or of the local one. */
    static String restUrl(String cluster) {
        return cluster != null ? cluster : cluster(false).restUrl();
    }

    static void print(FlinkCluster cluster) {
        for (LocalStack.PartStatus part : cluster.status()) {
            System.out.printf("%-19s %-24s %-13s %-8s %s%n", part.name(), part.url(), part.state(),
                    part.pid() == null ? "" : "pid " + part.pid(), part.note());
        }
    }

    @Command(name = "up", description = "Starts the JobManager and the TaskManagers that are not running; waits until each is registered.")
    static final class Up implements Callable<Integer> {
        @Option(names = "--task-managers", description = "How many TaskManagers (default ${DEFAULT-VALUE}).")
        int taskManagers = FlinkCluster.DEFAULT_TASK_MANAGERS;

        @Option(names = "--rocksdb", description = "Keep state in RocksDB instead of the heap (CEP on RocksDB is far slower; README: Flink cluster).")
        boolean rocksDb;

        @Override
        public Integer call() throws Exception {
            FlinkCluster cluster = cluster(rocksDb);
            long started = System.nanoTime();
            cluster.up(taskManagers);
            System.out.printf("cluster up in %.1f s; web UI %s%n", (System.nanoTime() - started) / 1e9, cluster.restUrl());
            print(cluster);
            return 0;
        }
    }

    @Command(name = "down", description = "Stops the TaskManagers and the JobManager (running jobs stop; their checkpoints stay).")
    static final class Down implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            cluster(false).down();
            System.out.println("cluster down");
            return 0;
        }
    }

    @Command(name = "status", description = "Each process's URL, whether it answers, its pid and log.")
    static final class Status implements Callable<Integer> {
        @Override
        public Integer call() {
            print(cluster(false));
            return 0;
        }
    }
}
