package io.cascaderadar.connectors.venue.bitmex;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascaderadar.connectors.validation.RejectReason;
import io.cascaderadar.connectors.venue.Symbols;
import io.cascaderadar.connectors.venue.WireJson;
import io.cascaderadar.connectors.venue.WireMessageException;
import java.util.List;

/**
 * What BitMEX's decoders share: the table framing ({@code {"table","action","data"}}) and the assets of a symbol.
 */
final class BitmexMessages {
    private static final List<String> ACTIONS = List.of("partial", "insert", "update", "delete");

    private BitmexMessages() {}

    /**
     * The rows of a message of {@code table} whose action is one of {@code actionsWithRows}; null for the other
     * actions, subscription acknowledgements, the welcome frame and the {@code pong} answering a {@code ping}.
     */
    static JsonNode rows(String message, String table, List<String> actionsWithRows) throws WireMessageException {
        if (message.equals("pong")) {
            return null;
        }
        JsonNode root = WireJson.parse(message);
        if (root.has("info") || root.path("success").asBoolean(false)) {
            return null;
        }
        String name = WireJson.text(root, "table");
        if (!name.equals(table)) {
            throw new WireMessageException(RejectReason.MALFORMED_MESSAGE, "table '" + name + "', not " + table);
        }
        String action = WireJson.text(root, "action");
        if (!ACTIONS.contains(action)) {
            throw new WireMessageException(RejectReason.UNKNOWN_VALUE, "action '" + action + "' is not partial, insert, update or delete");
        }
        if (!actionsWithRows.contains(action)) {
            return null;
        }
        JsonNode rows = WireJson.field(root, "data");
        if (!rows.isArray()) {
            throw new WireMessageException(RejectReason.MALFORMED_MESSAGE, "field 'data' is not a list of rows");
        }
        return rows;
    }

    /** The assets of a symbol: dated futures lose their month code and year ({@code XBTZ24}), XBT is BTC. */
    static Symbols.Pair pair(String symbol) {
        Symbols.Pair pair = Symbols.concatenated(symbol.replaceFirst("[FGHJKMNQUVXZ]\\d\\d$", ""));
        return pair.base().equals("XBT") ? new Symbols.Pair("BTC", pair.quote(), pair.unit()) : pair;
    }
}
