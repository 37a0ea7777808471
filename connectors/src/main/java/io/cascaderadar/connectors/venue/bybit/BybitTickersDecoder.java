package io.cascaderadar.connectors.venue.bybit;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascaderadar.avro.OpenInterestUpdate;
import io.cascaderadar.avro.Sidedness;
import io.cascaderadar.connectors.venue.Symbols;
import io.cascaderadar.connectors.venue.WireDecoder;
import io.cascaderadar.connectors.venue.WireJson;
import io.cascaderadar.connectors.venue.WireMessageException;
import io.cascaderadar.connectors.venue.WireRecords;
import java.time.Instant;
import java.util.List;

/**
 * The open interest of Bybit v5 {@code tickers.{symbol}}, on the linear or the inverse public stream: a snapshot,
 * then deltas that carry only the fields that changed.
 * <ul>
 *   <li>{@code openInterest} counts both sides of the book ({@code TWO_SIDED}): in base units on linear contracts
 *       (times the unit prefix: {@code 1000PEPEUSDT} counts thousands of PEPE), in contracts of 1 USD on inverse
 *       ones; {@code openInterestValue} is the other figure, in USD on linear contracts and in coin (base units) on
 *       inverse ones, null when a delta lacks it;</li>
 *   <li>{@code singleOpenInterest} (sent since 2026-06-11) counts one side, in the unit of {@code openInterest}:
 *       where present it is the figure ({@code ONE_SIDED}); {@code openInterestValue}, which is of both sides, is
 *       scaled to one by {@code singleOpenInterest / openInterest} of the same message, the only consistent
 *       scale: a message without a positive {@code openInterest} leaves the other figure null;</li>
 *   <li>a delta without either figure carries nothing;</li>
 *   <li>the event time is the message's {@code ts}.</li>
 * </ul>
 */
public final class BybitTickersDecoder implements WireDecoder {
    private static final String TOPIC = "tickers.";
    private static final String BOTH_SIDES = "openInterest";
    private static final String ONE_SIDE = "singleOpenInterest";
    private static final String VALUE = "openInterestValue";

    private final boolean inverse;

    private BybitTickersDecoder(boolean inverse) {
        this.inverse = inverse;
    }

    /** The linear stream (USDT and USDC contracts): open interest in base units, its value in USD. */
    public static BybitTickersDecoder linear() {
        return new BybitTickersDecoder(false);
    }

    /** The inverse stream (BTCUSD, ETHUSD, ...): open interest in contracts of 1 USD, its value in coin. */
    public static BybitTickersDecoder inverse() {
        return new BybitTickersDecoder(true);
    }

    @Override
    public String venue() {
        return BybitLiquidationDecoder.VENUE;
    }

    @Override
    public WireRecords decode(String message, Instant receiveTime) throws WireMessageException {
        JsonNode root = BybitMessages.ofTopic(message, TOPIC);
        if (root == null) {
            return WireRecords.NONE;
        }
        JsonNode data = WireJson.field(root, "data");
        String symbol = WireJson.text(data, "symbol");
        Instant time = WireJson.millis(root, "ts");
        boolean oneSided = data.has(ONE_SIDE);
        if (!oneSided && !data.has(BOTH_SIDES)) {
            return WireRecords.NONE; // a delta in which open interest did not change
        }
        double openInterest = WireJson.number(data, oneSided ? ONE_SIDE : BOTH_SIDES);
        Double value = data.has(VALUE) ? WireJson.number(data, VALUE) : null;
        if (oneSided && value != null) {
            double bothSides = data.has(BOTH_SIDES) ? WireJson.number(data, BOTH_SIDES) : 0;
            value = bothSides > 0 ? value * openInterest / bothSides : null;
        }
        Symbols.Pair pair = Symbols.concatenated(symbol);
        OpenInterestUpdate.Builder update = OpenInterestUpdate.newBuilder()
                .setVenue(BybitLiquidationDecoder.VENUE)
                .setInstrument(symbol)
                .setBaseAsset(pair.base())
                .setSidedness(oneSided ? Sidedness.ONE_SIDED : Sidedness.TWO_SIDED)
                .setEventTime(time);
        if (inverse) {
            update.setOpenInterestBase(value).setOpenInterestUsd(openInterest);
        } else {
            update.setOpenInterestBase(openInterest * pair.unit()).setOpenInterestUsd(value);
        }
        return WireRecords.openInterest(List.of(update.build()));
    }
}
