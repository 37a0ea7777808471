package io.cascaderadar.connectors.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Collection;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * A record as plain JSON with its Avro field names: timestamps as epoch milliseconds (the Avro value of
 * {@code timestamp-millis}), enums as their symbol, optional fields as the value or null (not Avro's
 * union wrapping), nested records as objects. Non-finite numbers, which JSON cannot hold, become null.
 */
public final class AvroJson {

    private static final JsonFactory JSON = new JsonFactory();

    private AvroJson() {}

    public static String toJson(IndexedRecord record) {
        StringWriter out = new StringWriter(512);
        try (JsonGenerator gen = JSON.createGenerator(out)) {
            writeRecord(gen, record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void writeRecord(JsonGenerator gen, IndexedRecord record) throws IOException {
        gen.writeStartObject();
        for (Schema.Field field : record.getSchema().getFields()) {
            gen.writeFieldName(field.name());
            writeValue(gen, record.get(field.pos()));
        }
        gen.writeEndObject();
    }

    private static void writeValue(JsonGenerator gen, Object value) throws IOException {
        if (value == null) {
            gen.writeNull();
        } else if (value instanceof IndexedRecord nested) {
            writeRecord(gen, nested);
        } else if (value instanceof Instant t) {
            gen.writeNumber(t.toEpochMilli());
        } else if (value instanceof Double d) {
            if (Double.isFinite(d)) {
                gen.writeNumber(d);
            } else {
                gen.writeNull();
            }
        } else if (value instanceof Float f) {
            writeValue(gen, f.doubleValue());
        } else if (value instanceof Integer i) {
            gen.writeNumber(i);
        } else if (value instanceof Long l) {
            gen.writeNumber(l);
        } else if (value instanceof Boolean b) {
            gen.writeBoolean(b);
        } else if (value instanceof Collection<?> items) {
            gen.writeStartArray();
            for (Object item : items) {
                writeValue(gen, item);
            }
            gen.writeEndArray();
        } else {
            // Strings, Utf8 and enum symbols.
            gen.writeString(value.toString());
        }
    }
}
