package io.cascaderadar.connectors.history.binance;

import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.PositionSide;
import io.cascaderadar.avro.PriceKind;
import io.cascaderadar.connectors.StableId;
import io.cascaderadar.connectors.csv.CsvReadFormat;
import io.cascaderadar.connectors.csv.CsvRow;
import io.cascaderadar.connectors.validation.InputRules;
import io.cascaderadar.connectors.validation.Rejection;
import io.cascaderadar.connectors.venue.Liquidations;
import io.cascaderadar.connectors.venue.Symbols;
import io.cascaderadar.connectors.venue.WireMessageException;
import java.time.Instant;
import java.util.List;

/**
 * The {@code liquidationSnapshot} daily files data.binance.vision published for USD-M and COIN-M futures, one symbol
 * each ({@code BTCUSD_PERP-liquidationSnapshot-2021-05-19.csv}): the {@code forceOrder} stream's orders
 * ({@code time,side,order_type,time_in_force,original_quantity,price,average_price,order_status,last_fill_quantity,
 * accumulated_fill_quantity}), with or without a header row.
 * <ul>
 *   <li>{@code side} is the liquidation order's: SELL closes a long, so SELL means a LONG was liquidated;</li>
 *   <li>the size is {@code accumulated_fill_quantity} ({@code original_quantity} where nothing was filled) at
 *       {@code average_price} (the order {@code price} where it is 0, as price kind UNKNOWN), as the live decoder
 *       reads {@code z}, {@code q}, {@code ap} and {@code p}: base units on USD-M, contracts of 100 USD (BTC) or 10
 *       USD (other assets) on COIN-M;</li>
 *   <li>the symbol, and so the venue ({@code binance-usdm} or {@code binance-coinm}), comes from the file's name;</li>
 *   <li>{@code time} is the event time (milliseconds), taken as the order's trade time {@code T}; the file has no
 *       receive time: it is the event time;</li>
 *   <li>a snapshot of the throttled stream, at most one order per symbol and second: every event is
 *       {@code sampled}.</li>
 * </ul>
 * The event id is the live decoder's (a hash of symbol, time, side, size and price), so an order seen live and in
 * the file, or written twice in the file (as Binance's files often do), is counted once. That the file's
 * {@code time} is {@code T} rather than the event time {@code E} is not documented: where it is {@code E}, the ids
 * differ from the live ones.
 */
public final class BinanceLiquidationSnapshot implements CsvReadFormat<LiquidationEvent> {

    private final String venue;
    private final String symbol;
    private final Symbols.Pair pair;
    private final boolean coinMargined;
    private final InputRules rules;
    private final Instant now;

    public BinanceLiquidationSnapshot(String symbol, InputRules rules, Instant now) {
        this.venue = BinanceDataFiles.futuresVenue(symbol);
        this.symbol = symbol;
        this.pair = BinanceDataFiles.pair(symbol);
        this.coinMargined = BinanceDataFiles.coinMargined(symbol);
        this.rules = rules;
        this.now = now;
    }

    @Override
    public String name() {
        return "Binance liquidationSnapshot";
    }

    @Override
    public List<String> requiredColumns() {
        return List.of("time", "side", "original_quantity", "price", "average_price", "accumulated_fill_quantity");
    }

    @Override
    public List<String> impliedHeader() {
        return List.of("time", "side", "order_type", "time_in_force", "original_quantity", "price", "average_price",
                "order_status", "last_fill_quantity", "accumulated_fill_quantity");
    }

    @Override
    public LiquidationEvent fromRow(CsvRow row) throws Rejection {
        String orderSide = row.text("side");
        PositionSide side;
        try {
            side = Liquidations.closedBy(orderSide);
        } catch (WireMessageException e) {
            throw new Rejection(e.reason(), e.getMessage());
        }
        double filled = row.number("accumulated_fill_quantity");
        double size = filled > 0 ? filled : row.number("original_quantity");
        double average = row.number("average_price");
        double price = average > 0 ? average : row.number("price");
        Instant time = row.time("time");
        double notionalUsd = coinMargined ? size * BinanceDataFiles.usdPerCoinMarginedContract(pair) : size * price;
        LiquidationEvent event = Liquidations.cex(venue, symbol, pair, time)
                .setEventId(venue + ":" + StableId.hash(symbol, time.toEpochMilli(), orderSide, size, price))
                .setLiquidatedSide(side)
                .setPrice(price / pair.unit())
                .setPriceKind(average > 0 ? PriceKind.AVERAGE_FILL : PriceKind.UNKNOWN)
                .setQuantityBase(coinMargined ? notionalUsd / price : size * pair.unit())
                .setNotionalUsd(notionalUsd)
                .setEventTime(time)
                .setSampled(true)
                .build();
        rules.check(event, now);
        return event;
    }
}
