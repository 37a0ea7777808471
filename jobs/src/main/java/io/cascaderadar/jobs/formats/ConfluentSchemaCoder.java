package io.cascaderadar.jobs.formats;

import io.cascaderadar.connectors.registry.ConfluentWireFormat;
import io.cascaderadar.connectors.registry.RegistryConfig;
import io.cascaderadar.connectors.registry.SchemaRegistryClient;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.flink.formats.avro.SchemaCoder;

/**
 * flink-avro's {@link SchemaCoder} for the Confluent wire format (magic byte 0, 4-byte schema id) over the
 * project's registry client, so that {@code RegistryAvro(De)SerializationSchema} read and write what any
 * Confluent-compatible consumer reads. Schemas are cached by the client: after the first record of a schema,
 * neither reading nor writing does I/O.
 */
public final class ConfluentSchemaCoder implements SchemaCoder {
    /** One client per registry and JVM: every task of a TaskManager shares its cache. */
    private static final Map<RegistryConfig, SchemaRegistryClient> CLIENTS = new ConcurrentHashMap<>();

    private final SchemaRegistryClient client;
    private final String subject;

    ConfluentSchemaCoder(SchemaRegistryClient client, String subject) {
        this.client = client;
        this.subject = subject;
    }

    @Override
    public Schema readSchema(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        return client.schemaById(ConfluentWireFormat.readHeader(data));
    }

    @Override
    public void writeSchema(Schema schema, OutputStream out) throws IOException {
        if (subject == null) {
            throw new IllegalStateException("this coder only reads: it has no subject to register schemas under");
        }
        int id = client.config().autoRegister() ? client.register(subject, schema) : client.idOf(subject, schema);
        ConfluentWireFormat.writeHeader(id, new DataOutputStream(out));
    }

    /**
     * The serializable side of the coder.
     *
     * @param subject the subject schemas are registered under when writing ({@code <topic>-value}); null to read only
     */
    public record Provider(RegistryConfig registry, String subject) implements SchemaCoderProvider {
        @Override
        public SchemaCoder get() {
            return new ConfluentSchemaCoder(CLIENTS.computeIfAbsent(registry, SchemaRegistryClient::new), subject);
        }
    }
}
