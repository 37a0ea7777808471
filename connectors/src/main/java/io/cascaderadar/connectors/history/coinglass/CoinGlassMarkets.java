package io.cascaderadar.connectors.history.coinglass;

import io.cascaderadar.connectors.csv.CsvRow;
import io.cascaderadar.connectors.history.BucketRecords.Market;
import io.cascaderadar.connectors.history.ExchangeNames;
import io.cascaderadar.connectors.validation.Rejection;
import io.cascaderadar.connectors.venue.Symbols;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The market of a CoinGlass history row. CoinGlass's JSON names neither the exchange nor the symbol of a series:
 * an export carries the request's parameters as columns. A pair's history ({@code exchange}, and the exchange's
 * {@code symbol}: {@code BTCUSDT}, {@code BTC-USDT-SWAP}, {@code BTCUSD_PERP}, {@code XBTUSD}) is of that venue
 * and instrument; a coin's history ({@code symbol} {@code BTC}) sums the exchanges of its {@code exchange_list}, and
 * its venue is their ids joined with {@code +} ({@code binance+bybit+okx}), or {@code coinglass} (all the
 * exchanges CoinGlass follows) when the row does not say.
 */
final class CoinGlassMarkets {

    static final String EXCHANGE = "exchange";
    static final String SYMBOL = "symbol";
    static final String EXCHANGE_LIST = "exchange_list";

    private CoinGlassMarkets() {}

    static boolean isPair(CsvRow row) {
        return row.columns().contains(EXCHANGE);
    }

    static Market pair(CsvRow row) throws Rejection {
        String symbol = row.text(SYMBOL);
        Symbols.Pair pair = pairOf(symbol);
        return new Market(ExchangeNames.venue(row.text(EXCHANGE), pair.quote()), symbol, pair.base(), pair.quote());
    }

    static Market coin(CsvRow row) throws Rejection {
        String coin = row.text(SYMBOL).toUpperCase(Locale.ROOT);
        String exchanges = row.optionalText(EXCHANGE_LIST);
        String venue = exchanges == null ? "coinglass" : Arrays.stream(exchanges.split(","))
                .map(String::strip)
                .filter(name -> !name.isEmpty())
                .map(name -> ExchangeNames.venue(name, null))
                .sorted()
                .distinct()
                .collect(Collectors.joining("+"));
        return new Market(venue, coin, coin, null);
    }

    /** The part that ends in a quote ({@code BTCUSD} of {@code BTCUSD_PERP}), else the parts base first. */
    private static Symbols.Pair pairOf(String symbol) {
        Symbols.Pair pair = Arrays.stream(symbol.split("[-_/]"))
                .map(Symbols::concatenated)
                .filter(p -> p.quote() != null)
                .findFirst()
                .orElseGet(() -> Symbols.dashed(symbol));
        return pair.base().equals("XBT") ? new Symbols.Pair("BTC", pair.quote(), pair.unit()) : pair;
    }
}
