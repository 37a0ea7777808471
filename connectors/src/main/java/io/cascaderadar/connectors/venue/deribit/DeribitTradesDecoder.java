package io.cascaderadar.connectors.venue.deribit;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.PositionSide;
import io.cascaderadar.avro.PriceKind;
import io.cascaderadar.connectors.validation.RejectReason;
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
 * Deribit {@code trades.*} channels: JSON-RPC 2.0 {@code subscription} notifications whose {@code params.data} is a
 * list of trades, of which only those with a {@code liquidation} field are liquidations (the others are skipped).
 * <ul>
 *   <li>{@code liquidation} says whose position was liquidated: {@code M} the maker's, {@code T} the taker's,
 *       {@code MT} both, giving two events with the ids {@code deribit:<trade_id>:M} and {@code :T};</li>
 *   <li>{@code direction} is the taker's: a taker who sold closed a LONG, and the maker of that trade bought, so
 *       closed a SHORT (mirrored for a taker buy);</li>
 *   <li>{@code amount} is USD for perpetuals and inverse futures ({@code BTC-PERPETUAL}, {@code ETH-27DEC24}), and
 *       base units for linear instruments ({@code SOL_USDC-PERPETUAL}, {@code _USDC}/{@code _USDT} in the name);
 *       options, whose price is a premium, are refused as UNKNOWN_INSTRUMENT;</li>
 *   <li>the price is the trade's: one fill of the liquidation order, so AVERAGE_FILL (the average of that single
 *       fill; the order's other fills are other trades);</li>
 *   <li>the event time is the trade's {@code timestamp};</li>
 *   <li>the feed has every trade: nothing is {@code sampled}.</li>
 * </ul>
 * Answers to requests ({@code result}) and {@code heartbeat} notifications carry nothing: answering a heartbeat's
 * {@code test_request} is the connection's business.
 */
public final class DeribitTradesDecoder implements WireDecoder {
    public static final String VENUE = "deribit";

    @Override
    public String venue() {
        return VENUE;
    }

    @Override
    public WireRecords decode(String message, Instant receiveTime) throws WireMessageException {
        JsonNode trades = DeribitMessages.data(message, "trades.");
        if (trades == null) {
            return WireRecords.NONE;
        }
        if (!trades.isArray()) {
            throw new WireMessageException(RejectReason.MALFORMED_MESSAGE, "field 'data' is not a list of trades");
        }
        List<LiquidationEvent> events = new ArrayList<>();
        for (JsonNode trade : trades) {
            if (trade.has("liquidation")) {
                events.addAll(liquidations(trade, receiveTime));
            }
        }
        return WireRecords.liquidations(events);
    }

    private static List<LiquidationEvent> liquidations(JsonNode trade, Instant receiveTime) throws WireMessageException {
        String liquidated = WireJson.text(trade, "liquidation");
        String direction = WireJson.text(trade, "direction");
        PositionSide taker = Liquidations.closedBy(direction);
        PositionSide maker = taker == PositionSide.LONG ? PositionSide.SHORT : PositionSide.LONG;
        String tradeId = WireJson.text(trade, "trade_id");
        return switch (liquidated) {
            case "M" -> List.of(liquidation(trade, receiveTime, maker, VENUE + ":" + tradeId));
            case "T" -> List.of(liquidation(trade, receiveTime, taker, VENUE + ":" + tradeId));
            case "MT" -> List.of(
                    liquidation(trade, receiveTime, maker, VENUE + ":" + tradeId + ":M"),
                    liquidation(trade, receiveTime, taker, VENUE + ":" + tradeId + ":T"));
            default -> throw new WireMessageException(RejectReason.UNKNOWN_VALUE, "liquidation '" + liquidated + "' is not M, T or MT");
        };
    }

    private static LiquidationEvent liquidation(JsonNode trade, Instant receiveTime, PositionSide side, String eventId)
            throws WireMessageException {
        String instrument = WireJson.text(trade, "instrument_name");
        double amount = WireJson.number(trade, "amount");
        double price = WireJson.number(trade, "price");
        boolean linear = DeribitMessages.isLinear(instrument);
        Symbols.Pair pair = Symbols.dashed(instrument);
        return Liquidations.cex(VENUE, instrument, pair, receiveTime)
                .setEventId(eventId)
                .setQuoteAsset(linear ? pair.quote() : "USD")
                .setLiquidatedSide(side)
                .setPrice(price)
                .setPriceKind(PriceKind.AVERAGE_FILL)
                .setQuantityBase(linear ? amount : amount / price)
                .setNotionalUsd(linear ? amount * price : amount)
                .setEventTime(WireJson.millis(trade, "timestamp"))
                .setSampled(false)
                .build();
    }
}
