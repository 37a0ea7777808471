package io.cascaderadar.jobs.sinks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.cascaderadar.connectors.validation.DeadLetter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** A dead letter as one JSON line: {@code {"source", "reason", "detail", "input"}}. */
public final class DeadLetterJson {
    private static final JsonFactory JSON = new JsonFactory();

    private DeadLetterJson() {}

    public static String toJson(DeadLetter d) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator gen = JSON.createGenerator(out)) {
            gen.writeStartObject();
            gen.writeStringField("source", d.source);
            gen.writeStringField("reason", d.reason.name());
            gen.writeStringField("detail", d.detail);
            gen.writeStringField("input", d.input);
            gen.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
