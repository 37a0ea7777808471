package io.cascaderadar.stack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A Kafka broker in KRaft mode, broker and controller in one process, from the Maven Central jars: its storage
 * is formatted once ({@code kafka.tools.StorageTool format --standalone}), then {@code kafka.Kafka} runs it.
 * Replication factors of the internal topics are 1, and transactions may last an hour (Flink's exactly-once
 * sink keeps one open from checkpoint to checkpoint). Besides the plain listener, a SASL/PLAIN listener for the
 * user {@value #SASL_USER}, with a password generated once into {@code sasl-password} in the state directory
 * (readable by its owner only), so that clients' security settings can be tried against a real broker.
 */
final class KafkaBroker implements StackPart {
    static final String SASL_USER = "radar";
    private final StackConfig config;

    KafkaBroker(StackConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public String url() {
        return "127.0.0.1:" + config.kafkaPort();
    }

    @Override
    public boolean installed() {
        return true;
    }

    @Override
    public void prepare(Path dir) throws IOException, InterruptedException {
        Files.writeString(dir.resolve("server.properties"), String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + config.kafkaControllerPort(),
                "listeners=PLAINTEXT://127.0.0.1:" + config.kafkaPort() + ",CONTROLLER://127.0.0.1:" + config.kafkaControllerPort()
                        + ",SASL_PLAINTEXT://127.0.0.1:" + config.kafkaSaslPort(),
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + config.kafkaPort() + ",SASL_PLAINTEXT://127.0.0.1:" + config.kafkaSaslPort(),
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT",
                "sasl.enabled.mechanisms=PLAIN",
                "listener.name.sasl_plaintext.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required"
                        + " user_" + SASL_USER + "=\"" + saslPassword(dir) + "\";",
                "log.dirs=" + dir.resolve("data"),
                "num.partitions=3",
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "transaction.max.timeout.ms=3600000",
                ""));
        // It holds the SASL user's password.
        Files.setPosixFilePermissions(dir.resolve("server.properties"), PosixFilePermissions.fromString("rw-------"));
        Files.writeString(dir.resolve("log4j2.properties"), String.join("\n",
                "appender.file.type=File",
                "appender.file.name=file",
                "appender.file.fileName=" + dir.resolve("server.log"),
                "appender.file.layout.type=PatternLayout",
                "appender.file.layout.pattern=[%d] %p %m (%c)%n",
                "rootLogger.level=INFO",
                "rootLogger.appenderRef.file.ref=file",
                "logger.kafka.name=org.apache.kafka",
                "logger.kafka.level=WARN",
                ""));
        if (!Files.exists(dir.resolve("data/meta.properties"))) {
            format(dir);
        }
    }

    private void format(Path dir) throws IOException, InterruptedException {
        Process format = new ProcessBuilder(java(dir, "kafka.tools.StorageTool", "format",
                "-t", Uuid.randomUuid().toString(), "-c", dir.resolve("server.properties").toString(), "--standalone"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("kafka.log").toFile()))
                .start();
        if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
            format.destroyForcibly();
            throw new IOException("formatting Kafka's storage failed; see " + dir.resolve("kafka.log"));
        }
    }

    /** The SASL user's password, generated the first time. */
    static String saslPassword(Path dir) throws IOException {
        Path file = dir.resolve("sasl-password");
        if (!Files.exists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            byte[] secret = new byte[18];
            new SecureRandom().nextBytes(secret);
            Files.writeString(file, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
        }
        return Files.readString(file).trim();
    }

    @Override
    public List<String> command(Path dir) {
        return java(dir, "kafka.Kafka", dir.resolve("server.properties").toString());
    }

    private List<String> java(Path dir, String main, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms256m", "-Xmx1g",
                "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties"),
                "-cp", config.kafkaLibs() + "/*", main));
        command.addAll(List.of(args));
        return command;
    }

    @Override
    public boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", config.kafkaPort()), 500);
        } catch (IOException closed) {
            return false;
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, url());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        try (Admin admin = Admin.create(props)) {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (Exception notYet) {
            return false;
        }
    }
}
