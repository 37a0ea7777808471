package io.cascaderadar.connectors.history;

import java.util.Locale;
import java.util.Map;

/**
 * Venue ids for exchanges as aggregators name them ({@code Binance}, {@code OKX}, {@code Gate.io}, {@code HTX},
 * {@code WOO X}): the project's ids where it has them, otherwise the name in lower case without spaces or
 * punctuation. Binance is two venues: {@code binance-coinm} for its coin-margined contracts (quoted in USD) and
 * {@code binance-usdm} for the stablecoin-margined ones; with the quote unknown it is plain {@code binance}.
 */
public final class ExchangeNames {

    /** Names that differ from the venue id once lower-cased and stripped: renamed exchanges, domain names. */
    private static final Map<String, String> ALIASES = Map.of(
            "htx", "huobi",
            "okex", "okx",
            "gateio", "gate");

    private ExchangeNames() {}

    /**
     * @param exchange the exchange as the aggregator names it
     * @param quoteAsset the quote of the market ({@code USD} for coin-margined contracts), or null when unknown
     */
    public static String venue(String exchange, String quoteAsset) {
        String key = exchange.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        if (key.equals("binance") && quoteAsset != null) {
            return quoteAsset.equalsIgnoreCase("USD") ? "binance-coinm" : "binance-usdm";
        }
        return ALIASES.getOrDefault(key, key);
    }
}
