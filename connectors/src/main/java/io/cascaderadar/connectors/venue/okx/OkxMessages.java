package io.cascaderadar.connectors.venue.okx;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascaderadar.connectors.validation.RejectReason;
import io.cascaderadar.connectors.venue.WireJson;
import io.cascaderadar.connectors.venue.WireMessageException;

/** The framing OKX's v5 public WebSocket gives every channel. */
final class OkxMessages {

    private OkxMessages() {}

    /**
     * The {@code data} of a push on {@code channel}; null for the answers to subscribe and the errors
     * ({@code event}), and for the {@code pong} answering the keep-alive {@code ping}.
     */
    static JsonNode data(String message, String channel) throws WireMessageException {
        if (message.equals("pong")) {
            return null;
        }
        JsonNode root = WireJson.parse(message);
        if (root.has("event")) {
            return null;
        }
        String name = WireJson.text(WireJson.field(root, "arg"), "channel");
        if (!name.equals(channel)) {
            throw new WireMessageException(RejectReason.MALFORMED_MESSAGE, "channel '" + name + "', not " + channel);
        }
        return WireJson.field(root, "data");
    }
}
