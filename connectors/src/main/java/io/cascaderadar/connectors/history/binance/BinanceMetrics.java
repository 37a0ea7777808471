package io.cascaderadar.connectors.history.binance;

import io.cascaderadar.avro.OpenInterestUpdate;
import io.cascaderadar.avro.Sidedness;
import io.cascaderadar.connectors.csv.CsvReadFormat;
import io.cascaderadar.connectors.csv.CsvRow;
import io.cascaderadar.connectors.validation.InputRules;
import io.cascaderadar.connectors.validation.RejectReason;
import io.cascaderadar.connectors.validation.Rejection;
import io.cascaderadar.connectors.venue.Symbols;
import io.cascaderadar.connectors.venue.binance.BinanceForceOrderDecoder;
import java.time.Instant;
import java.util.List;

/**
 * Binance USD-M {@code metrics} daily files of data.binance.vision ({@code create_time,symbol,sum_open_interest,
 * sum_open_interest_value,count_toptrader_long_short_ratio,...}): the 5-minute open interest that
 * {@code /futures/data/openInterestHist} serves for 30 days only, kept for every day since 2020.
 * <ul>
 *   <li>{@code sum_open_interest} is in base units (times the unit prefix: {@code 1000PEPEUSDT} counts thousands of
 *       PEPE), {@code sum_open_interest_value} in USD (USDT taken as USD); either may be blank, not both;</li>
 *   <li>one side of the book ({@code ONE_SIDED}), venue {@code binance-usdm};</li>
 *   <li>the event time is {@code create_time} ({@code 2024-08-05 00:05:00}, UTC): when Binance took the sample, not
 *       when open interest changed; nothing is known between two samples;</li>
 *   <li>the long/short and taker ratios are not read; COIN-M symbols ({@code BTCUSD_PERP}), which count contracts,
 *       are refused as UNKNOWN_INSTRUMENT.</li>
 * </ul>
 */
public final class BinanceMetrics implements CsvReadFormat<OpenInterestUpdate> {

    private final InputRules rules;
    private final Instant now;

    public BinanceMetrics(InputRules rules, Instant now) {
        this.rules = rules;
        this.now = now;
    }

    @Override
    public String name() {
        return "Binance metrics";
    }

    @Override
    public List<String> requiredColumns() {
        return List.of("create_time", "symbol", "sum_open_interest", "sum_open_interest_value");
    }

    @Override
    public OpenInterestUpdate fromRow(CsvRow row) throws Rejection {
        String symbol = row.text("symbol");
        if (BinanceDataFiles.coinMargined(symbol)) {
            throw new Rejection(RejectReason.UNKNOWN_INSTRUMENT, symbol + " is COIN-M: its metrics count contracts, not"
                    + " base units");
        }
        Symbols.Pair pair = BinanceDataFiles.pair(symbol);
        Double base = row.optionalNumber("sum_open_interest");
        OpenInterestUpdate update = OpenInterestUpdate.newBuilder()
                .setVenue(BinanceForceOrderDecoder.USD_M)
                .setInstrument(symbol)
                .setBaseAsset(pair.base())
                .setOpenInterestBase(base == null ? null : base * pair.unit())
                .setOpenInterestUsd(row.optionalNumber("sum_open_interest_value"))
                .setSidedness(Sidedness.ONE_SIDED)
                .setEventTime(row.time("create_time"))
                .build();
        rules.check(update, now);
        return update;
    }
}
