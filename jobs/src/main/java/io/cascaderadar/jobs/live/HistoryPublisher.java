package io.cascaderadar.jobs.live;

import io.cascaderadar.avro.FeedHealth;
import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.OpenInterestUpdate;
import io.cascaderadar.connectors.csv.CsvFileReader;
import io.cascaderadar.connectors.csv.CsvReadFormat;
import io.cascaderadar.connectors.csv.FeedHealthCsv;
import io.cascaderadar.connectors.csv.InputFileException;
import io.cascaderadar.connectors.csv.LiquidationCsv;
import io.cascaderadar.connectors.csv.OpenInterestCsv;
import io.cascaderadar.connectors.kafka.RegistryAvroSerializer;
import io.cascaderadar.connectors.registry.RegistryConfig;
import io.cascaderadar.connectors.registry.SchemaRegistryClient;
import io.cascaderadar.connectors.validation.DeadLetter;
import io.cascaderadar.connectors.validation.InputRules;
import io.cascaderadar.jobs.config.RadarSettings;
import io.cascaderadar.jobs.sinks.DeadLetterRecords;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes normalized history files to the input topics: each input sorted by event time (as a replay reads
 * it, so that nothing arrives late), keyed so that one asset (one venue for feed health) stays in one partition
 * and in order, by an idempotent producer with {@code acks=all}. Rows that fail the input rules go to the
 * dead-letter topic with their reason.
 */
public final class HistoryPublisher implements AutoCloseable {

    /** What was published to each topic, and the rows rejected. */
    public record Counts(Map<String, Long> published, long rejected) {}

    private final RadarSettings settings;
    private final RegistryAvroSerializer<SpecificRecord> serializer;
    private final Properties client;
    private KafkaProducer<byte[], byte[]> producer;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Map<String, Long> published = new TreeMap<>();
    private long rejected;

    private static final int SEND_ATTEMPTS = 3;

    public HistoryPublisher(RadarSettings settings) {
        this.settings = settings;
        SchemaRegistryClient registry = new SchemaRegistryClient(RegistryConfig.fromMap(settings.registry()));
        this.serializer = new RegistryAvroSerializer<>(registry);
        this.client = settings.reliableProducer();
        client.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        client.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        client.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        this.producer = newProducer();
    }

    public void liquidations(List<Path> files) throws InputFileException, IOException {
        publish(files, new LiquidationCsv(InputRules.defaults(), Instant.now()), settings.topics().liquidations(),
                LiquidationEvent::getEventTime, LiquidationEvent::getBaseAsset);
    }

    public void openInterest(List<Path> files) throws InputFileException, IOException {
        publish(files, new OpenInterestCsv(InputRules.defaults(), Instant.now()), settings.topics().openInterest(),
                OpenInterestUpdate::getEventTime, OpenInterestUpdate::getBaseAsset);
    }

    public void feedHealth(List<Path> files) throws InputFileException, IOException {
        publish(files, new FeedHealthCsv(InputRules.defaults(), Instant.now()), settings.topics().feedHealth(),
                FeedHealth::getEventTime, FeedHealth::getVenue);
    }

    private <T extends SpecificRecord> void publish(List<Path> files, CsvReadFormat<T> format, String topic,
            Function<T, Instant> eventTime, Function<T, String> key) throws InputFileException, IOException {
        if (files.isEmpty()) {
            return;
        }
        List<T> records = new ArrayList<>();
        List<DeadLetter> rejects = new ArrayList<>();
        for (Path file : files) {
            CsvFileReader.read(file, format, records::add, rejects::add);
        }
        records.sort(Comparator.comparing(eventTime));
        List<ProducerRecord<byte[], byte[]>> pending = new ArrayList<>(rejects.size() + records.size());
        for (DeadLetter letter : rejects) {
            pending.add(DeadLetterRecords.toRecord(settings.topics().deadLetter(), letter));
        }
        for (T record : records) {
            // The record's timestamp is the time of publishing: event times years old would fall to the broker's
            // time-based retention at once. The event time travels in the record.
            pending.add(new ProducerRecord<>(topic, key.apply(record).getBytes(StandardCharsets.UTF_8),
                    serializer.serialize(topic, record)));
        }
        // Records whose send timed out are sent again, in order, by a new producer (a batch that expired while in
        // flight may have been written after all: the detector drops repeated event ids). Other failures end the
        // publishing.
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            Queue<ProducerRecord<byte[], byte[]>> timedOut = new ConcurrentLinkedQueue<>();
            for (ProducerRecord<byte[], byte[]> record : pending) {
                send(record, timedOut);
            }
            producer.flush();
            if (failure.get() != null || timedOut.isEmpty()) {
                break;
            }
            if (attempt == SEND_ATTEMPTS) {
                failure.set(new TimeoutException(timedOut.size() + " records to " + topic + " timed out " + attempt + " times"));
                break;
            }
            System.err.println("radar publish: " + timedOut.size() + " records to " + topic + " timed out; sending them again");
            pending = new ArrayList<>(timedOut);
            producer.close();
            producer = newProducer();
        }
        published.merge(topic, (long) records.size(), Long::sum);
        rejected += rejects.size();
    }

    private KafkaProducer<byte[], byte[]> newProducer() {
        return new KafkaProducer<>(client, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private void send(ProducerRecord<byte[], byte[]> record, Queue<ProducerRecord<byte[], byte[]>> timedOut) {
        producer.send(record, (metadata, e) -> {
            if (e instanceof TimeoutException) {
                timedOut.add(record);
            } else if (e != null) {
                failure.compareAndSet(null, e);
            }
        });
    }

    /** Waits until every record is acknowledged; throws the first failure, if any. */
    public Counts finish() throws IOException {
        producer.flush();
        Exception e = failure.get();
        if (e != null) {
            throw new IOException("publishing failed: " + e.getMessage(), e);
        }
        return new Counts(Map.copyOf(published), rejected);
    }

    @Override
    public void close() {
        producer.close();
    }
}
