package io.cascaderadar.stack;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The local stack: a Kafka broker (KRaft), Apicurio Registry (Confluent API), InfluxDB (installed with apt-get
 * where it is missing and the stack runs as root) and an Ethereum node (Anvil, downloaded once), each a real server in a process of its own on loopback, with state and logs under one directory. {@code up}
 * starts what is not running and waits until everything answers; {@code down} stops what it started, with
 * everything those processes started. Both are idempotent. What {@code radar stack} runs, and what tests start.
 */
public final class LocalStack {

    /** The state of a part. */
    public enum State {
        ANSWERING, NOT_ANSWERING, STOPPED, NOT_INSTALLED;

        /** The state of an installed part: whether it answers, and whether its process (pid or null) runs. */
        static State of(boolean answers, Long pid) {
            return answers ? ANSWERING : pid != null ? NOT_ANSWERING : STOPPED;
        }
    }

    /** One line of {@code radar stack status}. */
    public record PartStatus(String name, String url, Long pid, State state, String note) {}

    private final StackConfig config;
    private final KafkaBroker kafka;
    private final SchemaRegistry registry;
    private final InfluxDb influx;
    private final EthereumNode ethereum;

    public LocalStack(StackConfig config, Map<String, String> env) {
        this.config = config;
        this.kafka = new KafkaBroker(config);
        this.registry = new SchemaRegistry(config, env);
        this.influx = new InfluxDb(config);
        this.ethereum = new EthereumNode(config, env);
    }

    public StackConfig config() {
        return config;
    }

    public String bootstrapServers() {
        return kafka.url();
    }

    /** The broker's SASL/PLAIN listener. */
    public String saslBootstrapServers() {
        return "127.0.0.1:" + config.kafkaSaslPort();
    }

    /** The JAAS configuration of the SASL listener's user: a secret, for settings, never for a log. */
    public String saslJaasConfig() throws IOException {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + KafkaBroker.SASL_USER
                + "\" password=\"" + KafkaBroker.saslPassword(config.stateDir().resolve(kafka.name())) + "\";";
    }

    /** The base URL of the Confluent-compatible API. */
    public String registryUrl() {
        return registry.url();
    }

    /** The InfluxDB URL, or null where InfluxDB is not installed. */
    public String influxUrl() {
        return influx.installed() ? influx.url() : null;
    }

    /** The Ethereum node's JSON-RPC URL. */
    public String ethereumUrl() {
        return ethereum.url();
    }

    private List<StackPart> parts() {
        return List.of(kafka, registry, influx, ethereum);
    }

    private ManagedProcess process(StackPart part) {
        return new ManagedProcess(part, config.stateDir());
    }

    /** Starts every installed part that is not running (the parts in parallel) and waits until each answers. */
    public void up() throws IOException, InterruptedException {
        List<CompletableFuture<Void>> starting = new ArrayList<>();
        for (StackPart part : parts()) {
            if (part.installed() || part.install(config.stateDir().resolve(part.name() + "-install.log"))) {
                starting.add(CompletableFuture.runAsync(() -> {
                    try {
                        ManagedProcess process = process(part);
                        if (!part.answers()) {
                            process.start();
                            process.awaitAnswer();
                        }
                    } catch (IOException e) {
                        throw new CompletionException(e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new CompletionException(e);
                    }
                }));
            }
        }
        try {
            CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        }
    }

    /** Stops InfluxDB alone, as in an outage; {@link #up()} starts it again. */
    public void stopInfluxDb() throws IOException {
        process(influx).stop();
    }

    /** Stops every part the stack started. */
    public void down() throws IOException {
        for (StackPart part : List.of(ethereum, influx, registry, kafka)) {
            process(part).stop();
        }
    }

    public List<PartStatus> status() {
        List<PartStatus> status = new ArrayList<>();
        for (StackPart part : parts()) {
            if (!part.installed()) {
                status.add(new PartStatus(part.name(), part.url(), null, State.NOT_INSTALLED, part.installHint()));
                continue;
            }
            Long pid = process(part).process().map(ProcessHandle::pid).orElse(null);
            boolean answers = part.answers();
            State state = State.of(answers, pid);
            status.add(new PartStatus(part.name(), part.url(), pid, state,
                    (answers && pid == null ? "answering, not started by this stack" : "log: " + process(part).log())
                            + (part == kafka ? "; SASL/PLAIN on " + saslBootstrapServers() : "")));
        }
        String flink = "http://127.0.0.1:" + config.flinkPort();
        status.add(new PartStatus("flink", flink, null,
                HttpProbe.answers(flink + "/overview") ? State.ANSWERING : State.STOPPED,
                "the REST API of a running ./radar run"));
        return status;
    }
}
