package io.cascaderadar.connectors.kafka;

import io.cascaderadar.connectors.registry.ConfluentWireFormat;
import io.cascaderadar.connectors.registry.MalformedRecordException;
import io.cascaderadar.connectors.registry.RegistryConfig;
import io.cascaderadar.connectors.registry.SchemaRegistryClient;
import io.cascaderadar.connectors.registry.SchemaRegistryException;
import io.cascaderadar.connectors.validation.RejectReason;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * A Kafka {@link Deserializer} of the Confluent wire format into an Avro specific record type, resolving the
 * writer's schema (fetched by id once) against the type's: records written with a newer or older compatible
 * schema read fine. A record at fault throws a {@link RecordDecodingException} with its reason; a registry that
 * cannot be reached throws a plain {@link SerializationException}. Configured by class name, it takes the
 * {@link RegistryConfig} properties and {@value #VALUE_TYPE}, the record class.
 */
public final class RegistryAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {
    public static final String VALUE_TYPE = "specific.avro.value.type";

    private Class<T> type;
    private SchemaRegistryClient registry;
    private final Map<Integer, SpecificDatumReader<T>> readers = new ConcurrentHashMap<>();

    /** For configuration by class name; {@link #configure} must follow. */
    public RegistryAvroDeserializer() {}

    public RegistryAvroDeserializer(Class<T> type, SchemaRegistryClient registry) {
        this.type = type;
        this.registry = registry;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void configure(Map<String, ?> configs, boolean isKey) {
        Object typeName = configs.get(VALUE_TYPE);
        if (typeName == null) {
            throw new IllegalArgumentException("'" + VALUE_TYPE + "' is not set: the Avro record class to read");
        }
        try {
            this.type = (Class<T>) Class.forName(typeName.toString(), true, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException(VALUE_TYPE + ": no class " + typeName, e);
        }
        this.registry = new SchemaRegistryClient(RegistryConfig.fromMap(configs));
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        int id;
        try {
            id = ConfluentWireFormat.schemaId(data);
        } catch (MalformedRecordException e) {
            throw new RecordDecodingException(RejectReason.NOT_WIRE_FORMAT, e.getMessage(), e);
        }
        SpecificDatumReader<T> reader = readers.get(id);
        if (reader == null) {
            reader = new SpecificDatumReader<>(writerSchema(id), SpecificData.get().getSchema(type));
            readers.put(id, reader);
        }
        try {
            return reader.read(null, DecoderFactory.get().binaryDecoder(data, ConfluentWireFormat.HEADER_SIZE,
                    data.length - ConfluentWireFormat.HEADER_SIZE, null));
        } catch (AvroTypeException e) {
            throw new RecordDecodingException(RejectReason.INCOMPATIBLE_SCHEMA, "schema id " + id + " cannot be read as "
                    + type.getSimpleName() + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new RecordDecodingException(RejectReason.CORRUPT_AVRO, "the Avro payload (schema id " + id
                    + ") does not decode: " + e, e);
        }
    }

    private Schema writerSchema(int id) {
        try {
            return registry.schemaById(id);
        } catch (SchemaRegistryException e) {
            if (e.isNotFound()) {
                throw new RecordDecodingException(RejectReason.UNKNOWN_SCHEMA_ID, "schema id " + id + " is unknown to the registry", e);
            }
            throw new SerializationException(e.getMessage(), e);
        }
    }
}
