package io.cascaderadar.jobs.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascaderadar.avro.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** An {@code alerts.jsonl} as a test reads it. */
public final class AlertsFile {

    /** One alert record, with the fields tests look at. */
    public record Alert(String alertId, String state, Severity severity, String pattern, String scope, String scopeKey,
            Instant detectedAt, JsonNode json) {}

    private AlertsFile() {}

    public static List<Alert> read(Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<Alert> alerts = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            JsonNode a = mapper.readTree(line);
            alerts.add(new Alert(a.get("alertId").asText(), a.get("state").asText(),
                    Severity.valueOf(a.get("severity").asText()), a.get("pattern").asText(), a.get("scope").asText(),
                    a.get("scopeKey").asText(), Instant.ofEpochMilli(a.get("detectedAt").asLong()), a));
        }
        return alerts;
    }

    public static List<Alert> atLeast(List<Alert> alerts, Severity min) {
        return alerts.stream().filter(a -> a.severity().compareTo(min) >= 0).toList();
    }
}
