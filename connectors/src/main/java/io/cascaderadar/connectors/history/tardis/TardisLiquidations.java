package io.cascaderadar.connectors.history.tardis;

import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.PositionSide;
import io.cascaderadar.connectors.StableId;
import io.cascaderadar.connectors.csv.CsvReadFormat;
import io.cascaderadar.connectors.csv.CsvRow;
import io.cascaderadar.connectors.validation.InputRules;
import io.cascaderadar.connectors.validation.Rejection;
import io.cascaderadar.connectors.venue.Liquidations;
import io.cascaderadar.connectors.venue.Symbols;
import io.cascaderadar.connectors.venue.WireMessageException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Tardis.dev's {@code liquidations} CSV dataset ({@code exchange,symbol,timestamp,local_timestamp,id,side,price,
 * amount}; times in microseconds since the epoch), whatever its exchange's feed.
 * <ul>
 *   <li>{@code side} is the liquidation ORDER's side as Tardis normalizes every exchange (its {@code Liquidation}
 *       type: "buy = short position liquidated, sell = long position liquidated"; Bybit's position side is already
 *       turned around): sell means a LONG was liquidated; {@code unknown} is refused;</li>
 *   <li>{@code amount} is the exchange's own, contracts where it counts contracts: see {@link TardisVenue} for the
 *       units per exchange and the exchanges that are refused;</li>
 *   <li>{@code price} is the exchange's: Binance's liquidation ORDER price {@code p}, not the average fill the live
 *       decoder takes (UNKNOWN); Bybit's, OKX's and BitMEX's bankruptcy price; Deribit's trade price (AVERAGE_FILL);</li>
 *   <li>{@code timestamp} is the event time (BitMEX has none: Tardis gives the receive time), {@code local_timestamp}
 *       the receive time;</li>
 *   <li>{@code sampled}: Binance and OKX, and Bybit before 2025-02-26 (its throttled {@code liquidation} topic).</li>
 * </ul>
 * Event ids equal the live decoder's where the row holds what it hashes: {@code bitmex:<orderID>},
 * {@code deribit:<trade_id>}, and Bybit's hash of symbol, time, position side, size and price. They cannot for
 * Binance (the live id hashes the average price, which Tardis drops) nor OKX (it hashes {@code posSide}): those
 * hash the row's symbol, time, side, amount and price, so a day imported both from Tardis and from a recording
 * counts twice. Tardis writes one row for a Deribit trade that liquidated both sides ({@code MT}), with the maker's
 * side: the second position is missing.
 */
public final class TardisLiquidations implements CsvReadFormat<LiquidationEvent> {

    private final InputRules rules;
    private final Instant now;

    public TardisLiquidations(InputRules rules, Instant now) {
        this.rules = rules;
        this.now = now;
    }

    @Override
    public String name() {
        return "Tardis liquidations";
    }

    @Override
    public List<String> requiredColumns() {
        return List.of("exchange", "symbol", "timestamp", "local_timestamp", "id", "side", "price", "amount");
    }

    @Override
    public LiquidationEvent fromRow(CsvRow row) throws Rejection {
        TardisVenue venue = TardisVenue.of(row);
        String symbol = row.text("symbol");
        String orderSide = row.text("side");
        PositionSide side = liquidated(orderSide);
        double amount = row.number("amount");
        double quotedPrice = row.number("price");
        Instant time = TardisVenue.micros(row, "timestamp");
        Symbols.Pair pair = venue.assets().of(symbol);
        double price = quotedPrice / pair.unit();
        TardisVenue.Amount size = venue.amount(symbol, pair, amount, price);
        LiquidationEvent event = Liquidations.cex(venue.venue(), symbol, pair, TardisVenue.micros(row, "local_timestamp"))
                .setEventId(venue.venue() + ":" + switch (venue.liquidationIds()) {
                    case NATIVE -> row.has("id") ? row.text("id") : rowHash(symbol, time, orderSide, amount, quotedPrice);
                    case BYBIT -> StableId.hash(symbol, time.toEpochMilli(), side == PositionSide.LONG ? "Buy" : "Sell",
                            amount, quotedPrice);
                    case ROW_HASH -> rowHash(symbol, time, orderSide, amount, quotedPrice);
                })
                .setLiquidatedSide(side)
                .setPrice(price)
                .setPriceKind(venue.liquidationPrice())
                .setQuantityBase(size.base())
                .setNotionalUsd(size.usd())
                .setEventTime(time)
                .setSampled(time.isBefore(venue.completeSince()))
                .build();
        rules.check(event, now);
        return event;
    }

    private static PositionSide liquidated(String orderSide) throws Rejection {
        try {
            return Liquidations.closedBy(orderSide);
        } catch (WireMessageException e) {
            throw new Rejection(e.reason(), e.getMessage());
        }
    }

    private static String rowHash(String symbol, Instant time, String side, double amount, double price) {
        return StableId.hash(symbol, ChronoUnit.MICROS.between(Instant.EPOCH, time), side, amount, price);
    }
}
