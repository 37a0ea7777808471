package io.cascaderadar.connectors.venue.bitmex;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascaderadar.connectors.venue.InstrumentCatalog;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * BitMEX's instruments, from {@code GET /api/v1/instrument/active}: a list of {@code {"symbol","isInverse",
 * "isQuanto","multiplier","underlyingToSettleMultiplier","underlyingToPositionMultiplier",...}}.
 * <ul>
 *   <li>inverse ({@code XBTUSD}): |{@code multiplier}| / {@code underlyingToSettleMultiplier} USD per contract
 *       (1 USD);</li>
 *   <li>linear ({@code XBTUSDT}): 1 / {@code underlyingToPositionMultiplier} base units per contract
 *       (0.000001 XBT);</li>
 *   <li>quanto ({@code ETHUSD}): a fixed value in a third currency, neither unit: left out.</li>
 * </ul>
 */
public final class BitmexInstruments {
    private BitmexInstruments() {}

    /** @param rest the REST base, {@code https://www.bitmex.com} or a mirror */
    public static InstrumentCatalog catalog(URI rest) {
        return new InstrumentCatalog(BitmexLiquidationDecoder.VENUE, rest.resolve("/api/v1/instrument/active"),
                BitmexInstruments::contracts);
    }

    private static Map<String, InstrumentCatalog.Contract> contracts(JsonNode listing) {
        Map<String, InstrumentCatalog.Contract> contracts = new HashMap<>();
        if (!listing.isArray()) {
            return contracts;
        }
        for (JsonNode instrument : listing) {
            if (!instrument.hasNonNull("symbol") || instrument.path("isQuanto").asBoolean(false)) {
                continue;
            }
            String symbol = instrument.get("symbol").asText();
            if (instrument.path("isInverse").asBoolean(false)) {
                double multiplier = Math.abs(instrument.path("multiplier").asDouble(Double.NaN));
                double toSettle = InstrumentCatalog.positive(instrument, "underlyingToSettleMultiplier");
                double usd = multiplier > 0 && toSettle > 0 ? multiplier / toSettle : 1.0;
                contracts.put(symbol, new InstrumentCatalog.Contract(usd, true));
            } else {
                double perUnit = InstrumentCatalog.positive(instrument, "underlyingToPositionMultiplier");
                if (!Double.isNaN(perUnit)) {
                    contracts.put(symbol, new InstrumentCatalog.Contract(1 / perUnit, false));
                }
            }
        }
        return contracts;
    }
}
