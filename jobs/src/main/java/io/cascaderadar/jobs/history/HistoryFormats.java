package io.cascaderadar.jobs.history;

import io.cascaderadar.connectors.history.HistoryFormat;
import io.cascaderadar.connectors.history.aave.AaveV2SubgraphLiquidations;
import io.cascaderadar.connectors.history.binance.BinanceDataFiles;
import io.cascaderadar.connectors.history.binance.BinanceForceOrderRecorderCsv;
import io.cascaderadar.connectors.history.binance.BinanceKlines;
import io.cascaderadar.connectors.history.binance.BinanceLiquidationSnapshot;
import io.cascaderadar.connectors.history.binance.BinanceMetrics;
import io.cascaderadar.connectors.history.coinalyze.CoinalyzeLiquidations;
import io.cascaderadar.connectors.history.coinalyze.CoinalyzeOpenInterest;
import io.cascaderadar.connectors.history.coinglass.CoinGlassLiquidations;
import io.cascaderadar.connectors.history.coinglass.CoinGlassOpenInterest;
import io.cascaderadar.connectors.history.tardis.TardisDerivativeTicker;
import io.cascaderadar.connectors.history.tardis.TardisLiquidations;
import io.cascaderadar.connectors.validation.InputRules;
import io.cascaderadar.jobs.replay.RawRecordings;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every history format {@code radar import} knows, by its command-line name, in the order of the help. */
public final class HistoryFormats {

    private HistoryFormats() {}

    /** The formats, their records checked by {@code rules} against {@code now}. */
    public static Map<String, HistoryFormat> all(InputRules rules, Instant now) {
        List<HistoryFormat> formats = List.of(
                HistoryFormat.csv("aave-v2-subgraph", "Aave v2 subgraph liquidationCalls: a LONG of the collateral"
                        + " (or a SHORT of the debt when the collateral is a stablecoin), USD at the subgraph's reserve"
                        + " prices; no transaction hash, so the id hashes borrower, time and amounts",
                        new AaveV2SubgraphLiquidations(rules, now)),
                HistoryFormat.csv("binance-forceorder-csv", "tutorial recorders' Binance USD-M forceOrder CSV: sampled"
                        + " (at most one per symbol and second), filled quantity at the average price",
                        new BinanceForceOrderRecorderCsv(rules, now)),
                HistoryFormat.csv("tardis-liquidations", "Tardis.dev liquidations CSV (Binance, Bybit, OKX, BitMEX, Deribit):"
                        + " order side to the liquidated side, contracts to base and USD by fixed contract sizes (OKX linear"
                        + " and BitMEX non-XBT contracts refused); Binance and OKX sampled; Binance's price is the order's,"
                        + " not the average fill, and its and OKX's ids cannot match the live ones",
                        new TardisLiquidations(rules, now)),
                HistoryFormat.csvRows("tardis-derivative-ticker", "Tardis.dev derivative_ticker CSV: open interest in the"
                        + " exchange's unit (contracts converted), the other unit at the mark price, and the mark (else"
                        + " last) price; one row per change of any figure, so open interest repeats; funding not read",
                        new TardisDerivativeTicker(rules, now)),
                HistoryFormat.csv("binance-metrics", "data.binance.vision USD-M metrics: 5-minute open interest in base"
                        + " units and USD at Binance's sample times; nothing is known between samples",
                        new BinanceMetrics(rules, now)),
                BinanceDataFiles.namedBySymbol("binance-klines", "data.binance.vision futures klines (symbol from the"
                        + " file name, headerless or not): the close as a LAST price at the kline's end; highs and lows"
                        + " inside a kline are not seen", symbol -> BinanceKlines.futures(symbol, rules, now)),
                BinanceDataFiles.namedBySymbol("binance-spot-klines", "data.binance.vision spot klines (milliseconds or,"
                        + " since 2025, microseconds): the close as a LAST price of binance-spot at the kline's end",
                        symbol -> BinanceKlines.spot(symbol, rules, now)),
                BinanceDataFiles.namedBySymbol("binance-liquidation-snapshot", "data.binance.vision liquidationSnapshot"
                        + " (USD-M or COIN-M by the file's symbol): filled size at the average price, COIN-M contracts at"
                        + " 100 USD (BTC) or 10 USD; sampled (at most one per symbol and second), live decoder's ids",
                        symbol -> new BinanceLiquidationSnapshot(symbol, rules, now)),
                CoinalyzeLiquidations.format(rules, now),
                CoinalyzeOpenInterest.format(rules, now),
                CoinGlassLiquidations.format(rules, now),
                CoinGlassOpenInterest.format(rules, now),
                RawRecordings.format());
        Map<String, HistoryFormat> byId = new LinkedHashMap<>();
        formats.forEach(f -> byId.put(f.id(), f));
        return byId;
    }
}
