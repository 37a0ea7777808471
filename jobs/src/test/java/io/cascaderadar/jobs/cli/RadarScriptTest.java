package io.cascaderadar.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code radar} script's choice of collector, by the command it starts: the script itself, copied beside a
 * build it finds up to date, with a {@code java} that prints the options it was given instead of running.
 */
class RadarScriptTest {
    private static final String PARALLEL = "-XX:+UseParallelGC";

    @TempDir
    Path root;
    private Path javaHome;

    @BeforeEach
    void aCopyOfTheScriptWithAJavaThatEchoes() throws IOException {
        Path script = Path.of(System.getProperty("radar.home"), "radar");
        Files.copy(script, root.resolve("radar"));
        // No sources beside it, so the jar counts as up to date and the script builds nothing.
        Path jar = root.resolve("jobs/target/cascade-radar-jobs-0.1.0-SNAPSHOT.jar");
        Files.createDirectories(jar.getParent());
        Files.createFile(jar);
        javaHome = root.resolve("jdk");
        Path java = javaHome.resolve("bin/java");
        Files.createDirectories(java.getParent());
        Files.writeString(java, """
                #!/usr/bin/env bash
                if [[ "$*" == *-XshowSettings:properties* ]]; then
                  echo "    java.specification.version = 17" >&2
                  exit 0
                fi
                printf '%s\\n' "$@"
                """);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void replaysDemosAndThePipelineBenchRunOnTheParallelCollector() throws Exception {
        assertThat(javaOptions(Map.of(), "replay", "--liquidations", "x.csv")).contains(PARALLEL);
        assertThat(javaOptions(Map.of(), "demo")).contains(PARALLEL);
        assertThat(javaOptions(Map.of(), "bench", "--runs", "3", "pipeline")).contains(PARALLEL);
    }

    @Test
    void everythingElseKeepsTheJvmsDefault() throws Exception {
        assertThat(javaOptions(Map.of(), "run")).doesNotContain(PARALLEL).contains("run");
        assertThat(javaOptions(Map.of(), "bench")).doesNotContain(PARALLEL);
        assertThat(javaOptions(Map.of(), "bench", "latency")).doesNotContain(PARALLEL);
        assertThat(javaOptions(Map.of(), "collect", "--venues", "binance")).doesNotContain(PARALLEL);
    }

    @Test
    void aCollectorChosenInTheJavaOptionsWins() throws Exception {
        // Two collectors would stop the JVM at its start.
        assertThat(javaOptions(Map.of("JAVA_TOOL_OPTIONS", "-Xmx2g -XX:+UseG1GC"), "replay")).doesNotContain(PARALLEL);
        assertThat(javaOptions(Map.of("JDK_JAVA_OPTIONS", "-XX:+UseZGC"), "demo")).doesNotContain(PARALLEL);
        assertThat(javaOptions(Map.of("JAVA_TOOL_OPTIONS", "-Xmx2g"), "replay")).contains(PARALLEL);
    }

    /** The arguments the script gives java, one each. */
    private List<String> javaOptions(Map<String, String> environment, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("radar").toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().putAll(environment);
        Process process = builder.start();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).as(printed).isTrue();
        assertThat(process.exitValue()).as(printed).isZero();
        List<String> options = printed.lines().toList();
        assertThat(options).as("the command line it starts").contains("io.cascaderadar.jobs.cli.RadarCli");
        return options;
    }
}
