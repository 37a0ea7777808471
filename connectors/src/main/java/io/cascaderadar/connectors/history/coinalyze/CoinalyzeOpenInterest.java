package io.cascaderadar.connectors.history.coinalyze;

import io.cascaderadar.avro.OpenInterestUpdate;
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
 * Coinalyze {@code open-interest-history} as a wide CSV export: {@code t} (the bucket's start) then one column per
 * market, {@code BTC/USDT - Binance}, in USD. Every non-blank cell is one {@link OpenInterestUpdate} in USD, one-sided
 * as the venues report it, venues and instruments as in {@link CoinalyzeColumns}.
 *
 * <p>The API gives open, high, low and close per bucket and the export keeps one of them without saying which (the
 * exporter of the recorded files wrote the close, the open interest at the bucket's end); it is stamped at the
 * bucket's start, the only time in the row, so a daily figure may be up to a day early. A zero is a reading and is
 * kept; a blank cell gives nothing; a non-numeric cell rejects the row, naming its column. Funding-rate exports
 * have the same columns and cannot be told apart: give this format open-interest files only.
 */
public final class CoinalyzeOpenInterest implements CsvReadFormat<List<OpenInterestUpdate>> {

    public static final String ID = "coinalyze-open-interest";

    private final BucketRecords buckets;

    public CoinalyzeOpenInterest(InputRules rules, Instant now) {
        this.buckets = new BucketRecords("coinalyze", rules, now);
    }

    public static HistoryFormat format(InputRules rules, Instant now) {
        return HistoryFormat.csvRows(ID, "Coinalyze open-interest-history wide export (t, then '<base>/<quote> -"
                + " <exchange>' in USD): one update in USD per cell, at the bucket's start though the value may be the"
                + " bucket's close (its end: a daily figure up to a day early); no base units; markets an exchange lists"
                + " twice under one name are kept apart as '#2'",
                new CoinalyzeOpenInterest(rules, now));
    }

    @Override
    public String name() {
        return "Coinalyze open interest history (wide)";
    }

    @Override
    public List<String> requiredColumns() {
        return List.of(CoinalyzeColumns.TIME);
    }

    @Override
    public List<OpenInterestUpdate> fromRow(CsvRow row) throws Rejection {
        Instant bucketStart = row.time(CoinalyzeColumns.TIME);
        List<OpenInterestUpdate> updates = new ArrayList<>();
        for (CoinalyzeColumns.Column column : CoinalyzeColumns.of(row.columns())) {
            if (column.side() != null) {
                throw new Rejection(RejectReason.UNKNOWN_VALUE, "column '" + column.name()
                        + "' is a liquidation column (" + CoinalyzeLiquidations.ID + ")");
            }
            Double usd = row.optionalNumber(column.position());
            if (usd != null) {
                updates.add(buckets.openInterest(column.market(), bucketStart, usd, null, column.name()));
            }
        }
        return updates;
    }
}
