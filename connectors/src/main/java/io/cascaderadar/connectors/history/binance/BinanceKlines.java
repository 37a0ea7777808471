package io.cascaderadar.connectors.history.binance;

import io.cascaderadar.avro.PriceKind;
import io.cascaderadar.avro.PriceUpdate;
import io.cascaderadar.connectors.csv.CsvReadFormat;
import io.cascaderadar.connectors.csv.CsvRow;
import io.cascaderadar.connectors.validation.InputRules;
import io.cascaderadar.connectors.validation.Rejection;
import io.cascaderadar.connectors.venue.Symbols;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The {@code klines} files of data.binance.vision, futures and spot, of one symbol each ({@code open_time,open,high,
 * low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore}): the older files
 * have no header row, the newer futures files have one; spot files since 2025 count microseconds (told by magnitude).
 * <ul>
 *   <li>each kline becomes the {@code close} as a LAST price at the kline's end, {@code close_time} + 1 ms (the next
 *       kline's open time): when that price held; the open, high and low, volumes and trade counts are not read, so
 *       a wick inside the kline (2021-05-19 13:10, low 28,688 and close 31,292) is not seen;</li>
 *   <li>the symbol is the file's name up to its first dash ({@link BinanceDataFiles});</li>
 *   <li>the venue cannot be told from the layout: futures files are {@code binance-usdm}, or {@code binance-coinm}
 *       for a COIN-M symbol ({@code BTCUSD_PERP}), and spot files {@code binance-spot}, by the format chosen;</li>
 *   <li>a minute missing from the file is missing from the prices (nothing is filled in).</li>
 * </ul>
 * The price is per base unit: a {@code 1000PEPEUSDT} close is divided by 1,000.
 */
public final class BinanceKlines implements CsvReadFormat<PriceUpdate> {
    public static final String SPOT = "binance-spot";

    private final String venue;
    private final String symbol;
    private final Symbols.Pair pair;
    private final InputRules rules;
    private final Instant now;

    private BinanceKlines(String venue, String symbol, InputRules rules, Instant now) {
        this.venue = venue;
        this.symbol = symbol;
        this.pair = BinanceDataFiles.pair(symbol);
        this.rules = rules;
        this.now = now;
    }

    /** Futures klines of a symbol (USD-M or COIN-M). */
    public static BinanceKlines futures(String symbol, InputRules rules, Instant now) {
        return new BinanceKlines(BinanceDataFiles.futuresVenue(symbol), symbol, rules, now);
    }

    public static BinanceKlines spot(String symbol, InputRules rules, Instant now) {
        return new BinanceKlines(SPOT, symbol, rules, now);
    }

    @Override
    public String name() {
        return "Binance klines";
    }

    @Override
    public List<String> requiredColumns() {
        return List.of("close", "close_time");
    }

    @Override
    public List<String> impliedHeader() {
        return List.of("open_time", "open", "high", "low", "close", "volume", "close_time", "quote_volume", "count",
                "taker_buy_volume", "taker_buy_quote_volume", "ignore");
    }

    @Override
    public PriceUpdate fromRow(CsvRow row) throws Rejection {
        Instant end = BinanceDataFiles.epochTime(row, "close_time").plus(1, ChronoUnit.MILLIS).truncatedTo(ChronoUnit.MILLIS);
        PriceUpdate price = PriceUpdate.newBuilder()
                .setVenue(venue)
                .setInstrument(symbol)
                .setBaseAsset(pair.base())
                .setPrice(row.number("close") / pair.unit())
                .setPriceKind(PriceKind.LAST)
                .setEventTime(end)
                .build();
        rules.check(price, now);
        return price;
    }
}
