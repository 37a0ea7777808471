package io.cascaderadar.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the local stack keeps its state and which loopback ports it binds.
 *
 * @param home the repository root, where the build put the Kafka jars and Apicurio Registry
 *     ({@code deploy/local/target/kafka/libs}, {@code deploy/local/target/apicurio})
 * @param stateDir data, configuration, pid files and logs of every part
 */
public record StackConfig(Path home, Path stateDir, int kafkaPort, int kafkaControllerPort, int kafkaSaslPort,
        int registryPort, int registryManagementPort, int influxPort, int influxRpcPort, int flinkPort, int ethereumPort,
        int flinkClusterPort, int flinkClusterRpcPort) {

    /**
     * From {@code RADAR_STACK_DIR}, {@code RADAR_KAFKA_PORT}, {@code RADAR_REGISTRY_PORT}, {@code RADAR_INFLUXDB_PORT},
     * {@code RADAR_FLINK_PORT} (the REST API of {@code radar run}'s embedded Flink), {@code RADAR_ETHEREUM_PORT},
     * {@code RADAR_FLINK_CLUSTER_PORT} (the REST API and web UI of the local session cluster; its RPC one above).
     */
    public static StackConfig fromEnvironment(Path home, Map<String, String> env) {
        Path state = env.containsKey("RADAR_STACK_DIR") ? Path.of(env.get("RADAR_STACK_DIR"))
                : Path.of(System.getProperty("user.home"), ".cascade-radar", "stack");
        int kafka = port(env, "RADAR_KAFKA_PORT", 9092);
        int registry = port(env, "RADAR_REGISTRY_PORT", 8081);
        int influx = port(env, "RADAR_INFLUXDB_PORT", 8086);
        int cluster = port(env, "RADAR_FLINK_CLUSTER_PORT", 8090);
        return new StackConfig(home, state.toAbsolutePath(), kafka, kafka + 1, kafka + 2, registry, registry + 1000,
                influx, influx + 3, port(env, "RADAR_FLINK_PORT", 8088), port(env, "RADAR_ETHEREUM_PORT", 8545),
                cluster, cluster + 1);
    }

    /** Free ports in a state directory of its own: a stack beside any other, for tests. */
    public static StackConfig isolated(Path home, Path stateDir) throws IOException {
        int[] p = FreePorts.pick(11);
        return new StackConfig(home, stateDir, p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10]);
    }

    /** The repository root from the {@code radar.home} system property that the launcher and the build set. */
    public static Path homeFromSystemProperty() {
        String home = System.getProperty("radar.home");
        if (home == null) {
            throw new IllegalStateException("system property radar.home (the repository root) is not set");
        }
        return Path.of(home).toAbsolutePath();
    }

    public Path kafkaLibs() {
        return built(home.resolve("deploy/local/target/kafka/libs"));
    }

    /** The Flink cluster's classpath ({@code lib/}) and JVM options, as {@code deploy/cluster} builds them. */
    public Path flinkDist() {
        return built(home.resolve("deploy/cluster/target/flink"));
    }

    public Path apicurio() {
        return built(home.resolve("deploy/local/target/apicurio"));
    }

    private static Path built(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(dir + " is missing: build the project first (./mvnw package, or any ./radar command)");
        }
        return dir;
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a port number: " + value);
        }
    }
}
