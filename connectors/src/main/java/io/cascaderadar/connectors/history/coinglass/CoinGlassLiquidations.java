package io.cascaderadar.connectors.history.coinglass;

import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.PositionSide;
import io.cascaderadar.connectors.csv.CsvReadFormat;
import io.cascaderadar.connectors.csv.CsvRow;
import io.cascaderadar.connectors.history.BucketRecords;
import io.cascaderadar.connectors.history.HistoryFormat;
import io.cascaderadar.connectors.validation.InputRules;
import io.cascaderadar.connectors.validation.RejectReason;
import io.cascaderadar.connectors.validation.Rejection;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * CoinGlass liquidation history (API v4) written as CSV, one bucket a row: {@code time} (the bucket's start, epoch
 * milliseconds) and the USD of liquidated longs and shorts, in either of two shapes, told apart by the header:
 * <ul>
 *   <li>a pair's history, {@code /api/futures/liquidation/history}: {@code long_liquidation_usd},
 *       {@code short_liquidation_usd}, with the request's {@code exchange} and {@code symbol};</li>
 *   <li>a coin's history over exchanges, {@code /api/futures/liquidation/aggregated-history}:
 *       {@code aggregated_long_liquidation_usd}, {@code aggregated_short_liquidation_usd}, with the request's
 *       {@code symbol} (the coin) and, optionally, {@code exchange_list}.</li>
 * </ul>
 * Markets as {@link CoinGlassMarkets} says; each non-zero side of a bucket is one sampled event at the bucket's
 * start with the bucket's USD, the quantity in base units unknown ({@link BucketRecords}). A coin's daily total over
 * several exchanges can pass $1B on the largest days: the input rule for a single liquidation then rejects it.
 */
public final class CoinGlassLiquidations implements CsvReadFormat<List<LiquidationEvent>> {

    public static final String ID = "coinglass-liquidations";

    private final BucketRecords buckets;

    public CoinGlassLiquidations(InputRules rules, Instant now) {
        this.buckets = new BucketRecords("coinglass", rules, now);
    }

    public static HistoryFormat format(InputRules rules, Instant now) {
        return HistoryFormat.csvRows(ID, "CoinGlass liquidation history as CSV: time (ms) with long_liquidation_usd,"
                + " short_liquidation_usd, exchange, symbol (a pair) or aggregated_long/short_liquidation_usd, symbol"
                + " (a coin), exchange_list: AGGREGATES, one sampled event per non-zero bucket and side with its USD, at"
                + " the bucket's start (not onset timing); quantity in base is unknown: the USD amount at a placeholder"
                + " price of 1 (price kind UNKNOWN); a coin's venue is its exchanges joined with '+'",
                new CoinGlassLiquidations(rules, now));
    }

    @Override
    public String name() {
        return "CoinGlass liquidation history";
    }

    @Override
    public List<String> requiredColumns() {
        return List.of("time", CoinGlassMarkets.SYMBOL);
    }

    @Override
    public List<LiquidationEvent> fromRow(CsvRow row) throws Rejection {
        boolean aggregated = row.columns().contains("aggregated_long_liquidation_usd");
        String prefix = aggregated ? "aggregated_" : "";
        String longColumn = prefix + "long_liquidation_usd";
        String shortColumn = prefix + "short_liquidation_usd";
        if (!row.columns().containsAll(List.of(longColumn, shortColumn))) {
            throw new Rejection(RejectReason.MISSING_VALUE, "the header has neither long_liquidation_usd and"
                    + " short_liquidation_usd nor their aggregated_ forms");
        }
        BucketRecords.Market market = aggregated ? CoinGlassMarkets.coin(row) : CoinGlassMarkets.pair(row);
        Instant bucketStart = row.time("time");
        LiquidationEvent longs = buckets.liquidation(market, PositionSide.LONG, bucketStart,
                row.optionalNumber(longColumn), longColumn);
        LiquidationEvent shorts = buckets.liquidation(market, PositionSide.SHORT, bucketStart,
                row.optionalNumber(shortColumn), shortColumn);
        return Stream.of(longs, shorts).filter(Objects::nonNull).toList();
    }
}
