package io.cascaderadar.jobs.config;

import io.cascaderadar.connectors.influxdb.InfluxConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.util.TimeUtils;

/**
 * The settings of the live path ({@code radar run}, {@code publish}, {@code alerts}): where Kafka and the schema
 * registry are, the topic names, checkpoints. Read from a properties file, then from environment variables,
 * which win: the key {@code a.b.c} is the variable {@code RADAR_A_B_C}. Secrets (SASL JAAS config, passwords,
 * tokens) belong in either, never on a command line, and {@link #describe()} masks them.
 *
 * <ul>
 *   <li>{@code kafka.*}: passed to every Kafka client with the prefix removed ({@code kafka.security.protocol},
 *       {@code kafka.sasl.jaas.config}, {@code kafka.ssl.truststore.location}, ...). {@code kafka.bootstrap.servers}
 *       defaults to the local stack's broker ({@code RADAR_KAFKA_PORT}, default 9092).</li>
 *   <li>{@code schema.registry.*}, {@code basic.auth.*}, {@code bearer.auth.*}: the schema registry, with the
 *       Confluent client's property names. {@code schema.registry.url} defaults to the local stack's registry.</li>
 *   <li>{@code influx.*}: InfluxDB, where the signals and alerts go as well when {@code influx.url} is set
 *       ({@link InfluxConfig} lists the keys: {@code influx.database}, {@code influx.username},
 *       {@code influx.password}, {@code influx.token}, ...).</li>
 *   <li>{@code topic.*}: topic names and how {@code run} and {@code publish} create missing topics.</li>
 *   <li>{@code checkpoint.*}, {@code sink.*}, {@code flink.*}: the job.</li>
 * </ul>
 */
public final class RadarSettings {

    private static final String ENV_PREFIX = "RADAR_";
    private static final Pattern SECRET = Pattern.compile("(?i).*(password|secret|jaas|token|user\\.info|key).*");
    private static final Set<String> PASS_THROUGH = Set.of("kafka.", "schema.registry.", "basic.auth.", "bearer.auth.", "influx.");
    private static final Set<String> REGISTRY = Set.of("schema.registry.", "basic.auth.", "bearer.auth.");

