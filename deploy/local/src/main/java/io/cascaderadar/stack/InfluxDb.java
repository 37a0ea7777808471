package io.cascaderadar.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * InfluxDB 1.x from the system ({@code influxd} on the PATH, e.g. Debian's {@code influxdb} package, which the
 * stack installs with apt where it is missing and it runs as root): the v1 HTTP API on loopback, data, meta and
 * WAL in the state directory, no usage reporting.
 */
final class InfluxDb implements StackPart {
    private static final Path APT_GET = Path.of("/usr/bin/apt-get");

    private final StackConfig config;

    InfluxDb(StackConfig config) {
        this.config = config;
    }

    private static Optional<Path> influxd() {
        return Stream.concat(Stream.of(System.getenv().getOrDefault("PATH", "").split(":")), Stream.of("/usr/bin", "/usr/sbin"))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "influxd"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    @Override
    public String name() {
        return "influxdb";
    }

    @Override
    public String url() {
        return "http://127.0.0.1:" + config.influxPort();
    }

    @Override
    public boolean installed() {
        return influxd().isPresent();
    }

    @Override
    public boolean install(Path log) throws IOException, InterruptedException {
        if (!"root".equals(System.getProperty("user.name")) || !Files.isExecutable(APT_GET)) {
            return false;
        }
        Files.createDirectories(log.getParent());
        int exit = apt(log, "install", "-y", "-q", "influxdb");
        if (exit != 0) {
            // Package lists missing or stale (a fresh machine): refresh them once and try again.
            apt(log, "update", "-q");
            exit = apt(log, "install", "-y", "-q", "influxdb");
        }
        if (exit != 0 || !installed()) {
            throw new IOException("apt-get install influxdb failed (exit " + exit + "); see " + log);
        }
        return true;
    }

    private static int apt(Path log, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(APT_GET.toString());
        command.addAll(List.of(arguments));
        ProcessBuilder apt = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        apt.environment().put("DEBIAN_FRONTEND", "noninteractive");
        return apt.start().waitFor();
    }

    @Override
    public String installHint() {
        return "not installed: on Debian/Ubuntu run 'sudo apt-get install influxdb' (or put an InfluxDB 1.x influxd on the PATH)";
    }

    @Override
    public void prepare(Path dir) throws IOException {
        Files.writeString(dir.resolve("influxdb.conf"), String.join("\n",
                "reporting-disabled = true",
                "bind-address = \"127.0.0.1:" + config.influxRpcPort() + "\"",
                "[meta]",
                "  dir = \"" + dir.resolve("meta") + "\"",
                "[data]",
                "  dir = \"" + dir.resolve("data") + "\"",
                "  wal-dir = \"" + dir.resolve("wal") + "\"",
                "[http]",
                "  bind-address = \"127.0.0.1:" + config.influxPort() + "\"",
                "  log-enabled = false",
                ""));
    }

    @Override
    public List<String> command(Path dir) {
        return List.of(influxd().orElseThrow().toString(), "-config", dir.resolve("influxdb.conf").toString());
    }

    @Override
    public boolean answers() {
        return HttpProbe.answers(url() + "/ping");
    }
}
