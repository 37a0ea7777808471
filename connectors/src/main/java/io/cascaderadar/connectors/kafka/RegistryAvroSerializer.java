package io.cascaderadar.connectors.kafka;

import io.cascaderadar.connectors.registry.ConfluentWireFormat;
import io.cascaderadar.connectors.registry.RegistryConfig;
import io.cascaderadar.connectors.registry.SchemaRegistryClient;
import io.cascaderadar.connectors.registry.SchemaRegistryException;
import io.cascaderadar.connectors.registry.SubjectNameStrategy;
import io.cascaderadar.schema.NullableUnionWriter;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka {@link Serializer} of Avro specific records in the Confluent wire format, registering each record's
 * schema under {@code <topic>-value} (TopicNameStrategy; or looking it up when {@code auto.register.schemas}
 * is false). Configured by class name, it takes the {@link RegistryConfig} properties.
 */
public final class RegistryAvroSerializer<T extends SpecificRecord> implements Serializer<T> {
    private SchemaRegistryClient registry;
    private SubjectNameStrategy subjects = SubjectNameStrategy.TOPIC;
    private boolean isKey;
    private final Map<Schema, SpecificDatumWriter<T>> writers = new ConcurrentHashMap<>();

    /** For configuration by class name; {@link #configure} must follow. */
    public RegistryAvroSerializer() {}

    public RegistryAvroSerializer(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.registry = new SchemaRegistryClient(RegistryConfig.fromMap(configs));
        this.isKey = isKey;
        Object strategy = configs.get("subject.name.strategy");
        if (strategy != null) {
            this.subjects = SubjectNameStrategy.valueOf(strategy.toString());
        }
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        Schema schema = record.getSchema();
        String subject = subjects.subject(topic, schema, isKey);
        try {
            int id = registry.config().autoRegister() ? registry.register(subject, schema) : registry.idOf(subject, schema);
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            ConfluentWireFormat.writeHeader(id, new DataOutputStream(out));
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writers.computeIfAbsent(schema, NullableUnionWriter::new).write(record, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (SchemaRegistryException e) {
            throw new SerializationException(e.getMessage(), e);
        } catch (IOException e) {
            throw new SerializationException("cannot encode " + schema.getFullName() + " for " + topic + ": " + e.getMessage(), e);
        }
    }
}
