package io.cascaderadar.jobs.sinks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.cascaderadar.connectors.validation.DeadLetter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Base64;

/** A dead letter as one JSON line: {@code {"source", "reason", "detail", "input"}}, and the undecodable bytes as {@code payloadBase64}. */
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
            if (d.payload != null) {
                gen.writeStringField("payloadBase64", Base64.getEncoder().encodeToString(d.payload));
            }
            gen.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
