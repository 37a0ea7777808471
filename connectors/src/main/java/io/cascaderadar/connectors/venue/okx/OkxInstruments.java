package io.cascaderadar.connectors.venue.okx;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascaderadar.connectors.venue.InstrumentCatalog;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * OKX's swaps, from {@code GET /api/v5/public/instruments?instType=SWAP}: {@code {"code":"0","data":[{"instId",
 * "ctVal","ctType",...}]}}; {@code ctVal} is base units per contract for linear swaps ({@code BTC-USDT-SWAP}: 0.01
 * BTC), USD for inverse ones ({@code BTC-USD-SWAP}: 100 USD).
 */
public final class OkxInstruments {
    private OkxInstruments() {}

    /** @param rest the REST base, {@code https://www.okx.com} or a mirror */
    public static InstrumentCatalog catalog(URI rest) {
        return new InstrumentCatalog(OkxLiquidationDecoder.VENUE, rest.resolve("/api/v5/public/instruments?instType=SWAP"),
                OkxInstruments::contracts);
    }

    private static Map<String, InstrumentCatalog.Contract> contracts(JsonNode listing) {
        Map<String, InstrumentCatalog.Contract> contracts = new HashMap<>();
        if (!"0".equals(listing.path("code").asText())) {
            return contracts;
        }
        for (JsonNode instrument : listing.path("data")) {
            double size = InstrumentCatalog.positive(instrument, "ctVal");
            if (instrument.hasNonNull("instId") && !Double.isNaN(size)) {
                contracts.put(instrument.get("instId").asText(),
                        new InstrumentCatalog.Contract(size, "inverse".equals(instrument.path("ctType").asText())));
            }
        }
        return contracts;
    }
}
