package io.cascaderadar.connectors.venue.bitmex;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.PositionSide;
import io.cascaderadar.avro.PriceKind;
import io.cascaderadar.connectors.venue.Liquidations;
import io.cascaderadar.connectors.venue.Symbols;
import io.cascaderadar.connectors.venue.WireDecoder;
import io.cascaderadar.connectors.venue.WireJson;
import io.cascaderadar.connectors.venue.WireMessageException;
import io.cascaderadar.connectors.venue.WireRecords;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * BitMEX {@code liquidation} table: {@code {"table":"liquidation","action","data":[order,...]}}, where each order is
 * a liquidation order the engine placed on the book.
 * <ul>
 *   <li>only {@code insert} rows are new liquidations: {@code partial} is the snapshot of the orders open at
 *       subscription, {@code update} and {@code delete} follow orders already inserted;</li>
 *   <li>{@code side} is the liquidation order's side: Sell closes a long, so Sell means a LONG was liquidated;</li>
 *   <li>{@code leavesQty} is contracts: of a USD value for inverse instruments ({@code XBTUSD}: 1 USD), of a base
 *       amount for linear ones ({@code XBTUSDT}: 0.000001 XBT), both from {@code instrument.multiplier}; quanto
 *       contracts ({@code ETHUSD}) have a fixed value in neither unit and are left out of both, so refused;</li>
 *   <li>{@code price} is the order's limit price, the position's bankruptcy price: BANKRUPTCY;</li>
 *   <li>the feed has no time: the event time is the receive time;</li>
 *   <li>every liquidation order is published: nothing is {@code sampled}.</li>
 * </ul>
 * XBT is BTC. Subscription acknowledgements, the welcome frame and the {@code pong} answering a {@code ping} carry
 * nothing.
 */
public final class BitmexLiquidationDecoder implements WireDecoder {
    public static final String VENUE = "bitmex";

    private final BitmexContracts sizes;

    public BitmexLiquidationDecoder(BitmexContracts sizes) {
        this.sizes = sizes;
    }

    @Override
    public String venue() {
        return VENUE;
    }

    @Override
    public WireRecords decode(String message, Instant receiveTime) throws WireMessageException {
        JsonNode orders = BitmexMessages.rows(message, "liquidation", List.of("insert"));
        if (orders == null) {
            return WireRecords.NONE;
        }
        List<LiquidationEvent> events = new ArrayList<>();
        for (JsonNode order : orders) {
            events.add(liquidation(order, receiveTime));
        }
        return WireRecords.liquidations(events);
    }

    private LiquidationEvent liquidation(JsonNode order, Instant receiveTime) throws WireMessageException {
        String symbol = WireJson.text(order, "symbol");
        String orderSide = WireJson.text(order, "side");
        PositionSide side = Liquidations.closedBy(orderSide);
        double price = WireJson.number(order, "price");
        double contracts = WireJson.number(order, "leavesQty");
        BitmexContracts.Amount amount = sizes.amount(symbol, contracts, price);
        Symbols.Pair pair = BitmexMessages.pair(symbol);
        return Liquidations.cex(VENUE, symbol, pair, receiveTime)
                .setEventId(VENUE + ":" + WireJson.text(order, "orderID"))
                .setLiquidatedSide(side)
                .setPrice(price)
                .setPriceKind(PriceKind.BANKRUPTCY)
                .setQuantityBase(amount.base())
                .setNotionalUsd(amount.usd())
                .setEventTime(receiveTime)
                .setSampled(false)
                .build();
    }
}
