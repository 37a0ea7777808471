package io.cascaderadar.connectors.history.coinglass;

import io.cascaderadar.avro.OpenInterestUpdate;
import io.cascaderadar.connectors.csv.CsvReadFormat;
import io.cascaderadar.connectors.csv.CsvRow;
import io.cascaderadar.connectors.history.BucketRecords;
import io.cascaderadar.connectors.history.HistoryFormat;
import io.cascaderadar.connectors.validation.InputRules;
import io.cascaderadar.connectors.validation.RejectReason;
import io.cascaderadar.connectors.validation.Rejection;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * CoinGlass open-interest OHLC history (API v4) written as CSV: {@code time} (the bucket's start, epoch
 * milliseconds), {@code open}, {@code high}, {@code low}, {@code close}, with the request's {@code exchange} and
 * {@code symbol} for a pair ({@code /api/futures/open-interest/history}) or {@code symbol} alone for a coin over all
 * exchanges ({@code /aggregated-history}), and the request's {@code unit} ({@code usd}, the default, or
 * {@code coin}). The update is the bucket's {@code open}, the open interest at the bucket's start, so its time is
 * exact; markets as {@link CoinGlassMarkets} says.
 */
public final class CoinGlassOpenInterest implements CsvReadFormat<OpenInterestUpdate> {

    public static final String ID = "coinglass-open-interest";
    private static final String OPEN = "open";

    private final BucketRecords buckets;

    public CoinGlassOpenInterest(InputRules rules, Instant now) {
        this.buckets = new BucketRecords("coinglass", rules, now);
    }

    public static HistoryFormat format(InputRules rules, Instant now) {
        return HistoryFormat.csv(ID, "CoinGlass open-interest OHLC history as CSV: time (ms), open, high, low, close,"
                + " exchange and symbol (a pair) or symbol (a coin, venue coinglass), unit usd|coin: the open at the"
                + " bucket's start, in USD or base units as the unit says",
                new CoinGlassOpenInterest(rules, now));
    }

    @Override
    public String name() {
        return "CoinGlass open interest history";
    }

    @Override
    public List<String> requiredColumns() {
        return List.of("time", CoinGlassMarkets.SYMBOL, OPEN);
    }

    @Override
    public OpenInterestUpdate fromRow(CsvRow row) throws Rejection {
        BucketRecords.Market market = CoinGlassMarkets.isPair(row) ? CoinGlassMarkets.pair(row) : CoinGlassMarkets.coin(row);
        double open = row.number(OPEN);
        String unit = row.has("unit") ? row.text("unit").toLowerCase(Locale.ROOT) : "usd";
        return switch (unit) {
            case "usd" -> buckets.openInterest(market, row.time("time"), open, null, OPEN);
            case "coin" -> buckets.openInterest(market, row.time("time"), null, open, OPEN);
            default -> throw new Rejection(RejectReason.UNKNOWN_VALUE, "unit '" + unit + "' is not usd or coin");
        };
    }
}
