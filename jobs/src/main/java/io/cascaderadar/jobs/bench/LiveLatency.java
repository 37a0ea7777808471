package io.cascaderadar.jobs.bench;

import io.cascaderadar.avro.DeleveragingAlert;
import io.cascaderadar.connectors.registry.RegistryConfig;
import io.cascaderadar.jobs.FileTrees;
import io.cascaderadar.jobs.bench.LivePublisher.Phase;
import io.cascaderadar.jobs.cluster.FlinkRestClient;
import io.cascaderadar.jobs.config.RadarSettings;
import io.cascaderadar.jobs.live.AlertReader;
import io.cascaderadar.jobs.live.LiveDetector;
import io.cascaderadar.jobs.live.TopicSetup;
import io.cascaderadar.jobs.sinks.KafkaSinks;
import io.cascaderadar.jobs.sources.KafkaInput;
import io.cascaderadar.stack.FreePorts;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Live latency on the local stack: the detector as {@code radar run} starts it, on topics of its own, fed by a
 * paced publisher ({@link LivePublisher}), its alerts read as a trading system reads them ({@link AlertReader},
 * {@code read_committed}).
 *
 * <p>Each run publishes an hour of calm history (the baselines' warm-up), then, stamped with the wall clock and
 * sent when due, calm liquidations with the run's cascades on top: live, one asset at a time (hundreds a second
 * in all; each asset gets an alert of its own, the market stays calm); in a crash, every asset at tens of
 * thousands a second (one market alert, updated). Its job writes the alerts twice, exactly once (the default) and
 * at least once ({@code sink.alerts.delivery}), to two topics read at the same time: the same alerts, found at the
 * same moment, so that the difference is the delivery's alone.
 *
 * <p>The latency of an alert record is from the arrival in Kafka (the broker's append time) of the liquidation
 * that let the watermark pass the alert's step (the first, in every partition, at least the out-of-orderness
 * allowance after it) to the moment the reader has the alert. It is split at the alert's {@code emittedAt}: the
 * detector's part, then the delivery's. The step's end to the alert is given as well: it adds the allowance,
 * which is a setting, not a cost.
 */
public final class LiveLatency {
    private static final Duration WARMUP_HISTORY = Duration.ofHours(1);
    /**
     * At 300 a second, about $5.5M a minute for the calm market, an active day's pace. At the pipeline bench's
     * $2,000 it would be $74M a minute, and the absolute SEVERE amounts ($250M in 15 minutes for the market, $100M
     * for an asset) would rightly call the calm warm-up a cascade: that was the warm-up's alerts.
     */
    private static final double CALM_MEDIAN_USD = 150;
    /** The input topics without data (open interest, feed health, prices) stop holding event time back this soon. */
    private static final String IDLENESS = "5s";

    /** One run: what it is, and its phases after the warm-up. */
    public record Run(String name, String what, List<Phase> phases) {

        /** Cascades of one asset after another, each followed by calm. */
        static Run assetByAsset(double calmPerSecond, int assets, Duration cascade, double cascadePerSecond, Duration gap) {
            List<Phase> phases = new ArrayList<>();
            for (int i = 0; i < assets; i++) {
                // Mid-sized assets (the 6th largest on): large enough to matter, small beside the market.
                phases.add(new Phase(cascade, calmPerSecond, cascadePerSecond, 5 + i));
                phases.add(Phase.calm(gap, calmPerSecond));
            }
            return new Run("live", String.format(Locale.ROOT, "%d cascades of one asset each, %d s at %,.0f/s over"
                    + " %,.0f/s calm", assets, cascade.toSeconds(), cascadePerSecond, calmPerSecond), phases);
        }

        /** Every asset at once. */
        static Run crash(double calmPerSecond, Duration length, double perSecond, Duration tail) {
            return new Run("crash", String.format(Locale.ROOT, "every asset, %d s at %,.0f/s over %,.0f/s calm",
                    length.toSeconds(), perSecond, calmPerSecond),
                    List.of(new Phase(length, calmPerSecond, perSecond, Phase.ANY_ASSET), Phase.calm(tail, calmPerSecond)));
        }
    }

    /**
     * @param settings where Kafka and the registry are ({@code radar run}'s settings); topics, group, transactional
     *     ids and checkpoints are the bench's own
     * @param settle calm before the first cascade, while the job reads the warm-up; a run's last phase must be
     *     calm for longer than a step and the allowance, or its last alerts are never found (the watermark waits
     *     for liquidations after them)
     */
    public record Options(RadarSettings settings, double calmPerSecond, Duration settle, List<Run> runs,
            int parallelism, long seed) {

        /** Hundreds a second, then a crash of tens of thousands a second. */
        public static Options full(RadarSettings settings, int parallelism, long seed) {
            double calm = 300;
            return new Options(settings, calm, Duration.ofSeconds(45),
                    List.of(Run.assetByAsset(calm, 6, Duration.ofSeconds(60), 100, Duration.ofSeconds(30)),
                            Run.crash(calm, Duration.ofMinutes(2), 20_000, Duration.ofSeconds(30))),
                    parallelism, seed);
        }

        /** Short and small: to see that it runs. */
        public static Options quick(RadarSettings settings, int parallelism, long seed) {
            double calm = 20;
            return new Options(settings, calm, Duration.ofSeconds(10),
                    List.of(Run.assetByAsset(calm, 1, Duration.ofSeconds(30), 200, Duration.ofSeconds(15))),
                    parallelism, seed);
        }
    }