    private static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("topic.liquidations", "liquidations"),
            Map.entry("topic.open.interest", "open-interest"),
            Map.entry("topic.feed.health", "feed-health"),
            Map.entry("topic.prices", "mark-prices"),
            Map.entry("topic.dead.letter", "dead-letter"),
            Map.entry("topic.alerts", "deleveraging-alerts"),
            Map.entry("topic.partitions", "3"),
            Map.entry("topic.alerts.partitions", "1"),
            Map.entry("topic.replication.factor", "1"),
            Map.entry("group.id", "cascade-radar"),
            Map.entry("checkpoint.dir", Path.of(System.getProperty("user.home"), ".cascade-radar", "checkpoints").toString()),
            Map.entry("checkpoint.interval", "500ms"),
            Map.entry("sink.transactional.id.prefix", "cascade-radar-alerts"),
            Map.entry("sink.alerts.delivery", "exactly-once"),
            Map.entry("flink.rest.port", "8088"),
            Map.entry("flink.buffer.timeout", "10ms"),
            Map.entry("flink.watermark.interval", "50ms"),
            Map.entry("event.max.out.of.orderness", "5s"),
            Map.entry("event.allowed.lateness", "10m"),
            Map.entry("event.idleness", "1m"),
            Map.entry("event.dedup.horizon", "1h"));

    private final Map<String, String> values;

    private RadarSettings(Map<String, String> values) {
        this.values = values;
    }

    /** Defaults, then the file (if given), then the environment. */
    public static RadarSettings load(Path file, Map<String, String> environment) throws IOException {
        Map<String, String> values = new TreeMap<>(DEFAULTS);
        values.put("kafka.bootstrap.servers", "127.0.0.1:" + environment.getOrDefault("RADAR_KAFKA_PORT", "9092"));
        values.put("schema.registry.url", "http://127.0.0.1:" + environment.getOrDefault("RADAR_REGISTRY_PORT", "8081")
                + "/apis/ccompat/v7");
        if (file != null) {
            Properties properties = new Properties();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(in);
            }
            for (String key : properties.stringPropertyNames()) {
                if (!known(key)) {
                    throw new IllegalArgumentException(file + ": unknown setting '" + key + "' (see README: Settings)");
                }
                values.put(key, properties.getProperty(key).trim());
            }
        }
        environment.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX)) {
                String key = name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
                // RADAR_KAFKA_PORT and RADAR_REGISTRY_PORT are the local stack's ports, read above.
                if (known(key) && !key.equals("kafka.port")) {
                    values.put(key, value);
                }
            }
        });
        return new RadarSettings(values);
    }

    public static RadarSettings load(Path file) throws IOException {
        return load(file, System.getenv());
    }

    private static boolean known(String key) {
        return DEFAULTS.containsKey(key) || PASS_THROUGH.stream().anyMatch(key::startsWith);
    }

    public String get(String key) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("setting '" + key + "' is empty");
        }
        return value;
    }

    /** Whether a setting holds a secret: masked in logs, never taken from a command line. */
    public static boolean isSecret(String key) {
        return SECRET.matcher(key).matches();
    }

    /** A copy with one more setting, which must be a known one. */
    public RadarSettings withKnown(String key, String value) {
        if (!known(key)) {
            throw new IllegalArgumentException("unknown setting '" + key + "' (see README: Settings)");
        }
        return with(key, value);
    }

    public RadarSettings with(String key, String value) {
        Map<String, String> copy = new TreeMap<>(values);
        copy.put(key, value);
        return new RadarSettings(copy);
    }

    /**
     * A copy whose topics, consumer group and transactional ids end in {@code suffix}: a detector of its own beside
     * others on one Kafka cluster (benchmarks, tests).
     */
    public RadarSettings withNamesEndingIn(String suffix) {
        Map<String, String> copy = new TreeMap<>(values);
        for (String key : List.of("topic.liquidations", "topic.open.interest", "topic.feed.health", "topic.prices",
                "topic.dead.letter", "topic.alerts", "group.id", "sink.transactional.id.prefix")) {
            copy.put(key, get(key) + suffix);
        }
        return new RadarSettings(copy);
    }

    /** The properties every Kafka client gets: the {@code kafka.*} settings without the prefix. */
    public Properties kafkaClient() {
        Properties client = new Properties();
        values.forEach((key, value) -> {
            if (key.startsWith("kafka.")) {
                client.setProperty(key.substring("kafka.".length()), value);
            }
        });
        return client;
    }

    /**
     * The properties of a producer outside Flink that must neither lose nor repeat a record it was given: idempotent,
     * acknowledged by every in-sync replica.
     */
    public Properties reliableProducer() {
        Properties client = kafkaClient();
        client.put("enable.idempotence", "true");
        client.put("acks", "all");
        return client;
    }

    /** The schema registry's settings, with the Confluent client's property names. */
    public Map<String, String> registry() {
        Map<String, String> registry = new TreeMap<>();
        values.forEach((key, value) -> {
            if (REGISTRY.stream().anyMatch(key::startsWith)) {
                registry.put(key, value);
            }
        });
        return registry;
    }

    /** InfluxDB, where {@code influx.url} is set. */
    public Optional<InfluxConfig> influx() {
        if (!values.containsKey("influx.url")) {
            return Optional.empty();
        }
        Map<String, String> influx = new TreeMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith("influx.")) {
                influx.put(key.substring("influx.".length()), value);
            }
        });
        return Optional.of(InfluxConfig.fromMap(influx));
    }

    public Topics topics() {
        return new Topics(get("topic.liquidations"), get("topic.open.interest"), get("topic.feed.health"),
                get("topic.prices"), get("topic.dead.letter"), get("topic.alerts"));
    }

    public int partitions() {
        return Integer.parseInt(get("topic.partitions"));
    }

    public int alertPartitions() {
        return Integer.parseInt(get("topic.alerts.partitions"));
    }

    public short replicationFactor() {
        return Short.parseShort(get("topic.replication.factor"));
    }

    public String groupId() {
        return get("group.id");
    }

    public Path checkpointDir() {
        return Path.of(get("checkpoint.dir")).toAbsolutePath();
    }

    /**
     * How often a job on Kafka checkpoints. Exactly-once alerts become visible with the checkpoint after them, so
     * this bounds their delay: half a second by default, for alerts within a second (a full snapshot of the heap
     * state twice a second, tens of MiB at a live rate: benchmarks/README.md, live latency).
     */
    public Duration checkpointInterval() {
        return TimeUtils.parseDuration(get("checkpoint.interval"));
    }

    public String transactionalIdPrefix() {
        return get("sink.transactional.id.prefix");
    }

    /**
     * How alerts reach their topic: {@code exactly-once} in Kafka transactions committed with each checkpoint (a
     * {@code read_committed} consumer waits for the commit, half a checkpoint interval on average), or
     * {@code at-least-once}, visible as soon as they are written, repeated after a restart: a consumer then keeps
     * the first record of each {@code alertId} and {@code sequence}.
     */
    public DeliveryGuarantee alertDelivery() {
        String delivery = get("sink.alerts.delivery");
        return switch (delivery) {
            case "exactly-once" -> DeliveryGuarantee.EXACTLY_ONCE;
            case "at-least-once" -> DeliveryGuarantee.AT_LEAST_ONCE;
            default -> throw new IllegalArgumentException("sink.alerts.delivery is '" + delivery
                    + "': exactly-once or at-least-once");
        };
    }

    /** How far behind the newest event of its partition an input may arrive and still be on time. */
    public Duration maxOutOfOrderness() {
        return TimeUtils.parseDuration(get("event.max.out.of.orderness"));
    }

    /**
     * How far behind the watermark an input may arrive and still count, amending the windows it belongs to;
     * on-chain liquidations arrive a confirmation depth behind the CEX feeds (README: On-chain).
     */
    public Duration allowedLateness() {
        return TimeUtils.parseDuration(get("event.allowed.lateness"));
    }

    /**
     * How long (event time) a liquidation's id is remembered, to drop its repeats. The de-duplication keeps the ids
     * of this span, so its state follows the event rate: an hour of a complete feed at 10,000 liquidations a second
     * is 36M ids, over a GiB. Never shorter than the allowed lateness ({@link EventTimeConfig} refuses it).
     */
    public Duration dedupHorizon() {
        return TimeUtils.parseDuration(get("event.dedup.horizon"));
    }

    /** How long a partition may stay silent (processing time) before it stops holding a live job's event time back. */
    public Duration idleness() {
        return TimeUtils.parseDuration(get("event.idleness"));
    }

    /**
     * How long a network buffer between operators may wait to fill (Flink's {@code execution.buffer-timeout.interval},
     * 100 ms by default): a record crosses about six of them between a liquidation and its alert.
     */
    public Duration bufferTimeout() {
        return TimeUtils.parseDuration(get("flink.buffer.timeout"));
    }

    /** How often the sources emit watermarks (Flink's {@code pipeline.auto-watermark-interval}, 200 ms by default). */
    public Duration watermarkInterval() {
        return TimeUtils.parseDuration(get("flink.watermark.interval"));
    }

    public int restPort() {
        return Integer.parseInt(get("flink.rest.port"));
    }

    /** Every setting, one per line, secrets masked: what {@code run} logs at start. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        values.forEach((key, value) -> out.append(key).append(" = ")
                .append(isSecret(key) ? "****" : value).append('\n'));
        return out.toString();
    }

    /** The topics of the live path. */
    public record Topics(String liquidations, String openInterest, String feedHealth, String prices,
            String deadLetter, String alerts) {

        /** The topics the detector reads, and the dead letters: created alike. */
        public List<String> inputs() {
            return List.of(liquidations, openInterest, feedHealth, prices, deadLetter);
        }
    }
}
