package io.cascaderadar.jobs.collect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Every frame the venues sent, exactly as received, with its receive time: {@code DIR/<venue>.jsonl}, one
 * {@code {"receiveTime": ms, "message": "..."}} per line, what {@code replay --raw VENUE:FILE} reads back.
 */
public interface RawRecorder extends AutoCloseable {

    RawRecorder NONE = new RawRecorder() {
        @Override
        public void record(String venue, String message, Instant receiveTime) {}

        @Override
        public void close() {}
    };

    void record(String venue, String message, Instant receiveTime) throws IOException;

    @Override
    void close() throws IOException;

    static RawRecorder toDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        JsonFactory json = new JsonFactory();
        Map<String, BufferedWriter> files = new HashMap<>();
        return new RawRecorder() {
            @Override
            public synchronized void record(String venue, String message, Instant receiveTime) throws IOException {
                BufferedWriter out = files.get(venue);
                if (out == null) {
                    out = Files.newBufferedWriter(dir.resolve(venue + ".jsonl"), StandardCharsets.UTF_8);
                    files.put(venue, out);
                }
                StringWriter line = new StringWriter(message.length() + 48);
                try (JsonGenerator gen = json.createGenerator(line)) {
                    gen.writeStartObject();
                    gen.writeNumberField("receiveTime", receiveTime.toEpochMilli());
                    gen.writeStringField("message", message);
                    gen.writeEndObject();
                }
                out.write(line.toString());
                out.write('\n');
                out.flush();
            }

            @Override
            public synchronized void close() throws IOException {
                for (BufferedWriter out : files.values()) {
                    out.close();
                }
            }
        };
    }
}
