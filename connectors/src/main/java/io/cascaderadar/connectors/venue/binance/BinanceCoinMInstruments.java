package io.cascaderadar.connectors.venue.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascaderadar.connectors.venue.InstrumentCatalog;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * Binance COIN-M's contracts, from {@code GET /dapi/v1/exchangeInfo}: {@code {"symbols":[{"symbol":"BTCUSD_PERP",
 * "contractSize":100,...}]}}; every COIN-M contract is inverse, {@code contractSize} USD each.
 */
public final class BinanceCoinMInstruments {
    private BinanceCoinMInstruments() {}

    /** @param rest the REST base, {@code https://dapi.binance.com} or a mirror */
    public static InstrumentCatalog catalog(URI rest) {
        return new InstrumentCatalog(BinanceForceOrderDecoder.COIN_M, rest.resolve("/dapi/v1/exchangeInfo"),
                BinanceCoinMInstruments::contracts);
    }

    private static Map<String, InstrumentCatalog.Contract> contracts(JsonNode listing) {
        Map<String, InstrumentCatalog.Contract> contracts = new HashMap<>();
        for (JsonNode symbol : listing.path("symbols")) {
            double size = InstrumentCatalog.positive(symbol, "contractSize");
            if (symbol.hasNonNull("symbol") && !Double.isNaN(size)) {
                contracts.put(symbol.get("symbol").asText(), new InstrumentCatalog.Contract(size, true));
            }
        }
        return contracts;
    }
}
