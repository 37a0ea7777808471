package io.cascaderadar.connectors.venue.deribit;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascaderadar.connectors.validation.RejectReason;
import io.cascaderadar.connectors.venue.WireJson;
import io.cascaderadar.connectors.venue.WireMessageException;

/** What Deribit's decoders share: the JSON-RPC framing of subscriptions, and how an instrument counts amounts. */
final class DeribitMessages {

    private DeribitMessages() {}

    /**
     * The {@code params.data} of a subscription notification on a channel starting with {@code channelPrefix};
     * null for answers to requests ({@code result}) and {@code heartbeat} notifications, which carry nothing.
     */
    static JsonNode data(String message, String channelPrefix) throws WireMessageException {
        JsonNode root = WireJson.parse(message);
        String method = root.path("method").asText();
        if (root.has("result") || method.equals("heartbeat")) {
            return null;
        }
        if (!method.equals("subscription")) {
            throw new WireMessageException(RejectReason.MALFORMED_MESSAGE, "neither a subscription notification nor an answer");
        }
        JsonNode params = WireJson.field(root, "params");
        String channel = WireJson.text(params, "channel");
        if (!channel.startsWith(channelPrefix)) {
            throw new WireMessageException(RejectReason.MALFORMED_MESSAGE, "channel '" + channel + "', not " + channelPrefix + "*");
        }
        return WireJson.field(params, "data");
    }

    /**
     * Whether an instrument counts in base units ({@code SOL_USDC-PERPETUAL}); perpetuals and inverse futures
     * ({@code BTC-PERPETUAL}, {@code ETH-27DEC24}) count in USD. Options are refused: their amounts are coins at
     * a premium, not a futures position.
     */
    static boolean isLinear(String instrument) throws WireMessageException {
        String[] parts = instrument.split("-");
        if (parts.length == 4 && (parts[3].equals("C") || parts[3].equals("P"))) {
            throw new WireMessageException(RejectReason.UNKNOWN_INSTRUMENT, "option " + instrument + ": not a futures position");
        }
        return instrument.contains("_USDC") || instrument.contains("_USDT");
    }
}
