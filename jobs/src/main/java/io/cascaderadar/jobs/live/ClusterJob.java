package io.cascaderadar.jobs.live;

import io.cascaderadar.jobs.config.DetectorConfig;
import io.cascaderadar.jobs.config.RadarSettings;
import io.cascaderadar.jobs.sinks.InfluxOutputs;
import io.cascaderadar.jobs.sources.KafkaInput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The detector on a Flink cluster: the main class of the job jar, for {@code flink run}, the REST API
 * ({@code /jars/{id}/run}), {@code radar submit} and the Kubernetes operator. Checkpoint storage, state backend,
 * restart strategy and parallelism are the cluster's; the checkpoint interval is the settings'.
 *
 * <p>Program arguments: {@code --config FILE} (a settings file where this main runs: the JobManager),
 * {@code --set KEY=VALUE} (repeatable; never for a secret: those come from the file or {@code RADAR_*} variables of
 * the JobManager and TaskManagers), {@code --to-latest} (history through Kafka, then stop).
 */
public final class ClusterJob {

    private ClusterJob() {}

    /** The parsed program arguments. */
    public record Arguments(Path config, List<String[]> overrides, boolean toLatest) {

        public static Arguments parse(String... args) {
            Path config = null;
            List<String[]> overrides = new ArrayList<>();
            boolean toLatest = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--config" -> config = Path.of(value(args, ++i, "--config"));
                    case "--set" -> {
                        String pair = value(args, ++i, "--set");
                        int eq = pair.indexOf('=');
                        if (eq <= 0) {
                            throw new IllegalArgumentException("--set takes KEY=VALUE, not '" + pair + "'");
                        }
                        String key = pair.substring(0, eq);
                        if (RadarSettings.isSecret(key)) {
                            throw new IllegalArgumentException("--set " + key + ": a secret never goes on a command line;"
                                    + " put it in the settings file or RADAR_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_'));
                        }
                        overrides.add(new String[] {key, pair.substring(eq + 1)});
                    }
                    case "--to-latest" -> toLatest = true;
                    default -> throw new IllegalArgumentException("unknown argument '" + args[i]
                            + "'; the job takes --config FILE, --set KEY=VALUE and --to-latest");
                }
            }
            return new Arguments(config, overrides, toLatest);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        public RadarSettings settings() throws java.io.IOException {
            RadarSettings settings = RadarSettings.load(config);
            for (String[] pair : overrides) {
                settings = settings.withKnown(pair[0], pair[1]);
            }
            return settings;
        }
    }

    public static void main(String[] args) throws Exception {
        Arguments arguments = Arguments.parse(args);
        RadarSettings settings = arguments.settings();
        KafkaInput.Range range = arguments.toLatest() ? KafkaInput.Range.TO_LATEST : KafkaInput.Range.LIVE;
        DetectorConfig detector = LiveDetector.config(range, settings); // a settings mistake before any connection
        TopicSetup.ensure(settings);
        if (settings.influx().isPresent()) {
            InfluxOutputs.prepare(settings.influx().get());
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(settings.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        LiveDetector.defineWorkflow(env, settings, range, detector);
        env.execute("cascade-radar " + (arguments.toLatest() ? "history through Kafka" : "live"));
    }
}
