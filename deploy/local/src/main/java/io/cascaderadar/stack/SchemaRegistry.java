package io.cascaderadar.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Apicurio Registry from its Maven Central distribution ({@code quarkus-run.jar}), with the Confluent Schema
 * Registry API under {@code /apis/ccompat/v7}, HTTP and management interfaces on loopback, its storage an H2
 * database file in the state directory (schema ids survive a restart, as the records on Kafka that carry them
 * do). It needs Java 21 or newer, found beside the project's Java.
 */
final class SchemaRegistry implements StackPart {
    private final StackConfig config;
    private final Map<String, String> env;
    private Path java;

    SchemaRegistry(StackConfig config, Map<String, String> env) {
        this.config = config;
        this.env = env;
    }

    @Override
    public String name() {
        return "registry";
    }

    @Override
    public String url() {
        return "http://127.0.0.1:" + config.registryPort() + "/apis/ccompat/v7";
    }

    @Override
    public boolean installed() {
        return true;
    }

    @Override
    public void prepare(Path dir) throws IOException {
        java = JavaRuntimes.javaOfAtLeast(21, env);
    }

    @Override
    public List<String> command(Path dir) {
        return List.of(java.toString(), "-Xms128m", "-Xmx768m",
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + config.registryPort(),
                "-Dquarkus.management.host=127.0.0.1",
                "-Dquarkus.management.port=" + config.registryManagementPort(),
                "-Dapicurio.datasource.url=jdbc:h2:file:" + dir.resolve("data/registry"),
                "-Dapicurio.storage.snapshot.location=" + dir,
                "-jar", config.apicurio().resolve("quarkus-run.jar").toString());
    }

    @Override
    public boolean answers() {
        return HttpProbe.answers(url() + "/subjects");
    }
}
