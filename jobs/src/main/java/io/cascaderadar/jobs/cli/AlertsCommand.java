package io.cascaderadar.jobs.cli;

import io.cascaderadar.connectors.json.AvroJson;
import io.cascaderadar.jobs.alerts.AlertText;
import io.cascaderadar.jobs.config.RadarSettings;
import io.cascaderadar.jobs.live.AlertReader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code radar alerts}: the committed alerts, one line per state change. */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = "Prints the alerts committed to the alerts topic (read_committed), one line per state change.")
public final class AlertsCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "A settings file (README: Settings).")
    Path config;

    @Option(names = "--follow", description = "Keep reading new alerts until interrupted.")
    boolean follow;

    @Option(names = "--json", description = "One JSON object per alert (the Avro record) instead of a readable line.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        RadarSettings settings = RadarSettings.load(config);
        AtomicBoolean stopped = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopped.set(true)));
        try (AlertReader reader = new AlertReader(settings)) {
            reader.read(follow, stopped::get,
                    alert -> {
                        System.out.println(json ? AvroJson.toJson(alert) : AlertText.line(alert));
                        System.out.flush();
                    },
                    problem -> System.err.println("radar alerts: skipped a record that is not an alert, " + problem));
        }
        return 0;
    }
}
