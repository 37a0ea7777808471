package io.cascaderadar.connectors.venue;

import java.util.List;
import java.util.Locale;

/**
 * Base and quote assets of venue symbols ({@code BTCUSDT}, {@code BTC-USDT-SWAP}, {@code BTCUSD_PERP}), with the
 * unit prefixes venues put on cheap coins ({@code 1000PEPEUSDT} is a contract on 1,000 PEPE) taken out, so that
 * every venue's PEPE lands in one asset.
 */
public final class Symbols {
    private static final List<String> QUOTES = List.of("USDT", "USDC", "FDUSD", "BUSD", "USD");
    private static final List<Integer> UNIT_PREFIXES = List.of(1_000_000, 10_000, 1_000, 100);

    /** A base asset, the quote asset, and how many base units one quoted unit holds (1000 for 1000PEPE). */
    public record Pair(String base, String quote, int unit) {}

    private Symbols() {}

    /** A symbol without separators: {@code BTCUSDT}, {@code 1000PEPEUSDT}, {@code BTCUSD} (quote last). */
    public static Pair concatenated(String symbol) {
        String upper = symbol.toUpperCase(Locale.ROOT);
        for (String quote : QUOTES) {
            if (upper.endsWith(quote) && upper.length() > quote.length()) {
                return withUnit(upper.substring(0, upper.length() - quote.length()), quote);
            }
        }
        return withUnit(upper, null);
    }

    /** A symbol of parts: {@code BTC-USDT-SWAP}, {@code BTC-USD-230929}, {@code BTC-PERPETUAL} (base first). */
    public static Pair dashed(String symbol) {
        String[] parts = symbol.toUpperCase(Locale.ROOT).split("[-_/]");
        String quote = parts.length > 1 && QUOTES.contains(parts[1]) ? parts[1] : null;
        return withUnit(parts[0], quote);
    }

    private static Pair withUnit(String base, String quote) {
        for (int unit : UNIT_PREFIXES) {
            String prefix = Integer.toString(unit);
            if (base.startsWith(prefix) && base.length() > prefix.length() && Character.isLetter(base.charAt(prefix.length()))) {
                return new Pair(base.substring(prefix.length()), quote, unit);
            }
        }
        return new Pair(base, quote, 1);
    }
}
