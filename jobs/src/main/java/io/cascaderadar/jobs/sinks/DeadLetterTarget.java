package io.cascaderadar.jobs.sinks;

import io.cascaderadar.connectors.validation.DeadLetter;
import io.cascaderadar.jobs.config.RadarSettings;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Where a sink that finds bad records on its own (InfluxDB refusing a point) puts them: the dead-letter topic on
 * the live path, a file of the output directory in a replay. Opened by each writer; {@link Writer#flush()} makes
 * what was written durable (the sink calls it on every checkpoint).
 */
public interface DeadLetterTarget extends Serializable {

    Writer open(int subtask) throws IOException;

    interface Writer extends AutoCloseable {
        void write(DeadLetter letter) throws IOException;

        void flush() throws IOException;

        @Override
        void close() throws IOException;
    }

    /** The dead-letter topic, through a producer with {@code acks=all}. */
    static DeadLetterTarget kafka(RadarSettings settings) {
        Properties client = settings.reliableProducer();
        String topic = settings.topics().deadLetter();
        return subtask -> {
            KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(client, new ByteArraySerializer(), new ByteArraySerializer());
            return new Writer() {
                @Override
                public void write(DeadLetter letter) throws IOException {
                    try {
                        producer.send(DeadLetterRecords.toRecord(topic, letter)).get();
                    } catch (ExecutionException e) {
                        throw new IOException("dead letter to " + topic + " failed: " + e.getCause().getMessage(), e.getCause());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted", e);
                    }
                }

                @Override
                public void flush() {
                    producer.flush();
                }

                @Override
                public void close() {
                    producer.close();
                }
            };
        };
    }

    /** JSON lines appended to a file ({@code name.jsonl}; {@code name-<subtask>.jsonl} for subtasks after the first). */
    static DeadLetterTarget file(Path path) {
        String file = path.toString();
        return subtask -> {
            Path target = subtask == 0 ? Path.of(file) : Path.of(file.replaceAll("\\.jsonl$", "") + "-" + subtask + ".jsonl");
            BufferedWriter out = Files.newBufferedWriter(target, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            return new Writer() {
                @Override
                public void write(DeadLetter letter) throws IOException {
                    out.write(DeadLetterJson.toJson(letter));
                    out.write('\n');
                }

                @Override
                public void flush() throws IOException {
                    out.flush();
                }

                @Override
                public void close() throws IOException {
                    out.close();
                }
            };
        };
    }
}
