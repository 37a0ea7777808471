package io.cascaderadar.connectors.history.coinalyze;

import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.connectors.csv.CsvReadFormat;
import io.cascaderadar.connectors.csv.CsvRow;
import io.cascaderadar.connectors.history.BucketRecords;
import io.cascaderadar.connectors.history.HistoryFormat;
import io.cascaderadar.connectors.validation.InputRules;
import io.cascaderadar.connectors.validation.RejectReason;
import io.cascaderadar.connectors.validation.Rejection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Coinalyze {@code liquidation-history} as a wide CSV export: {@code t} (the bucket's start, a date for daily
 * buckets) then one column per market and side, {@code BTC/USDT - Binance_long}, in USD ({@code convert_to_usd}).
 * Every non-zero cell is one bucket of liquidations, mapped as {@link BucketRecords} says: one sampled event at
 * the bucket's start carrying the bucket's USD, the quantity in base units unknown. Markets are named in
 * {@link CoinalyzeColumns}; the venue comes from the exchange name and the pair's quote
 * ({@code BTC/USD - Binance} is {@code binance-coinm}, {@code BTC/USDT - Binance} {@code binance-usdm}).
 *
 * <p>A non-numeric cell rejects the whole row, naming its column. The API's own shape ({@code symbol},
 * {@code history: [{t, l, s}]}) is JSON, not this: its {@code t} is in epoch seconds and its amounts are in base
 * units or USD depending on a request parameter the data does not repeat, so it is not read.
 */
public final class CoinalyzeLiquidations implements CsvReadFormat<List<LiquidationEvent>> {

    public static final String ID = "coinalyze-liquidations";

    private final BucketRecords buckets;

    public CoinalyzeLiquidations(InputRules rules, Instant now) {
        this.buckets = new BucketRecords("coinalyze", rules, now);
    }

    public static HistoryFormat format(InputRules rules, Instant now) {
        return HistoryFormat.csvRows(ID, "Coinalyze liquidation-history wide export (t, then '<base>/<quote> -"
                + " <exchange>_long|_short' in USD): AGGREGATES, one sampled event per non-zero bucket, market and side"
                + " with the bucket's USD, at the bucket's start (daily buckets: totals and coverage, not onset timing);"
                + " quantity in base is unknown: the USD amount at a placeholder price of 1 (price kind UNKNOWN);"
                + " zero or blank cells give nothing; venue from the exchange (Binance BTC/USD binance-coinm, else"
                + " binance-usdm); the API's JSON (t in seconds, units per request) is not read",
                new CoinalyzeLiquidations(rules, now));
    }

    @Override
    public String name() {
        return "Coinalyze liquidation history (wide)";
    }

    @Override
    public List<String> requiredColumns() {
        return List.of(CoinalyzeColumns.TIME);
    }

    @Override
    public List<LiquidationEvent> fromRow(CsvRow row) throws Rejection {
        Instant bucketStart = row.time(CoinalyzeColumns.TIME);
        List<LiquidationEvent> events = new ArrayList<>();
        for (CoinalyzeColumns.Column column : CoinalyzeColumns.of(row.columns())) {
            if (column.side() == null) {
                throw new Rejection(RejectReason.UNKNOWN_VALUE, "column '" + column.name()
                        + "' has no _long or _short: an open-interest export? (" + CoinalyzeOpenInterest.ID + ")");
            }
            LiquidationEvent event = buckets.liquidation(column.market(), column.side(), bucketStart,
                    row.optionalNumber(column.position()), column.name());
            if (event != null) {
                events.add(event);
            }
        }
        return events;
    }
}