    /** An alert record and when the reader had it (wall clock, ms). */
    private record Seen(DeleveragingAlert alert, long at) {}

    /** The alerts of one delivery, read as they come. */
    private record Delivery(String name, RadarSettings settings, List<Seen> seen, AtomicInteger undecodable) {

        Delivery(String name, RadarSettings settings) {
            this(name, settings, Collections.synchronizedList(new ArrayList<>()), new AtomicInteger());
        }

        Thread follow(AtomicBoolean stop) {
            Thread reader = new Thread(() -> {
                try (AlertReader alerts = new AlertReader(settings)) {
                    alerts.read(true, stop::get, a -> seen.add(new Seen(a, System.currentTimeMillis())),
                            problem -> undecodable.incrementAndGet());
                }
            }, "bench-alerts-" + name);
            reader.start();
            return reader;
        }
    }

    private LiveLatency() {}

    public static void run(Options options, PrintStream out) throws Exception {
        RadarSettings settings = options.settings();
        requireKafka(settings);
        out.printf(Locale.ROOT, "live latency on Kafka %s, after an hour of history at %,.0f liquidations/s;"
                        + " checkpoints every %d ms, out-of-orderness %d ms, Flink parallelism %d%n",
                settings.kafkaClient().getProperty("bootstrap.servers"), options.calmPerSecond(),
                settings.checkpointInterval().toMillis(),
                settings.maxOutOfOrderness().toMillis(), options.parallelism());
        for (Run run : options.runs()) {
            measure(options, run, out);
        }
    }

    private static void measure(Options options, Run run, PrintStream out) throws Exception {
        String suffix = "-bench-" + UUID.randomUUID().toString().substring(0, 8);
        Path checkpoints = Files.createTempDirectory("radar-bench-latency");
        RadarSettings settings = options.settings().withNamesEndingIn(suffix)
                .with("sink.alerts.delivery", "exactly-once")
                .with("checkpoint.dir", checkpoints.toString())
                .with("event.idleness", IDLENESS)
                // A known port, to read the checkpoints' statistics from the job's REST API.
                .with("flink.rest.port", String.valueOf(FreePorts.pick(1)[0]));
        RadarSettings atLeastOnce = settings.with("topic.alerts", settings.topics().alerts() + "-at-least-once");
        List<Delivery> deliveries = List.of(new Delivery("exactly once", settings),
                new Delivery("at least once", atLeastOnce));
        TopicSetup.ensure(settings);
        TopicSetup.ensure(atLeastOnce);
        try {
            appendTimesByBroker(settings);
            StreamExecutionEnvironment env = LiveDetector.environment(settings, options.parallelism(), true);
            LiveDetector.defineWorkflow(env, settings, KafkaInput.Range.LIVE,
                            LiveDetector.config(KafkaInput.Range.LIVE, settings))
                    .alerts()
                    .sinkTo(KafkaSinks.alerts(settings.kafkaClient(), RegistryConfig.fromMap(settings.registry()),
                            atLeastOnce.topics().alerts(), DeliveryGuarantee.AT_LEAST_ONCE, settings.transactionalIdPrefix()))
                    .uid("alerts-kafka-at-least-once").name(atLeastOnce.topics().alerts()).setParallelism(1);
            JobClient job = env.executeAsync("radar bench latency " + run.name());
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> readers = deliveries.stream().map(d -> d.follow(stop)).toList();
            LivePublisher.Arrivals arrivals;
            long liveFrom;
            double slowest = Double.MAX_VALUE;
            try (LivePublisher publisher = new LivePublisher(settings,
                    new SyntheticLiquidations(50, 10, options.seed(), CALM_MEDIAN_USD))) {
                long now = System.currentTimeMillis();
                publisher.history(now - WARMUP_HISTORY.toMillis(), now, options.calmPerSecond());
                liveFrom = System.currentTimeMillis();
                publisher.paced(Phase.calm(options.settle(), options.calmPerSecond()));
                for (Phase phase : run.phases()) {
                    double sent = publisher.paced(phase);
                    if (phase.cascadePerSecond() > 0) {
                        slowest = Math.min(slowest, sent);
                    }
                }
                arrivals = publisher.arrivals();
            }
            // The last alerts commit with the next checkpoint.
            Thread.sleep(settings.checkpointInterval().plusSeconds(5).toMillis());
            stop.set(true);
            for (Thread reader : readers) {
                reader.join();
            }
            FlinkRestClient.Checkpoints checkpointed = new FlinkRestClient("http://127.0.0.1:" + settings.restPort())
                    .checkpoints(job.getJobID().toHexString());
            job.cancel().get(1, TimeUnit.MINUTES);
            out.printf(Locale.ROOT, "%s: %s (the slowest cascade sent at %,.0f/s)%n", run.name(), run.what(), slowest);
            for (Delivery d : deliveries) {
                print(out, run, d, settings.maxOutOfOrderness().toMillis(), liveFrom, arrivals);
            }
            print(out, run, checkpointed);
        } finally {
            deleteTopics(settings, atLeastOnce.topics().alerts());
            FileTrees.delete(checkpoints);
        }
    }

