package io.cascaderadar.jobs.collect;

import io.cascaderadar.avro.FeedHealth;
import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.OpenInterestUpdate;
import io.cascaderadar.connectors.kafka.RegistryAvroSerializer;
import io.cascaderadar.connectors.registry.RegistryConfig;
import io.cascaderadar.connectors.registry.SchemaRegistryClient;
import io.cascaderadar.connectors.validation.DeadLetter;
import io.cascaderadar.jobs.config.RadarSettings;
import io.cascaderadar.jobs.sinks.DeadLetterRecords;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The input topics, as the detector reads them: Avro in the Confluent wire format through the schema registry,
 * by an idempotent producer with {@code acks=all}, keyed by asset (feed health by venue) so that one asset stays in
 * one partition and in order. Record timestamps are the time of writing. Dead letters carry the venue's message
 * as it came, with the reason in headers. A failed send fails the next call, and {@link #close()}.
 */
public final class KafkaCollectorSink implements CollectorSink {
    private final RadarSettings.Topics topics;
    private final RegistryAvroSerializer<SpecificRecord> serializer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    public KafkaCollectorSink(RadarSettings settings) {
        this.topics = settings.topics();
        this.serializer = new RegistryAvroSerializer<>(new SchemaRegistryClient(RegistryConfig.fromMap(settings.registry())));
        this.producer = new KafkaProducer<>(settings.reliableProducer(), new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public void liquidation(LiquidationEvent event) throws IOException {
        send(topics.liquidations(), event.getBaseAsset(), event);
    }

    @Override
    public void openInterest(OpenInterestUpdate update) throws IOException {
        send(topics.openInterest(), update.getBaseAsset(), update);
    }

    @Override
    public void feedHealth(FeedHealth health) throws IOException {
        send(topics.feedHealth(), health.getVenue(), health);
    }

    @Override
    public void deadLetter(DeadLetter letter) throws IOException {
        send(DeadLetterRecords.toRecord(topics.deadLetter(), DeadLetter.undecodable(letter.source, letter.reason,
                letter.detail, letter.input.getBytes(StandardCharsets.UTF_8))));
    }

    private void send(String topic, String key, SpecificRecord record) throws IOException {
        send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), serializer.serialize(topic, record)));
    }

    private void send(ProducerRecord<byte[], byte[]> record) throws IOException {
        failIfFailed();
        producer.send(record, (metadata, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
            }
        });
    }

    private void failIfFailed() throws IOException {
        Exception e = failure.get();
        if (e != null) {
            throw new IOException("publishing to Kafka failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void flush() throws IOException {
        producer.flush();
        failIfFailed();
    }

    @Override
    public void close() throws IOException {
        try {
            producer.flush();
            failIfFailed();
        } finally {
            producer.close();
        }
    }
}
