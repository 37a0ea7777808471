package io.cascaderadar.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascaderadar.avro.WindowStats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.Encoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.util.RandomData;
import org.junit.jupiter.api.Test;

/**
 * The faster ways this project writes Avro records must write the very bytes the schema says: Kafka's consumers,
 * the replay's files and Flink's checkpoints depend on it. Avro's generated encoders
 * ({@code -Dorg.apache.avro.specific.use_custom_coders=true}, in every JVM of the project) write the records
 * without logical types (a signal's windows, the changes of open-interest stress and of prices, an alert's
 * evidence) in straight-line code instead of walking the schema; {@link NullableUnionWriter} picks a nullable
 * field's branch without a lookup.
 */
class AvroWritersTest {

    private static final int RECORDS_PER_SCHEMA = 300;

    @Test
    void theProjectsJvmsUseThem() {
        assertThat(new SpecificData().useCustomCoders())
                .as("-Dorg.apache.avro.specific.use_custom_coders=true, from flink.jvm.options of the root pom")
                .isTrue();
    }

    @Test
    void everyRecordIsWrittenByteForByteAsWithoutThem() throws Exception {
        assertThat(WindowStats.class.getDeclaredMethod("customEncode", Encoder.class))
                .as("a signal's windows have a generated encoder").isNotNull();
        SpecificData with = specificData(true);
        SpecificData without = specificData(false);
        Map<String, Schema> schemas = SchemaDirectory.load(SchemaDirectory.property("radar.schemas.dir"));
        for (Map.Entry<String, Schema> entry : schemas.entrySet()) {
            // The generated class's own schema: a record walked by another copy of it is refused as another type.
            Schema schema = SpecificData.get().getSchema(SpecificData.get().getClass(entry.getValue()));
            long seed = entry.getKey().hashCode();
            for (Object generic : new RandomData(schema, RECORDS_PER_SCHEMA, seed)) {
                byte[] asTheSchemaSays = encode(new GenericDatumWriter<>(schema), generic);
                Object specific = new SpecificDatumReader<>(schema, schema, with)
                        .read(null, DecoderFactory.get().binaryDecoder(asTheSchemaSays, null));
                assertThat(specific.getClass().getSimpleName()).isEqualTo(entry.getKey());
                assertThat(encode(new SpecificDatumWriter<>(schema, with), specific))
                        .as("%s with the generated encoders: %s", entry.getKey(), specific)
                        .isEqualTo(asTheSchemaSays)
                        .isEqualTo(encode(new SpecificDatumWriter<>(schema, without), specific));
                assertThat(encode(new NullableUnionWriter<>(schema), specific))
                        .as("%s by the nullable union writer: %s", entry.getKey(), specific)
                        .isEqualTo(asTheSchemaSays);
            }
        }
    }

    private static SpecificData specificData(boolean customCoders) {
        SpecificData data = new SpecificData();
        data.setCustomCoders(customCoders);
        data.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        return data;
    }

    private static byte[] encode(DatumWriter<Object> writer, Object record) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        writer.write(record, encoder);
        encoder.flush();
        return bytes.toByteArray();
    }
}