    private static void print(PrintStream out, Run run, Delivery delivery, long outOfOrderness, long liveFrom,
            LivePublisher.Arrivals arrivals) {
        List<long[]> samples = new ArrayList<>();
        // What the timed records are, so that a run with more of them than cascades can be read afterwards.
        Map<String, Integer> kinds = new TreeMap<>();
        int beforeLive = 0;
        int afterInput = 0;
        for (Seen s : delivery.seen()) {
            long detected = s.alert().getDetectedAt().toEpochMilli();
            long trigger = arrivals.watermarkPassing(detected + outOfOrderness);
            if (detected < liveFrom) {
                beforeLive++;
                continue;
            }
            if (trigger < 0) {
                // Emitted when the partitions went idle after the last liquidation: nothing arrived to time it by.
                afterInput++;
                continue;
            }
            long emitted = s.alert().getEmittedAt().toEpochMilli();
            samples.add(new long[] {s.at() - trigger, emitted - trigger, s.at() - emitted, s.at() - detected});
            kinds.merge(s.alert().getScope() + " " + s.alert().getPattern() + " " + s.alert().getState(), 1,
                    Integer::sum);
        }
        out.printf(Locale.ROOT, "%s, %s: %d alert records timed (not timed: %d of the warm-up, %d after the last"
                        + " liquidation, %d undecodable)%n", run.name(), delivery.name(), samples.size(), beforeLive,
                afterInput, delivery.undecodable().get());
        kinds.forEach((kind, count) -> out.printf(Locale.ROOT, "  %,5d %s%n", count, kind));
        String[] parts = {"  from the event that closed the step", "    in the detector (to emittedAt)",
                "    in the delivery (emittedAt to read)", "  from the step's end (adds the allowance)"};
        for (int i = 0; i < parts.length; i++) {
            final int part = i;
            long[] sorted = samples.stream().mapToLong(s -> s[part]).sorted().toArray();
            out.printf(Locale.ROOT, "%-44s %s%n", parts[i], sorted.length == 0 ? "no alerts"
                    : String.format(Locale.ROOT, "p50 %,7d ms  p99 %,7d ms  max %,7d ms",
                            percentile(sorted, 0.50), percentile(sorted, 0.99), sorted[sorted.length - 1]));
        }
    }

    /** What the exactly-once delivery paid for: the job's checkpoints over the whole run, warm-up included. */
    private static void print(PrintStream out, Run run, FlinkRestClient.Checkpoints c) {
        out.printf(Locale.ROOT, "%s, checkpoints: %,d completed, %d failed, taking p50 %,d ms, p99 %,d ms, max %,d ms;"
                        + " state %.1f MiB on average, %.1f MiB at most%n", run.name(), c.completed(), c.failed(),
                c.duration().p50(), c.duration().p99(), c.duration().max(), c.stateSize().avg() / (1 << 20),
                c.stateSize().max() / (double) (1 << 20));
    }

    /** Fails at once, saying what to do, where Kafka does not answer. */
    public static void requireKafka(RadarSettings settings) throws InterruptedException {
        String servers = settings.kafkaClient().getProperty("bootstrap.servers");
        Properties client = settings.kafkaClient();
        client.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        client.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        try (Admin admin = Admin.create(client)) {
            admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("no Kafka answers at " + servers
                    + ": the latency bench runs on the local stack (./radar stack up) or on --config's", e);
        }
    }

    /** Nearest rank: with fewer than a hundred samples, p99 is the largest. */
    static long percentile(long[] sorted, double p) {
        return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
    }

    /** Record timestamps become the broker's append times: the arrival in Kafka, whatever the producer's clock. */
    private static void appendTimesByBroker(RadarSettings settings) throws Exception {
        try (Admin admin = Admin.create(settings.kafkaClient())) {
            admin.incrementalAlterConfigs(Map.of(
                    new ConfigResource(ConfigResource.Type.TOPIC, settings.topics().liquidations()),
                    List.of(new AlterConfigOp(new ConfigEntry(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime"),
                            AlterConfigOp.OpType.SET)))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static void deleteTopics(RadarSettings settings, String more) throws Exception {
        RadarSettings.Topics topics = settings.topics();
        try (Admin admin = Admin.create(settings.kafkaClient())) {
            List<String> all = new ArrayList<>(topics.inputs());
            all.add(topics.alerts());
            all.add(more);
            admin.deleteTopics(all).all().get(30, TimeUnit.SECONDS);
        }
    }
}
