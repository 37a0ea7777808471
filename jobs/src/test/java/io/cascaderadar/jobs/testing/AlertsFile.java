package io.cascaderadar.jobs.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascaderadar.avro.Severity;
import io.cascaderadar.jobs.config.DetectorConfig;
import io.cascaderadar.jobs.replay.Replay;
import io.cascaderadar.jobs.replay.ReplayOutputs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
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

    /** The alerts {@code radar replay} writes for a liquidations file, replayed into {@code out}. */
    public static Path replay(Path liquidations, Path out) throws Exception {
        return replay(liquidations, List.of(), out);
    }

    /** The same, with prices beside the liquidations. */
    public static Path replay(Path liquidations, List<Path> prices, Path out) throws Exception {
        Replay.run(new Replay.Options(List.of(liquidations), List.of(), List.of(), List.of(), out, 2, false, "replay", null,
                prices), DetectorConfig.replay());
        return out.resolve(ReplayOutputs.ALERTS);
    }

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

    /** An alert's JSON tree with fractions rounded to nine significant digits, for comparing sums made in another order. */
    public static JsonNode roundedTree(String json) {
        try {
            return rounded(new ObjectMapper().readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode rounded(JsonNode node) {
        if (node.isFloatingPointNumber()) {
            return DoubleNode.valueOf(new BigDecimal(node.asDouble()).round(new MathContext(9)).doubleValue());
        }
        if (node instanceof ObjectNode object) {
            object.properties().forEach(field -> field.setValue(rounded(field.getValue())));
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, rounded(array.get(i)));
            }
        }
        return node;
    }

    public static List<Alert> atLeast(List<Alert> alerts, Severity min) {
        return alerts.stream().filter(a -> a.severity().compareTo(min) >= 0).toList();
    }
}
