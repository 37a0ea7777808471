package io.cascaderadar.connectors.history.binance;

import io.cascaderadar.connectors.csv.CsvFileReader;
import io.cascaderadar.connectors.csv.CsvReadFormat;
import io.cascaderadar.connectors.csv.CsvRow;
import io.cascaderadar.connectors.csv.InputFileException;
import io.cascaderadar.connectors.history.HistoryFormat;
import io.cascaderadar.connectors.validation.RejectReason;
import io.cascaderadar.connectors.validation.Rejection;
import io.cascaderadar.connectors.venue.Symbols;
import io.cascaderadar.connectors.venue.binance.BinanceForceOrderDecoder;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;

/**
 * What the files of data.binance.vision share: many are named after their symbol and do not repeat it in their
 * rows ({@code BTCUSDT-1m-2021-05-19.csv}, {@code BTCUSD_PERP-liquidationSnapshot-2021-05-19.csv}, or a slice of one
 * such as {@code BTCUSDT-1m-2021-05-19_1202-1415.csv}); COIN-M symbols are quoted in USD ({@code BTCUSD_PERP},
 * {@code ETHUSD_240927}) and count contracts of a fixed USD face value; USD-M ones are quoted in USDT or USDC.
 */
public final class BinanceDataFiles {
    private static final Pattern SYMBOL_FIRST = Pattern.compile("([A-Z0-9_]+)-.+");
    /** Epoch milliseconds stay below this until the year 5138; spot files since 2025 count microseconds. */
    private static final long FIRST_MICROSECOND_VALUE = 100_000_000_000_000L;

    private BinanceDataFiles() {}

    /** A format whose files are named after their symbol: each file's rows are read by the format of its symbol. */
    public static HistoryFormat namedBySymbol(String id, String description,
            Function<String, ? extends CsvReadFormat<? extends SpecificRecord>> rowsOfSymbol) {
        return HistoryFormat.of(id, description, (file, out, rejects) ->
                CsvFileReader.read(file, rowsOfSymbol.apply(symbol(file)), out::accept, rejects));
    }

    /** The symbol a file is named after: what comes before the first dash. */
    static String symbol(Path file) throws InputFileException {
        Matcher name = SYMBOL_FIRST.matcher(file.getFileName().toString());
        if (!name.matches()) {
            throw new InputFileException(file + ": the file name does not start with its symbol, as data.binance.vision"
                    + " names it (BTCUSDT-1m-2021-05-19.csv)");
        }
        return name.group(1);
    }

    /** The assets of a futures or spot symbol; the delivery date of a dated future is not part of them. */
    public static Symbols.Pair pair(String symbol) {
        int underscore = symbol.indexOf('_');
        return Symbols.concatenated(underscore < 0 ? symbol : symbol.substring(0, underscore));
    }

    /** COIN-M ({@code BTCUSD_PERP}) rather than USD-M ({@code BTCUSDT}, {@code BTCUSDT_240927}). */
    public static boolean coinMargined(String symbol) {
        return "USD".equals(pair(symbol).quote());
    }

    /** {@code binance-coinm} or {@code binance-usdm}, as the live decoders name them. */
    public static String futuresVenue(String symbol) {
        return coinMargined(symbol) ? BinanceForceOrderDecoder.COIN_M : BinanceForceOrderDecoder.USD_M;
    }

    /**
     * The USD face value of a COIN-M contract, as {@code /dapi/v1/exchangeInfo} lists it: 100 for BTC, 10 for every
     * other asset.
     */
    public static double usdPerCoinMarginedContract(Symbols.Pair pair) {
        return pair.base().equals("BTC") ? 100 : 10;
    }

    /** A time in epoch milliseconds, or microseconds (spot files since 2025), told apart by magnitude. */
    static Instant epochTime(CsvRow row, String column) throws Rejection {
        String text = row.text(column);
        try {
            long value = Long.parseLong(text);
            return value < FIRST_MICROSECOND_VALUE ? Instant.ofEpochMilli(value) : Instant.EPOCH.plus(value, ChronoUnit.MICROS);
        } catch (NumberFormatException e) {
            throw new Rejection(RejectReason.BAD_TIMESTAMP, column + " '" + text + "' is not epoch milliseconds or microseconds");
        }
    }
}
