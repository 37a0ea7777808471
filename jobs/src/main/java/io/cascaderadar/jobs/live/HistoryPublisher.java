package io.cascaderadar.jobs.live;

import io.cascaderadar.avro.FeedHealth;
import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.OpenInterestUpdate;
import io.cascaderadar.avro.PriceUpdate;
import io.cascaderadar.connectors.csv.CsvFileReader;
import io.cascaderadar.connectors.csv.CsvReadFormat;
import io.cascaderadar.connectors.csv.FeedHealthCsv;
import io.cascaderadar.connectors.csv.InputFileException;
import io.cascaderadar.connectors.csv.LiquidationCsv;
import io.cascaderadar.connectors.csv.OpenInterestCsv;
import io.cascaderadar.connectors.csv.PriceCsv;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes normalized history files to the input topics: each input sorted by event time (as a replay reads
 * it, so that nothing arrives late), keyed so that one asset (one venue for feed health) stays in one partition
 * and in order, with {@code acks=all}. Rows that fail the input rules go to the dead-letter topic with their
 * reason.
 *
 * <p>Records go out in transactions. A send that times out cannot simply be repeated: the records after it may
 * have landed, and a repeat behind them would put its partition out of event-time order, where the detector takes
 * it as late. A transaction that fails is aborted and sent again whole by a new producer, so every partition keeps
 * its order, and the detector (reading {@code read_committed}) sees each record once.
 */
public final class HistoryPublisher implements AutoCloseable {

    /** What was published to each topic, and the rows rejected. */
    public record Counts(Map<String, Long> published, long rejected) {}

    private static final int TRANSACTION_RECORDS = 20_000;
    private static final int ATTEMPTS = 3;

    private final RadarSettings settings;
    private final RegistryAvroSerializer<SpecificRecord> serializer;
    private final Properties client;
    private KafkaProducer<byte[], byte[]> producer;
    private final Map<String, Long> published = new TreeMap<>();
    private long rejected;

    public HistoryPublisher(RadarSettings settings) {
        this.settings = settings;
        SchemaRegistryClient registry = new SchemaRegistryClient(RegistryConfig.fromMap(settings.registry()));
        this.serializer = new RegistryAvroSerializer<>(registry);
        this.client = settings.reliableProducer();
        client.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        client.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.groupId() + "-publish-" + UUID.randomUUID());
        client.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        client.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        client.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "120000");
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

    public void prices(List<Path> files) throws InputFileException, IOException {
        publish(files, new PriceCsv(InputRules.defaults(), Instant.now()), settings.topics().prices(),
                PriceUpdate::getEventTime, PriceUpdate::getBaseAsset);
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
        for (int from = 0; from < pending.size(); from += TRANSACTION_RECORDS) {
            sendInTransaction(pending.subList(from, Math.min(pending.size(), from + TRANSACTION_RECORDS)), topic);
        }
        published.merge(topic, (long) records.size(), Long::sum);
        rejected += rejects.size();
    }

    private void sendInTransaction(List<ProducerRecord<byte[], byte[]>> records, String topic) throws IOException {
        for (int attempt = 1; ; attempt++) {
            AtomicReference<Exception> failure = new AtomicReference<>();
            try {
                producer.beginTransaction();
                for (ProducerRecord<byte[], byte[]> record : records) {
                    producer.send(record, (metadata, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        }
                    });
                }
                producer.flush();
                if (failure.get() != null) {
                    throw failure.get();
                }
                producer.commitTransaction();
                return;
            } catch (Exception e) {
                Exception cause = failure.get() != null ? failure.get() : e;
                // A new producer with the same transactional id aborts what this one left open.
                producer.close(Duration.ZERO);
                producer = newProducer();
                if (attempt == ATTEMPTS) {
                    throw new IOException("publishing to " + topic + " failed " + attempt + " times: " + cause.getMessage(), cause);
                }
                System.err.println("radar publish: " + records.size() + " records to " + topic + " failed (" + cause.getMessage()
                        + "); their transaction is aborted and sent again");
            }
        }
    }

    private KafkaProducer<byte[], byte[]> newProducer() {
        KafkaProducer<byte[], byte[]> created = new KafkaProducer<>(client, new ByteArraySerializer(), new ByteArraySerializer());
        created.initTransactions();
        return created;
    }

    /** What was published; every transaction has been committed by then. */
    public Counts finish() {
        return new Counts(Map.copyOf(published), rejected);
    }

    @Override
    public void close() {
        producer.close();
    }
}
