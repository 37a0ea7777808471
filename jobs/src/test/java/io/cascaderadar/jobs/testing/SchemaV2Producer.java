package io.cascaderadar.jobs.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.connectors.kafka.RegistryAvroSerializer;
import io.cascaderadar.connectors.registry.ConfluentWireFormat;
import io.cascaderadar.connectors.registry.RegistryConfig;
import io.cascaderadar.connectors.registry.SchemaRegistryClient;
import io.cascaderadar.jobs.config.RadarSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A producer from the future: it writes {@code LiquidationEvent} in the current schema (v1) and in a v2 with a
 * new optional field, as a venue connector released after the job would, and raw bytes of any kind.
 */
public final class SchemaV2Producer implements AutoCloseable {
    /** v1 plus {@code fundingRate}, an optional double defaulting to null: a BACKWARD-compatible change. */
    public static final Schema V2 = withField(LiquidationEvent.getClassSchema(),
            "{\"name\":\"fundingRate\",\"type\":[\"null\",\"double\"],\"default\":null}");
    /** v1 plus a required field without default: what BACKWARD compatibility refuses. */
    public static final Schema INCOMPATIBLE = withField(LiquidationEvent.getClassSchema(),
            "{\"name\":\"marginMode\",\"type\":\"string\"}");

    private final SchemaRegistryClient registry;
    private final RegistryAvroSerializer<SpecificRecord> v1;
    private final KafkaProducer<byte[], byte[]> producer;

    public SchemaV2Producer(RadarSettings settings) {
        this.registry = new SchemaRegistryClient(RegistryConfig.fromMap(settings.registry()));
        this.v1 = new RegistryAvroSerializer<>(registry);
        this.producer = new KafkaProducer<>(settings.kafkaClient(), new ByteArraySerializer(), new ByteArraySerializer());
    }

    public void requireBackwardCompatibility(String topic) throws IOException {
        registry.register(topic + "-value", LiquidationEvent.getClassSchema());
        registry.setCompatibility(topic + "-value", "BACKWARD");
    }

    public int registerIncompatible(String topic) throws IOException {
        return registry.register(topic + "-value", INCOMPATIBLE);
    }

    public byte[] v1(String topic, SpecificRecord record) {
        return v1.serialize(topic, record);
    }

    /** The event in v2, with a funding rate, in the Confluent wire format under the v2 schema's id. */
    public byte[] v2(String topic, LiquidationEvent event) throws IOException {
        ByteArrayOutputStream v1Bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(v1Bytes, null);
        new SpecificDatumWriter<>(LiquidationEvent.class).write(event, encoder);
        encoder.flush();
        GenericRecord upgraded = new GenericDatumReader<GenericRecord>(LiquidationEvent.getClassSchema(), V2, GenericData.get())
                .read(null, DecoderFactory.get().binaryDecoder(v1Bytes.toByteArray(), null));
        upgraded.put("fundingRate", 0.0001);
        ByteArrayOutputStream v2Bytes = new ByteArrayOutputStream();
        encoder = EncoderFactory.get().binaryEncoder(v2Bytes, null);
        new GenericDatumWriter<GenericRecord>(V2).write(upgraded, encoder);
        encoder.flush();
        return ConfluentWireFormat.frame(registry.register(topic + "-value", V2), v2Bytes.toByteArray());
    }

    public void send(String topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value));
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }

    private static Schema withField(Schema schema, String field) {
        try {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode json = (ObjectNode) mapper.readTree(schema.toString());
            ((ArrayNode) json.get("fields")).add(mapper.readTree(field));
            return new Schema.Parser().parse(json.toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
