package io.cascaderadar.jobs.cli;

import io.cascaderadar.jobs.config.DetectorConfig;
import io.cascaderadar.jobs.config.RadarSettings;
import io.cascaderadar.jobs.live.LiveDetector;
import io.cascaderadar.jobs.live.TopicSetup;
import io.cascaderadar.jobs.sinks.InfluxOutputs;
import io.cascaderadar.jobs.sources.KafkaInput;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code radar run}: the detector on Kafka, in a local Flink with exactly-once checkpoints. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the detector on Kafka: reads the input topics, writes alerts exactly once to the alerts topic.",
                "Settings come from --config and RADAR_* environment variables (README: Settings); secrets never on the command line.",
                "A run that was stopped or died resumes from its latest checkpoint."})
public final class RunCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "A settings file (Java properties).")
    Path config;

    @Option(names = "--to-latest", description = "Read the topics from the beginning to their latest offsets at start, "
            + "then stop: recorded history through Kafka, with the replay's event-time settings. Always starts afresh.")
    boolean toLatest;

    @Option(names = "--fresh", description = "Ignore checkpoints a previous run left and start from the committed offsets.")
    boolean fresh;

    @Option(names = "--parallelism", description = "Flink parallelism (default: the number of cores).")
    int parallelism = Runtime.getRuntime().availableProcessors();

    @Mixin
    InfluxOptions influx;

    @Override
    public Integer call() throws Exception {
        RadarSettings settings = influx.applyTo(RadarSettings.load(config));
        System.err.print("radar run, settings:\n" + settings.describe().indent(2));
        KafkaInput.Range range = toLatest ? KafkaInput.Range.TO_LATEST : KafkaInput.Range.LIVE;
        DetectorConfig detector = LiveDetector.config(range, settings); // a settings mistake before any connection
        List<String> created = TopicSetup.ensure(settings);
        if (!created.isEmpty()) {
            System.err.println("radar run: created topics " + String.join(", ", created));
        }
        if (settings.influx().isPresent()) {
            InfluxOutputs.prepare(settings.influx().get());
            System.err.println("radar run: " + InfluxOptions.describe(settings.influx().get(), LiveDetector.target(range)));
        }
        // A bounded Kafka source restored from a retained checkpoint never finishes (FLINK-31006, open in
        // flink-connector-kafka 5.0.0): history through Kafka starts from the beginning every time.
        StreamExecutionEnvironment env = LiveDetector.environment(settings, parallelism, fresh || toLatest);
        LiveDetector.defineWorkflow(env, settings, range, detector);
        System.err.println("radar run: Flink REST API on http://127.0.0.1:" + settings.restPort()
                + (range == KafkaInput.Range.LIVE ? "; stop with Ctrl-C (the next run resumes)" : ""));
        JobExecutionResult result = env.execute("cascade-radar " + (toLatest ? "history through Kafka" : "live"));
        LiveDetector.forgetCheckpoints(settings.checkpointDir());
        System.err.printf("radar run: finished in %.1f s; alerts are in %s%n",
                result.getNetRuntime() / 1000.0, settings.topics().alerts());
        return 0;
    }
}
