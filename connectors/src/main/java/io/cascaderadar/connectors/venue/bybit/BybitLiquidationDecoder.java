package io.cascaderadar.connectors.venue.bybit;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.PositionSide;
import io.cascaderadar.avro.PriceKind;
import io.cascaderadar.connectors.StableId;
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
 * Bybit v5 {@code allLiquidation.{symbol}}, the complete liquidation feed (batched every 500 ms), on the linear or
 * the inverse public stream.
 * <ul>
 *   <li>{@code S} is the side of the liquidated POSITION, unlike most venues: Buy means a LONG was liquidated
 *       (collectors that read it as an order side invert every Bybit liquidation);</li>
 *   <li>{@code v} is in base units on linear contracts, in contracts of 1 USD on inverse ones;</li>
 *   <li>{@code p} is the bankruptcy price; {@code T} the event time in milliseconds;</li>
 *   <li>not throttled: nothing is {@code sampled}.</li>
 * </ul>
 */
public final class BybitLiquidationDecoder implements WireDecoder {
    public static final String VENUE = "bybit";
    private static final String TOPIC = "allLiquidation.";

    private final boolean inverse;

    private BybitLiquidationDecoder(boolean inverse) {
        this.inverse = inverse;
    }

    /** The linear stream (USDT and USDC contracts): sizes in base units. */
    public static BybitLiquidationDecoder linear() {
        return new BybitLiquidationDecoder(false);
    }

    /** The inverse stream (BTCUSD, ETHUSD, ...): sizes in contracts of 1 USD. */
    public static BybitLiquidationDecoder inverse() {
        return new BybitLiquidationDecoder(true);
    }

    @Override
    public String venue() {
        return VENUE;
    }

    @Override
    public WireRecords decode(String message, Instant receiveTime) throws WireMessageException {
        JsonNode root = BybitMessages.ofTopic(message, TOPIC);
        if (root == null) {
            return WireRecords.NONE;
        }
        JsonNode data = WireJson.field(root, "data");
        List<LiquidationEvent> events = new ArrayList<>();
        for (JsonNode row : data.isArray() ? data : List.of(data)) {
            events.add(liquidation(row, receiveTime));
        }
        return WireRecords.liquidations(events);
    }

    private LiquidationEvent liquidation(JsonNode row, Instant receiveTime) throws WireMessageException {
        String symbol = WireJson.text(row, "s");
        String positionSide = WireJson.text(row, "S");
        PositionSide side = Liquidations.heldAs(positionSide);
        double size = WireJson.number(row, "v");
        double price = WireJson.number(row, "p");
        Instant time = WireJson.millis(row, "T");
        Symbols.Pair pair = Symbols.concatenated(symbol);
        return Liquidations.cex(VENUE, symbol, pair, receiveTime)
                .setEventId(VENUE + ":" + StableId.hash(symbol, time.toEpochMilli(), positionSide, size, price))
                .setLiquidatedSide(side)
                .setPrice(price / pair.unit())
                .setPriceKind(PriceKind.BANKRUPTCY)
                .setQuantityBase(inverse ? size / price : size * pair.unit())
                .setNotionalUsd(inverse ? size : size * price)
                .setEventTime(time)
                .setSampled(false)
                .build();
    }
}
