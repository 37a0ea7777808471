package io.cascaderadar.connectors.history.binance;

import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.PositionSide;
import io.cascaderadar.avro.PriceKind;
import io.cascaderadar.avro.VenueType;
import io.cascaderadar.connectors.StableId;
import io.cascaderadar.connectors.csv.CsvReadFormat;
import io.cascaderadar.connectors.csv.CsvRow;
import io.cascaderadar.connectors.validation.InputRules;
import io.cascaderadar.connectors.validation.RejectReason;
import io.cascaderadar.connectors.validation.Rejection;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Binance USD-M {@code !forceOrder@arr} events as common tutorial recorders write them: the {@code o} object
 * flattened to CSV ({@code symbol_as_recorded,side,original_qty,price,average_price,filled_accumulated_qty,
 * order_trade_time_ms,...}).
 *
 * <p>The side is the liquidation order's: SELL closes a long, so SELL means a LONG was liquidated. Size is the
 * filled quantity ({@code z}) at the average fill price ({@code ap}); recorders that lost {@code ap} wrote
 * "None", and the order price is used instead ({@code priceKind} UNKNOWN). Some recorders dropped the quote
 * suffix of the symbol: such symbols are read as USDT-margined. Binance pushes at most one liquidation per
 * symbol per second, so every event is {@code sampled}. The stream has no native id: the event id hashes
 * symbol, trade time, side, quantity and price.
 */
public final class BinanceForceOrderRecorderCsv implements CsvReadFormat<LiquidationEvent> {

    static final String VENUE = "binance-usdm";
    private static final List<String> QUOTES = List.of("USDT", "USDC", "BUSD");

    private final InputRules rules;
    private final Instant now;

    public BinanceForceOrderRecorderCsv(InputRules rules, Instant now) {
        this.rules = rules;
        this.now = now;
    }

    @Override
    public String name() {
        return "Binance forceOrder recorder";
    }

    @Override
    public List<String> requiredColumns() {
        return List.of("symbol_as_recorded", "side", "price", "average_price", "filled_accumulated_qty",
                "order_trade_time_ms");
    }

    @Override
    public LiquidationEvent fromRow(CsvRow row) throws Rejection {
        String symbol = row.text("symbol_as_recorded").toUpperCase(Locale.ROOT);
        String quote = QUOTES.stream().filter(q -> symbol.endsWith(q) && symbol.length() > q.length()).findFirst().orElse(null);
        String base = quote == null ? symbol : symbol.substring(0, symbol.length() - quote.length());
        String instrument = quote == null ? symbol + "USDT" : symbol;
        PositionSide side = switch (row.text("side").toUpperCase(Locale.ROOT)) {
            case "SELL" -> PositionSide.LONG;
            case "BUY" -> PositionSide.SHORT;
            default -> throw new Rejection(RejectReason.UNKNOWN_VALUE, "side '" + row.text("side") + "' is not BUY or SELL");
        };
        String averagePrice = row.text("average_price");
        boolean hasAverage = !averagePrice.equalsIgnoreCase("none");
        double price = hasAverage ? row.number("average_price") : row.number("price");
        double quantity = row.number("filled_accumulated_qty");
        Instant time = Instant.ofEpochMilli(row.longValue("order_trade_time_ms"));
        LiquidationEvent event = LiquidationEvent.newBuilder()
                .setEventId(VENUE + ":" + StableId.hash(instrument, time.toEpochMilli(), side, quantity, price))
                .setVenue(VENUE)
                .setVenueType(VenueType.CEX)
                .setInstrument(instrument)
                .setBaseAsset(base)
                .setQuoteAsset(quote == null ? "USDT" : quote)
                .setLiquidatedSide(side)
                .setPrice(price)
                .setPriceKind(hasAverage ? PriceKind.AVERAGE_FILL : PriceKind.UNKNOWN)
                .setQuantityBase(quantity)
                .setNotionalUsd(price * quantity)
                .setEventTime(time)
                .setReceiveTime(time)
                .setSampled(true)
                .build();
        rules.check(event, now);
        return event;
    }
}
