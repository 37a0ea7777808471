package io.cascaderadar.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * InfluxDB 1.x from the system ({@code influxd} on the PATH, e.g. Debian's {@code influxdb} package, which the
 * stack installs with apt where it is missing and it runs as root): the v1 HTTP API on loopback, data, meta and
 * WAL in the state directory, no usage reporting.
 */
final class InfluxDb implements StackPart {
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
        if (!Apt.available()) {
            return false;
        }
        Apt.install(log, List.of("influxdb"));
        if (!installed()) {
            throw new IOException("apt-get installed influxdb but there is no influxd; see " + log);
        }
        return true;
    }

    @Override
    public String installHint() {
        return "not installed: on Debian/Ubuntu run '" + Apt.hint(List.of("influxdb")) + "' (or put an InfluxDB 1.x influxd on the PATH)";
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
