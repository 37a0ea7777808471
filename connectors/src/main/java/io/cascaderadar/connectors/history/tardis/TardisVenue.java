package io.cascaderadar.connectors.history.tardis;

import io.cascaderadar.avro.PriceKind;
import io.cascaderadar.avro.Sidedness;
import io.cascaderadar.connectors.csv.CsvRow;
import io.cascaderadar.connectors.history.binance.BinanceDataFiles;
import io.cascaderadar.connectors.validation.RejectReason;
import io.cascaderadar.connectors.validation.Rejection;
import io.cascaderadar.connectors.venue.InstrumentCatalog.Contract;
import io.cascaderadar.connectors.venue.Symbols;
import io.cascaderadar.connectors.venue.binance.BinanceForceOrderDecoder;
import io.cascaderadar.connectors.venue.bitmex.BitmexLiquidationDecoder;
import io.cascaderadar.connectors.venue.bybit.BybitLiquidationDecoder;
import io.cascaderadar.connectors.venue.deribit.DeribitTradesDecoder;
import io.cascaderadar.connectors.venue.hyperliquid.HyperliquidDecoder;
import io.cascaderadar.connectors.venue.okx.OkxLiquidationDecoder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A venue as Tardis.dev's normalized CSV datasets give it. Tardis passes each exchange's own amounts on (its
 * mappers take Binance {@code z}, Bybit {@code v}, OKX {@code sz} and {@code oi}, BitMEX {@code leavesQty} and
 * {@code openInterest}, Deribit {@code amount} and {@code open_interest}), so an amount is in contracts wherever the
 * exchange counts contracts; without the venues' instrument listings, contract sizes come from the rules below:
 * <ul>
 *   <li>{@code binance-futures} → {@code binance-usdm}: base units (times the unit prefix: {@code 1000PEPEUSDT}
 *       counts thousands of PEPE);</li>
 *   <li>{@code binance-delivery} → {@code binance-coinm}: contracts of 100 USD (BTC) or 10 USD (other assets);</li>
 *   <li>{@code bybit} → {@code bybit}: base units on linear contracts, contracts of 1 USD on inverse ones
 *       ({@code BTCUSD}, {@code BTCUSDH25});</li>
 *   <li>{@code okex-swap}, {@code okex-futures} → {@code okx}: contracts of 100 USD (BTC) or 10 USD on inverse
 *       instruments ({@code BTC-USD-SWAP}); on USDT-margined ones the {@code ctVal} of the few assets listed in
 *       {@link #OKX_USDT_CONTRACT_VALUES}; any other OKX instrument is refused as UNKNOWN_INSTRUMENT;</li>
 *   <li>{@code bitmex} → {@code bitmex}: contracts of 1 USD on {@code XBTUSD} and the XBT futures; other BitMEX
 *       contracts (linear, quanto) are refused as UNKNOWN_INSTRUMENT;</li>
 *   <li>{@code deribit} → {@code deribit}: USD on perpetuals and inverse futures, base units on linear ones
 *       ({@code _USDC}/{@code _USDT}); options are refused;</li>
 *   <li>{@code hyperliquid} → {@code hyperliquid}: base units ({@code kPEPE}, upper-cased by Tardis, is 1,000
 *       PEPE).</li>
 * </ul>
 * Other Tardis exchanges (Huobi, Kraken Futures, FTX, dYdX...) are not venues of this project: their rows are
 * refused as UNKNOWN_VALUE. XBT is BTC.
 *
 * @param liquidationPrice what the price of the venue's liquidations is
 * @param completeSince from when Tardis recorded a liquidation feed that is not throttled (before: {@code sampled})
 * @param openInterest how the venue counts open interest
 * @param liquidationIds how the live decoder names the venue's liquidations
 */
record TardisVenue(String venue, Assets assets, Contracts contracts, PriceKind liquidationPrice, Instant completeSince,
        Sidedness openInterest, LiquidationIds liquidationIds) {

    /** The assets of a venue's symbol. */
    @FunctionalInterface
    interface Assets {
        Symbols.Pair of(String symbol);
    }

    /** What one amount of a symbol counts: a contract of a USD value (inverse) or of base units (linear). */
    @FunctionalInterface
    interface Contracts {
        Contract of(String symbol, Symbols.Pair pair) throws Rejection;
    }

    /** How the live decoder names a venue's liquidations, as far as a Tardis row can tell. */
    enum LiquidationIds {
        /** The exchange's id ({@code bitmex:<orderID>}, {@code deribit:<trade_id>}), as the live decoder. */
        NATIVE,
        /** Bybit's: the live decoder's hash of symbol, time, POSITION side, size and price. */
        BYBIT,
        /** None that a row can rebuild (Binance's average price, OKX's {@code posSide} are not in it): a row hash. */
        ROW_HASH
    }

    /** An amount in base units and in USD; the unit that needs a price is null without one. */
    record Amount(Double base, Double usd) {}

    /** {@code ctVal} of OKX's USDT-margined swaps and futures, base units per contract. */
    static final Map<String, Double> OKX_USDT_CONTRACT_VALUES = Map.of(
            "BTC", 0.01, "ETH", 0.1, "SOL", 1.0, "XRP", 100.0, "DOGE", 1000.0, "LTC", 1.0);

    /** The assets Hyperliquid lists in thousands ({@code kPEPE}). */
    private static final Set<String> HYPERLIQUID_THOUSANDS = Set.of("PEPE", "SHIB", "BONK", "FLOKI", "LUNC", "DOGS", "NEIRO");
    private static final Instant ALWAYS = Instant.MIN;
    private static final Instant NEVER = Instant.MAX;
    /** Tardis records Bybit's complete {@code allLiquidation} since; the older {@code liquidation} topic was throttled. */
    private static final Instant BYBIT_ALL_LIQUIDATIONS = Instant.parse("2025-02-26T00:00:00Z");
    private static final String MONTH_CODE = "[FGHJKMNQUVXZ]\\d\\d";

    private static final Map<String, TardisVenue> BY_EXCHANGE = Map.of(
            "binance-futures", new TardisVenue(BinanceForceOrderDecoder.USD_M, BinanceDataFiles::pair,
                    TardisVenue::linearUnits, PriceKind.UNKNOWN, NEVER, Sidedness.ONE_SIDED, LiquidationIds.ROW_HASH),
            "binance-delivery", new TardisVenue(BinanceForceOrderDecoder.COIN_M, BinanceDataFiles::pair,
                    (symbol, pair) -> new Contract(BinanceDataFiles.usdPerCoinMarginedContract(pair), true),
                    PriceKind.UNKNOWN, NEVER, Sidedness.ONE_SIDED, LiquidationIds.ROW_HASH),
            "bybit", new TardisVenue(BybitLiquidationDecoder.VENUE, TardisVenue::bybitPair, TardisVenue::bybitContract,
                    PriceKind.BANKRUPTCY, BYBIT_ALL_LIQUIDATIONS, Sidedness.TWO_SIDED, LiquidationIds.BYBIT),
            "okex-swap", okx(),
            "okex-futures", okx(),
            "bitmex", new TardisVenue(BitmexLiquidationDecoder.VENUE, TardisVenue::bitmexPair, TardisVenue::bitmexContract,
                    PriceKind.BANKRUPTCY, ALWAYS, Sidedness.ONE_SIDED, LiquidationIds.NATIVE),
            "deribit", new TardisVenue(DeribitTradesDecoder.VENUE, TardisVenue::deribitPair, TardisVenue::deribitContract,
                    PriceKind.AVERAGE_FILL, ALWAYS, Sidedness.ONE_SIDED, LiquidationIds.NATIVE),
            "hyperliquid", new TardisVenue(HyperliquidDecoder.VENUE, TardisVenue::hyperliquidPair, TardisVenue::linearUnits,
                    PriceKind.AVERAGE_FILL, NEVER, Sidedness.ONE_SIDED, LiquidationIds.NATIVE));

    /** The venue of a row's {@code exchange}. */
    static TardisVenue of(CsvRow row) throws Rejection {
        String exchange = row.text("exchange");
        TardisVenue venue = BY_EXCHANGE.get(exchange);
        if (venue == null) {
            throw new Rejection(RejectReason.UNKNOWN_VALUE, "exchange '" + exchange + "' is not a venue of cascade-radar"
                    + " (known: " + String.join(", ", new TreeSet<>(BY_EXCHANGE.keySet())) + ")");
        }
        return venue;
    }

    /** A Tardis time: microseconds since the epoch. */
    static Instant micros(CsvRow row, String column) throws Rejection {
        String text = row.text(column);
        try {
            return Instant.EPOCH.plus(Long.parseLong(text), ChronoUnit.MICROS);
        } catch (NumberFormatException e) {
            throw new Rejection(RejectReason.BAD_TIMESTAMP, column + " '" + text + "' is not microseconds since the epoch");
        }
    }

    /**
     * An amount of a symbol in base units and USD.
     *
     * @param pricePerBase the price of one base unit (the symbol's price divided by its unit prefix), or null
     */
    Amount amount(String symbol, Symbols.Pair pair, double amount, Double pricePerBase) throws Rejection {
        Contract contract = contracts.of(symbol, pair);
        double size = amount * contract.size();
        if (contract.inverse()) {
            return new Amount(pricePerBase == null ? null : size / pricePerBase, size);
        }
        return new Amount(size, pricePerBase == null ? null : size * pricePerBase);
    }

    private static TardisVenue okx() {
        return new TardisVenue(OkxLiquidationDecoder.VENUE, Symbols::dashed, TardisVenue::okxContract,
                PriceKind.BANKRUPTCY, NEVER, Sidedness.ONE_SIDED, LiquidationIds.ROW_HASH);
    }

    private static Contract linearUnits(String symbol, Symbols.Pair pair) {
        return new Contract(pair.unit(), false);
    }

    /** {@code BTCUSDT}, {@code BTCPERP} (USDC), the inverse {@code BTCUSD} and {@code BTCUSDH25}, {@code BTC-27DEC24}. */
    private static Symbols.Pair bybitPair(String symbol) {
        return symbol.contains("-") ? Symbols.dashed(symbol)
                : Symbols.concatenated(symbol.replaceFirst("PERP$", "USDC").replaceFirst("USD" + MONTH_CODE + "$", "USD"));
    }

    private static Contract bybitContract(String symbol, Symbols.Pair pair) {
        return "USD".equals(pair.quote()) ? new Contract(1, true) : linearUnits(symbol, pair);
    }

    private static Contract okxContract(String symbol, Symbols.Pair pair) throws Rejection {
        if ("USD".equals(pair.quote())) {
            return new Contract(pair.base().equals("BTC") ? 100 : 10, true);
        }
        Double value = "USDT".equals(pair.quote()) ? OKX_USDT_CONTRACT_VALUES.get(pair.base()) : null;
        if (value == null) {
            throw new Rejection(RejectReason.UNKNOWN_INSTRUMENT, "OKX " + symbol + ": its contract value (ctVal) is not"
                    + " known without the instrument listing");
        }
        return new Contract(value, false);
    }

    /** {@code XBTUSD}, {@code XBTZ24}: XBT is BTC, the month code of a future is not part of the assets. */
    private static Symbols.Pair bitmexPair(String symbol) {
        Symbols.Pair pair = Symbols.concatenated(symbol.replaceFirst(MONTH_CODE + "$", ""));
        return pair.base().equals("XBT") ? new Symbols.Pair("BTC", "USD", pair.unit()) : pair;
    }

    private static Contract bitmexContract(String symbol, Symbols.Pair pair) throws Rejection {
        if (!symbol.matches("XBT(USD|" + MONTH_CODE + ")")) {
            throw new Rejection(RejectReason.UNKNOWN_INSTRUMENT, "BitMEX " + symbol + ": only XBTUSD and the XBT futures"
                    + " (1 USD a contract) have a contract size known without the instrument listing");
        }
        return new Contract(1, true);
    }

    /** {@code BTC-PERPETUAL}, {@code ETH-27DEC24} (USD), {@code SOL_USDC-PERPETUAL}. */
    private static Symbols.Pair deribitPair(String symbol) {
        Symbols.Pair pair = Symbols.dashed(symbol);
        return pair.quote() == null ? new Symbols.Pair(pair.base(), "USD", pair.unit()) : pair;
    }

    private static Contract deribitContract(String symbol, Symbols.Pair pair) throws Rejection {
        if (symbol.matches(".*-[CP]")) {
            throw new Rejection(RejectReason.UNKNOWN_INSTRUMENT, "option " + symbol + ": not a futures position");
        }
        return new Contract(1, "USD".equals(pair.quote()));
    }

    /**
     * {@code BTC}, or a coin of 1,000 units: Hyperliquid's {@code kPEPE}, which Tardis upper-cases to {@code KPEPE} (so
     * only the known ones can be told from coins whose name starts with a K). Perpetuals are quoted in USDC.
     */
    private static Symbols.Pair hyperliquidPair(String coin) {
        String unit = coin.substring(1);
        boolean thousands = Character.toUpperCase(coin.charAt(0)) == 'K' && HYPERLIQUID_THOUSANDS.contains(unit);
        return new Symbols.Pair(thousands ? unit : coin, "USDC", thousands ? 1000 : 1);
    }
}
