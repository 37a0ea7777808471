package io.cascaderadar.connectors.venue.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.PositionSide;
import io.cascaderadar.avro.PriceKind;
import io.cascaderadar.connectors.StableId;
import io.cascaderadar.connectors.validation.RejectReason;
import io.cascaderadar.connectors.venue.ContractSizes;
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
 * Binance futures {@code forceOrder} events ({@code !forceOrder@arr}, on the USD-M {@code /market} WebSocket path
 * since 2026-04-23, and on COIN-M), bare or wrapped in a combined stream's {@code {"stream", "data"}}.
 * <ul>
 *   <li>{@code o.S} is the liquidation order's side: SELL closes a long, so SELL means a LONG was liquidated;</li>
 *   <li>the size is the filled quantity {@code o.z} at the average fill price {@code o.ap} (the order price
 *       {@code o.p} where nothing was filled yet, as price kind UNKNOWN); USD-M sizes are base units, COIN-M sizes
 *       are contracts of a USD face value per instrument ({@link ContractSizes}, from {@code exchangeInfo});</li>
 *   <li>the event time is the trade time {@code o.T};</li>
 *   <li>Binance pushes at most one liquidation per symbol per second: every event is {@code sampled}.</li>
 * </ul>
 */
public final class BinanceForceOrderDecoder implements WireDecoder {
    public static final String USD_M = "binance-usdm";
    public static final String COIN_M = "binance-coinm";

    private final String venue;
    private final ContractSizes coinMarginedContracts;

    private BinanceForceOrderDecoder(String venue, ContractSizes coinMarginedContracts) {
        this.venue = venue;
        this.coinMarginedContracts = coinMarginedContracts;
    }

    public static BinanceForceOrderDecoder usdMargined() {
        return new BinanceForceOrderDecoder(USD_M, null);
    }

    /** COIN-M, whose sizes are contracts of the USD face value that {@code exchangeInfo} lists per symbol. */
    public static BinanceForceOrderDecoder coinMargined(ContractSizes contractSizes) {
        return new BinanceForceOrderDecoder(COIN_M, contractSizes);
    }

    @Override
    public String venue() {
        return venue;
    }

    @Override
    public WireRecords decode(String message, Instant receiveTime) throws WireMessageException {
        JsonNode root = WireJson.parse(message);
        if (root.has("result") || root.has("id") && !root.has("data")) {
            return WireRecords.NONE; // the answer to a (un)subscribe request
        }
        JsonNode data = root.has("stream") ? WireJson.field(root, "data") : root;
        List<LiquidationEvent> events = new ArrayList<>();
        for (JsonNode event : data.isArray() ? data : List.of(data)) {
            String type = WireJson.text(event, "e");
            if (!type.equals("forceOrder")) {
                throw new WireMessageException(RejectReason.MALFORMED_MESSAGE, "event type '" + type + "', not forceOrder");
            }
            events.add(liquidation(WireJson.field(event, "o"), receiveTime));
        }
        return WireRecords.liquidations(events);
    }

    private LiquidationEvent liquidation(JsonNode order, Instant receiveTime) throws WireMessageException {
        String symbol = WireJson.text(order, "s");
        String orderSide = WireJson.text(order, "S");
        PositionSide side = Liquidations.closedBy(orderSide);
        double filled = WireJson.number(order, "z");
        double size = filled > 0 ? filled : WireJson.number(order, "q");
        double average = order.has("ap") ? WireJson.number(order, "ap") : 0;
        double price = average > 0 ? average : WireJson.number(order, "p");
        Instant time = WireJson.millis(order, "T");
        Symbols.Pair pair = Symbols.concatenated(order.has("ps") ? WireJson.text(order, "ps") : symbol);
        double quantityBase;
        double notionalUsd;
        if (coinMarginedContracts == null) {
            quantityBase = size * pair.unit();
            notionalUsd = size * price;
        } else {
            notionalUsd = size * coinMarginedContracts.require(symbol);
            quantityBase = notionalUsd / price;
        }
        return Liquidations.cex(venue, symbol, pair, receiveTime)
                .setEventId(venue + ":" + StableId.hash(symbol, time.toEpochMilli(), orderSide, size, price))
                .setLiquidatedSide(side)
                .setPrice(price / pair.unit())
                .setPriceKind(average > 0 ? PriceKind.AVERAGE_FILL : PriceKind.UNKNOWN)
                .setQuantityBase(quantityBase)
                .setNotionalUsd(notionalUsd)
                .setEventTime(time)
                .setSampled(true)
                .build();
    }
}
