package io.cascaderadar.jobs.formats;

import io.cascaderadar.connectors.registry.MalformedRecordException;
import io.cascaderadar.connectors.registry.RegistryConfig;
import io.cascaderadar.connectors.registry.SchemaRegistryException;
import io.cascaderadar.connectors.validation.RejectReason;
import java.io.IOException;
import java.io.Serializable;
import org.apache.avro.AvroTypeException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.formats.avro.RegistryAvroDeserializationSchema;

/**
 * Decodes one record type from the Confluent wire format with flink-avro's
 * {@link RegistryAvroDeserializationSchema} over {@link ConfluentSchemaCoder}, and sorts its failures: those of
 * the record (not the wire format, a schema id the registry does not know, a schema that cannot be read as this
 * type, a corrupt payload) become an {@link UndecodableRecordException}; those of the infrastructure (the
 * registry down or refusing access) stay {@link IOException}s, so that the caller retries instead of discarding.
 */
public final class RecordDecoder<T extends SpecificRecord> implements Serializable {
    private final Class<T> type;
    private final ConfluentSchemaCoder.Provider coder;
    private transient DeserializationSchema.InitializationContext context;
    private transient RegistryAvroDeserializationSchema<T> avro;

    private RecordDecoder(Class<T> type, ConfluentSchemaCoder.Provider coder) {
        this.type = type;
        this.coder = coder;
    }

    public static <T extends SpecificRecord> RecordDecoder<T> forType(Class<T> type, RegistryConfig registry) {
        return new RecordDecoder<>(type, new ConfluentSchemaCoder.Provider(registry, null));
    }

    public void open(DeserializationSchema.InitializationContext context) throws Exception {
        this.context = context;
        this.avro = freshSchema();
    }

    /**
     * flink-avro's schema keeps one buffered Avro decoder, which a payload that ends early leaves broken for every
     * record after it: a failed payload gets a fresh one.
     */
    private RegistryAvroDeserializationSchema<T> freshSchema() throws Exception {
        RegistryAvroDeserializationSchema<T> schema = new RegistryAvroDeserializationSchema<>(type, null, coder);
        schema.open(context);
        return schema;
    }

    public T decode(byte[] bytes) throws UndecodableRecordException, IOException {
        if (bytes == null || bytes.length == 0) {
            throw new UndecodableRecordException(RejectReason.NOT_WIRE_FORMAT, "empty record", null);
        }
        try {
            return avro.deserialize(bytes);
        } catch (MalformedRecordException e) {
            throw new UndecodableRecordException(RejectReason.NOT_WIRE_FORMAT, e.getMessage(), e);
        } catch (SchemaRegistryException e) {
            if (e.isNotFound()) {
                throw new UndecodableRecordException(RejectReason.UNKNOWN_SCHEMA_ID, e.getMessage(), e);
            }
            throw e;
        } catch (AvroTypeException e) {
            reset();
            throw new UndecodableRecordException(RejectReason.INCOMPATIBLE_SCHEMA, e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            reset();
            throw new UndecodableRecordException(RejectReason.CORRUPT_AVRO,
                    "the Avro payload does not decode: " + e, e);
        }
    }

    private void reset() throws IOException {
        try {
            avro = freshSchema();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot renew the Avro decoder", e);
        }
    }
}
