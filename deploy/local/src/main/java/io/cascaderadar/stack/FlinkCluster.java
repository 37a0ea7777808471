package io.cascaderadar.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Flink session cluster on loopback: a JobManager (REST API and web UI on {@code RADAR_FLINK_CLUSTER_PORT}, 8090)
 * and TaskManagers of one slot each, every one a process of its own under the stack's state directory
 * ({@code flink-jobmanager/}, {@code flink-taskmanager-<n>/}), with checkpoints and savepoints in
 * {@code flink/checkpoints} and {@code flink/savepoints} there. Heap state by default; {@code RADAR_FLINK_STATE_BACKEND=rocksdb}
 * for RocksDB. What {@code radar cluster} runs, and what the cluster tests start.
 */
public final class FlinkCluster {
    public static final int DEFAULT_TASK_MANAGERS = 2;

    private final StackConfig config;
    private final String stateBackend;

    public FlinkCluster(StackConfig config, String stateBackend) {
        this.config = config;
        this.stateBackend = stateBackend;
    }

    public String restUrl() {
        return "http://127.0.0.1:" + config.flinkClusterPort();
    }

    public Path checkpoints() {
        return config.stateDir().resolve("flink/checkpoints");
    }

    public Path savepoints() {
        return config.stateDir().resolve("flink/savepoints");
    }

    /** The configuration every process of the cluster reads ({@code config.yaml}, flat keys). */
    String configuration() {
        Path flink = config.stateDir().resolve("flink");
        return String.join("\n",
                "jobmanager.rpc.address: 127.0.0.1",
                "jobmanager.rpc.port: " + config.flinkClusterRpcPort(),
                "jobmanager.bind-host: 127.0.0.1",
                "jobmanager.memory.process.size: 1024m",
                "taskmanager.bind-host: 127.0.0.1",
                "taskmanager.host: 127.0.0.1",
                "taskmanager.numberOfTaskSlots: 1",
                "taskmanager.memory.process.size: 2048m",
                "rest.address: 127.0.0.1",
                "rest.bind-address: 127.0.0.1",
                "rest.port: " + config.flinkClusterPort(),
                "web.upload.dir: " + flink.resolve("uploads"),
                "state.backend.type: " + stateBackend,
                // The detector registers an event-time timer per scope and step: kept in RocksDB, every one is a write.
                "state.backend.rocksdb.timer-service.factory: HEAP",
                "execution.checkpointing.dir: " + checkpoints().toUri(),
                "execution.checkpointing.savepoint-dir: " + savepoints().toUri(),
                "execution.checkpointing.externalized-checkpoint-retention: RETAIN_ON_CANCELLATION",
                "restart-strategy.type: fixed-delay",
                "restart-strategy.fixed-delay.attempts: 30",
                "restart-strategy.fixed-delay.delay: 2 s",
                // A TaskManager that dies unannounced is given up after this, not the default 50 s.
                "heartbeat.timeout: 15000",
                "heartbeat.interval: 3000",
                "");
    }

    private FlinkProcess part(int taskManager) {
        return new FlinkProcess(config, configuration(), taskManager);
    }

    private ManagedProcess process(int taskManager) {
        return new ManagedProcess(part(taskManager), config.stateDir());
    }

    /** Starts the JobManager and TaskManagers 1 to {@code taskManagers} that are not running; waits until each answers. */
    public void up(int taskManagers) throws IOException, InterruptedException {
        start(0);
        for (int n = 1; n <= taskManagers; n++) {
            start(n);
        }
    }

    /** Starts one process (0: the JobManager) unless it runs, and waits until the cluster lists it. */
    public void start(int taskManager) throws IOException, InterruptedException {
        ManagedProcess process = process(taskManager);
        process.start();
        process.awaitAnswer();
    }

    /** Kills a TaskManager with SIGKILL, as a machine failure would: no deregistration, no clean-up. */
    public void kill(int taskManager) throws IOException {
        Optional<ProcessHandle> running = process(taskManager).process();
        if (running.isEmpty()) {
            throw new IOException("TaskManager " + taskManager + " is not running");
        }
        running.get().destroyForcibly();
        running.get().onExit().join();
    }

    /** Stops every process of the cluster: the TaskManagers, then the JobManager. */
    public void down() throws IOException {
        for (int n : runningTaskManagers()) {
            process(n).stop();
        }
        process(0).stop();
    }

    /** The numbers of the TaskManagers whose processes run (each started in a state folder of its own). */
    public List<Integer> runningTaskManagers() {
        Pattern folder = Pattern.compile(Pattern.quote(FlinkProcess.TASK_MANAGER) + "(\\d+)");
        List<Integer> running = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(config.stateDir())) {
            dirs.map(dir -> folder.matcher(dir.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(m -> Integer.parseInt(m.group(1)))
                    .filter(n -> process(n).process().isPresent())
                    .sorted()
                    .forEach(running::add);
        } catch (IOException noStateYet) {
            return List.of();
        }
        return running;
    }

    public List<LocalStack.PartStatus> status() {
        List<LocalStack.PartStatus> status = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>(List.of(0));
        numbers.addAll(runningTaskManagers());
        for (int n : numbers) {
            FlinkProcess part = part(n);
            ManagedProcess process = new ManagedProcess(part, config.stateDir());
            Long pid = process.process().map(ProcessHandle::pid).orElse(null);
            status.add(new LocalStack.PartStatus(part.name(), part.url(), pid, LocalStack.State.of(part.answers(), pid),
                    "log: " + process.log()));
        }
        return status;
    }
}
