package io.cascaderadar.connectors.venue.okx;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.PositionSide;
import io.cascaderadar.avro.PriceKind;
import io.cascaderadar.connectors.StableId;
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
 * OKX v5 {@code liquidation-orders} (subscribed by {@code instType}: SWAP, FUTURES).
 * <ul>
 *   <li>{@code side} is the liquidation order's side (buy closes a short, so buy means a SHORT was liquidated);
 *       {@code posSide} names the position directly in long/short mode and is {@code net} otherwise;</li>
 *   <li>{@code sz} is in contracts: times {@code ctVal} of {@code /api/v5/public/instruments}
 *       ({@link ContractSizes}), which is in base units for USDT- and USDC-margined instruments and in USD for
 *       inverse ones ({@code BTC-USD-SWAP});</li>
 *   <li>{@code bkPx} is the bankruptcy price; {@code ts} the event time (milliseconds, as a string);</li>
 *   <li>OKX pushes at most one liquidation per contract per second: every event is {@code sampled}.</li>
 * </ul>
 * The first push after subscribing repeats recent liquidations: the collector skips it (the decoder has no
 * notion of a subscription).
 */
public final class OkxLiquidationDecoder implements WireDecoder {
    public static final String VENUE = "okx";
    private static final String CHANNEL = "liquidation-orders";

    private final ContractSizes contractValues;

    public OkxLiquidationDecoder(ContractSizes contractValues) {
        this.contractValues = contractValues;
    }

    @Override
    public String venue() {
        return VENUE;
    }

    @Override
    public WireRecords decode(String message, Instant receiveTime) throws WireMessageException {
        JsonNode data = OkxMessages.data(message, CHANNEL);
        if (data == null) {
            return WireRecords.NONE;
        }
        List<LiquidationEvent> events = new ArrayList<>();
        for (JsonNode instrument : data) {
            String instId = WireJson.text(instrument, "instId");
            for (JsonNode detail : WireJson.field(instrument, "details")) {
                events.add(liquidation(instId, detail, receiveTime));
            }
        }
        return WireRecords.liquidations(events);
    }

    private LiquidationEvent liquidation(String instId, JsonNode detail, Instant receiveTime) throws WireMessageException {
        String orderSide = WireJson.text(detail, "side");
        String positionSide = detail.path("posSide").asText("net");
        PositionSide side = switch (positionSide) {
            case "long" -> PositionSide.LONG;
            case "short" -> PositionSide.SHORT;
            default -> Liquidations.closedBy(orderSide);
        };
        double contracts = WireJson.number(detail, "sz");
        double price = WireJson.number(detail, "bkPx");
        Instant time = WireJson.millis(detail, "ts");
        Symbols.Pair pair = Symbols.dashed(instId);
        boolean inverse = "USD".equals(pair.quote());
        double size = contracts * contractValues.require(instId);
        return Liquidations.cex(VENUE, instId, pair, receiveTime)
                .setEventId(VENUE + ":" + StableId.hash(instId, time.toEpochMilli(), orderSide, positionSide, contracts, price))
                .setLiquidatedSide(side)
                .setPrice(price)
                .setPriceKind(PriceKind.BANKRUPTCY)
                .setQuantityBase(inverse ? size / price : size)
                .setNotionalUsd(inverse ? size : size * price)
                .setEventTime(time)
                .setSampled(true)
                .build();
    }
}
