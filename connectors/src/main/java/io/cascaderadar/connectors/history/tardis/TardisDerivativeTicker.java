package io.cascaderadar.connectors.history.tardis;

import io.cascaderadar.avro.OpenInterestUpdate;
import io.cascaderadar.avro.PriceKind;
import io.cascaderadar.avro.PriceUpdate;
import io.cascaderadar.connectors.csv.CsvReadFormat;
import io.cascaderadar.connectors.csv.CsvRow;
import io.cascaderadar.connectors.validation.InputRules;
import io.cascaderadar.connectors.validation.RejectReason;
import io.cascaderadar.connectors.validation.Rejection;
import io.cascaderadar.connectors.venue.Symbols;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * Tardis.dev's {@code derivative_ticker} CSV dataset ({@code exchange,symbol,timestamp,local_timestamp,
 * funding_timestamp,funding_rate,predicted_funding_rate,open_interest,last_price,index_price,mark_price}; times in
 * microseconds since the epoch): a row whenever one of the instrument's figures changed, carrying the latest of
 * each.
 * <ul>
 *   <li>{@code open_interest} becomes an {@link OpenInterestUpdate} in the exchange's unit (contracts where it counts
 *       contracts, converted as {@link TardisVenue} says; Binance's is polled from REST by Tardis), the other unit at
 *       the mark price (else the last price; null without either); ONE_SIDED, except Bybit's, which counts both
 *       sides (TWO_SIDED), as the live decoders read them;</li>
 *   <li>the mark price becomes a {@link PriceUpdate} of kind MARK, else the last price one of kind LAST;</li>
 *   <li>the event time is {@code timestamp}: the time of the latest change of any figure, so an unchanged open
 *       interest is repeated at the time the price changed (Hyperliquid's messages have no time: Tardis gives the
 *       receive time);</li>
 *   <li>funding and the index price are not read;</li>
 *   <li>a row with neither open interest nor a price is refused (MISSING_VALUE); so is a row whose open interest
 *       cannot be converted (UNKNOWN_INSTRUMENT), price and all, so that no figure of the instrument is dropped
 *       unnoticed.</li>
 * </ul>
 */
public final class TardisDerivativeTicker implements CsvReadFormat<List<SpecificRecord>> {

    private final InputRules rules;
    private final Instant now;

    public TardisDerivativeTicker(InputRules rules, Instant now) {
        this.rules = rules;
        this.now = now;
    }

    @Override
    public String name() {
        return "Tardis derivative_ticker";
    }

    @Override
    public List<String> requiredColumns() {
        return List.of("exchange", "symbol", "timestamp", "open_interest", "last_price", "mark_price");
    }

    @Override
    public List<SpecificRecord> fromRow(CsvRow row) throws Rejection {
        TardisVenue venue = TardisVenue.of(row);
        String symbol = row.text("symbol");
        Instant time = TardisVenue.micros(row, "timestamp");
        Symbols.Pair pair = venue.assets().of(symbol);
        Double markPrice = row.optionalNumber("mark_price");
        Double quotedPrice = markPrice != null ? markPrice : row.optionalNumber("last_price");
        Double price = quotedPrice == null ? null : quotedPrice / pair.unit();
        Double openInterest = row.optionalNumber("open_interest");
        if (openInterest == null && price == null) {
            throw new Rejection(RejectReason.MISSING_VALUE, "neither open_interest nor mark_price nor last_price");
        }
        List<SpecificRecord> records = new ArrayList<>(2);
        if (openInterest != null) {
            TardisVenue.Amount amount = venue.amount(symbol, pair, openInterest, price);
            OpenInterestUpdate update = OpenInterestUpdate.newBuilder()
                    .setVenue(venue.venue())
                    .setInstrument(symbol)
                    .setBaseAsset(pair.base())
                    .setOpenInterestBase(amount.base())
                    .setOpenInterestUsd(amount.usd())
                    .setSidedness(venue.openInterest())
                    .setEventTime(time)
                    .build();
            rules.check(update, now);
            records.add(update);
        }
        if (price != null) {
            PriceUpdate update = PriceUpdate.newBuilder()
                    .setVenue(venue.venue())
                    .setInstrument(symbol)
                    .setBaseAsset(pair.base())
                    .setPrice(price)
                    .setPriceKind(markPrice != null ? PriceKind.MARK : PriceKind.LAST)
                    .setEventTime(time)
                    .build();
            rules.check(update, now);
            records.add(update);
        }
        return records;
    }
}
