package io.cascaderadar.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stack as {@code radar stack} runs it: up, every part answering and usable, up again, down with nothing left. */
class LocalStackTest {

    @TempDir
    Path dir;

    @Test
    void upStartsRealServersThatWorkAndDownLeavesNoProcess() throws Exception {
        LocalStack stack = new LocalStack(StackConfig.isolated(StackConfig.homeFromSystemProperty(), dir), System.getenv());
        List<ProcessHandle> started = new ArrayList<>();
        try {
            stack.up();
            List<LocalStack.PartStatus> status = stack.status();
            assertThat(status).filteredOn(p -> List.of("kafka", "registry", "ethereum").contains(p.name()))
                    .hasSize(3).allSatisfy(p -> {
                        assertThat(p.state()).isEqualTo(LocalStack.State.ANSWERING);
                        assertThat(p.pid()).isNotNull();
                    });
            status.stream().filter(p -> p.pid() != null).forEach(p -> started.add(ProcessHandle.of(p.pid()).orElseThrow()));
            started.addAll(started.stream().flatMap(ProcessHandle::descendants).toList());

            assertThat(roundTrip(stack.bootstrapServers())).isEqualTo("hello");
            assertThat(registerAndRead(stack.registryUrl())).contains("\\\"name\\\":\\\"A\\\"");
            assertThat(jsonRpc(stack.ethereumUrl(), "eth_chainId")).as("mainnet's chain id").contains("\"result\":\"0x1\"");

            stack.up();
            assertThat(stack.status()).extracting(LocalStack.PartStatus::pid).containsAll(
                    status.stream().map(LocalStack.PartStatus::pid).toList());
        } finally {
            stack.down();
        }
        for (ProcessHandle p : started) {
            assertThat(p.isAlive()).as("process %d after down", p.pid()).isFalse();
        }
        assertThat(stack.status()).filteredOn(p -> !p.name().equals("flink"))
                .allSatisfy(p -> assertThat(p.state()).isIn(LocalStack.State.STOPPED, LocalStack.State.NOT_INSTALLED));
        for (int port : List.of(stack.config().kafkaPort(), stack.config().registryPort(), stack.config().ethereumPort())) {
            try (ServerSocket free = new ServerSocket(port)) {
                assertThat(free.isBound()).isTrue();
            }
        }
    }

    private static String jsonRpc(String url, String method) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":[]}"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String roundTrip(String bootstrap) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic("stack-test", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("stack-test", "k", "hello")).get(30, TimeUnit.SECONDS);
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition("stack-test", 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    return record.value();
                }
            }
        }
        return null;
    }

    private static String registerAndRead(String registry) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String schema = "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"A\\\",\\\"fields\\\":[{\\\"name\\\":\\\"x\\\",\\\"type\\\":\\\"int\\\"}]}\"}";
        HttpResponse<String> registered = http.send(HttpRequest.newBuilder(URI.create(registry + "/subjects/stack-test-value/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(schema)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(registered.statusCode()).isEqualTo(200);
        int id = Integer.parseInt(registered.body().replaceAll("\\D", ""));
        return http.send(HttpRequest.newBuilder(URI.create(registry + "/schemas/ids/" + id)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
    }
}
