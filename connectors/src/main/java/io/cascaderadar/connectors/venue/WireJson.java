package io.cascaderadar.connectors.venue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascaderadar.connectors.validation.RejectReason;
import java.time.Instant;

/**
 * Reading the fields of venues' JSON, which send numbers as strings or as numbers and times as epoch milliseconds
 * in either form: every missing or unreadable field is a {@link WireMessageException} naming it.
 */
public final class WireJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private WireJson() {}

    public static JsonNode parse(String message) throws WireMessageException {
        try {
            JsonNode root = JSON.readTree(message);
            if (root == null || !root.isContainerNode()) {
                throw new WireMessageException(RejectReason.MALFORMED_MESSAGE, "not a JSON object or array");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new WireMessageException(RejectReason.MALFORMED_MESSAGE, "not JSON: " + e.getOriginalMessage());
        }
    }

    public static JsonNode field(JsonNode node, String name) throws WireMessageException {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new WireMessageException(RejectReason.MALFORMED_MESSAGE, "no field '" + name + "'");
        }
        return value;
    }

    public static String text(JsonNode node, String name) throws WireMessageException {
        String value = field(node, name).asText();
        if (value.isBlank()) {
            throw new WireMessageException(RejectReason.MALFORMED_MESSAGE, "field '" + name + "' is empty");
        }
        return value;
    }

    /** A finite number, given as a JSON number or a string. */
    public static double number(JsonNode node, String name) throws WireMessageException {
        JsonNode value = field(node, name);
        double number;
        if (value.isNumber()) {
            number = value.doubleValue();
        } else {
            try {
                number = Double.parseDouble(value.asText().trim());
            } catch (NumberFormatException e) {
                throw new WireMessageException(RejectReason.BAD_NUMBER, "field '" + name + "' is not a number: " + value);
            }
        }
        if (!Double.isFinite(number)) {
            throw new WireMessageException(RejectReason.NON_FINITE, "field '" + name + "' is " + number);
        }
        return number;
    }

    /** Epoch milliseconds, given as a JSON number or a string. */
    public static Instant millis(JsonNode node, String name) throws WireMessageException {
        JsonNode value = field(node, name);
        try {
            return Instant.ofEpochMilli(value.isNumber() ? value.longValue() : Long.parseLong(value.asText().trim()));
        } catch (NumberFormatException e) {
            throw new WireMessageException(RejectReason.BAD_TIMESTAMP, "field '" + name + "' is not epoch milliseconds: " + value);
        }
    }
}
