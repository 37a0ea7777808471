package io.cascaderadar.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A process of the local Flink session cluster, started as {@code jobmanager.sh} and {@code taskmanager.sh} start
 * them (flink-dist is not on Maven Central): the cluster's classpath from {@code deploy/cluster}, the JVM memory
 * flags and {@code -D} options that {@code BashJavaUtils} derives from the configuration, then the entrypoint class.
 * Every process reads the same configuration ({@link FlinkCluster#configuration}); a TaskManager has a fixed
 * resource id, {@code radar-tm-<n>}, by which the JobManager lists it.
 */
final class FlinkProcess implements StackPart {
    private static final String RESULT = "BASH_JAVA_UTILS_EXEC_RESULT:";
    /** The name of TaskManager n is this prefix and n (its state folder's, too). */
    static final String TASK_MANAGER = "flink-taskmanager-";

    private final StackConfig config;
    private final String configuration;
    private final int taskManager;
    private List<String> resourceFlags = List.of();
    private List<String> dynamicOptions = List.of();

    /** @param taskManager the TaskManager's number, or 0 for the JobManager */
    FlinkProcess(StackConfig config, String configuration, int taskManager) {
        this.config = config;
        this.configuration = configuration;
        this.taskManager = taskManager;
    }

    boolean isJobManager() {
        return taskManager == 0;
    }

    String resourceId() {
        return "radar-tm-" + taskManager;
    }

    @Override
    public String name() {
        return isJobManager() ? "flink-jobmanager" : TASK_MANAGER + taskManager;
    }

    @Override
    public String url() {
        return "http://127.0.0.1:" + config.flinkClusterPort();
    }

    @Override
    public boolean installed() {
        return true;
    }

    @Override
    public void prepare(Path dir) throws IOException, InterruptedException {
        Path conf = dir.resolve("conf");
        Files.createDirectories(conf);
        Files.writeString(conf.resolve("config.yaml"), configuration + (isJobManager() ? ""
                : "taskmanager.resource-id: " + resourceId() + "\n"));
        Files.writeString(conf.resolve("log4j.properties"), String.join("\n",
                "rootLogger.level=INFO",
                "rootLogger.appenderRef.file.ref=file",
                "appender.file.type=File",
                "appender.file.name=file",
                "appender.file.fileName=${sys:log.file}",
                "appender.file.layout.type=PatternLayout",
                "appender.file.layout.pattern=%d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n",
                ""));
        List<String> params = resourceParams(dir, isJobManager() ? "GET_JM_RESOURCE_PARAMS" : "GET_TM_RESOURCE_PARAMS");
        resourceFlags = Arrays.asList(params.get(0).trim().split("\\s+"));
        dynamicOptions = params.size() > 1 && !params.get(1).isBlank()
                ? Arrays.asList(params.get(1).trim().split("\\s+")) : List.of();
    }

    /** What {@code BashJavaUtils} prints after its result marker: JVM flags, then {@code -D key=value} options. */
    private List<String> resourceParams(Path dir, String command) throws IOException, InterruptedException {
        Path out = dir.resolve("resource-params.txt");
        Process p = new ProcessBuilder(java(), "-cp", classpath(), "org.apache.flink.runtime.util.bash.BashJavaUtils",
                command, "--configDir", dir.resolve("conf").toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("Flink's BashJavaUtils " + command + " failed; see " + out);
        }
        List<String> results = new ArrayList<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            if (line.startsWith(RESULT)) {
                results.add(line.substring(RESULT.length()));
            }
        }
        if (results.isEmpty()) {
            throw new IOException("Flink's BashJavaUtils " + command + " gave no result; see " + out);
        }
        return results;
    }

    @Override
    public List<String> command(Path dir) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(resourceFlags);
        command.addAll(jvmOptions());
        command.add("-Dlog.file=" + diagnosticLog(dir, null));
        command.add("-Dlog4j.configurationFile=" + dir.resolve("conf/log4j.properties"));
        command.add("-cp");
        command.add(classpath());
        command.add(isJobManager() ? "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint"
                : "org.apache.flink.runtime.taskexecutor.TaskManagerRunner");
        command.add("--configDir");
        command.add(dir.resolve("conf").toString());
        command.addAll(dynamicOptions);
        return command;
    }

    private List<String> jvmOptions() {
        try {
            return Arrays.asList(Files.readString(config.flinkDist().resolve("jvm.options")).trim().split("\\s+"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String classpath() {
        return config.flinkDist().resolve("lib") + "/*";
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Override
    public boolean answers() {
        if (isJobManager()) {
            return HttpProbe.answers(url() + "/overview");
        }
        return HttpProbe.body(url() + "/taskmanagers").map(body -> body.contains("\"id\":\"" + resourceId() + "\""))
                .orElse(false);
    }

    /** Flink logs through log4j to a file of its own; its output is nearly empty. */
    @Override
    public Path diagnosticLog(Path dir, Path processLog) {
        return dir.resolve(name() + "-flink.log");
    }

    /** A TaskManager answers once it has registered with the JobManager; on a loaded machine that can take minutes. */
    @Override
    public Duration startupTimeout() {
        return Duration.ofSeconds(180);
    }
}
