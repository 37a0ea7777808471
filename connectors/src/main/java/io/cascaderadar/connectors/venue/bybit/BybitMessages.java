package io.cascaderadar.connectors.venue.bybit;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascaderadar.connectors.validation.RejectReason;
import io.cascaderadar.connectors.venue.WireJson;
import io.cascaderadar.connectors.venue.WireMessageException;

/** The framing Bybit's v5 public stream gives every topic. */
final class BybitMessages {

    private BybitMessages() {}

    /** A message of a topic starting with {@code topicPrefix}; null for the answers to subscribe and ping. */
    static JsonNode ofTopic(String message, String topicPrefix) throws WireMessageException {
        JsonNode root = WireJson.parse(message);
        if (root.has("op")) {
            return null;
        }
        String topic = WireJson.text(root, "topic");
        if (!topic.startsWith(topicPrefix)) {
            throw new WireMessageException(RejectReason.MALFORMED_MESSAGE, "topic '" + topic + "', not " + topicPrefix + "*");
        }
        return root;
    }
}
