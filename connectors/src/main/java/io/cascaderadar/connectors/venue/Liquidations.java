package io.cascaderadar.connectors.venue;

import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.PositionSide;
import io.cascaderadar.avro.VenueType;
import io.cascaderadar.connectors.validation.RejectReason;
import java.time.Instant;
import java.util.Locale;

/** What the venue decoders share: the two ways venues give a side, and the fields every CEX liquidation fills alike. */
public final class Liquidations {

    private Liquidations() {}

    /** The position a liquidation ORDER closes: a sell closes a long, a buy a short (any case). */
    public static PositionSide closedBy(String orderSide) throws WireMessageException {
        return switch (orderSide.toLowerCase(Locale.ROOT)) {
            case "sell" -> PositionSide.LONG;
            case "buy" -> PositionSide.SHORT;
            default -> throw new WireMessageException(RejectReason.UNKNOWN_VALUE, "side '" + orderSide + "' is not buy or sell");
        };
    }

    /** A POSITION side given as the side that opened it: buy is long, sell is short (any case). */
    public static PositionSide heldAs(String positionSide) throws WireMessageException {
        return closedBy(positionSide) == PositionSide.LONG ? PositionSide.SHORT : PositionSide.LONG;
    }

    /** A CEX liquidation with its venue, instrument, assets and receive time set; the decoder adds the rest. */
    public static LiquidationEvent.Builder cex(String venue, String instrument, Symbols.Pair pair, Instant receiveTime) {
        return LiquidationEvent.newBuilder()
                .setVenue(venue)
                .setVenueType(VenueType.CEX)
                .setInstrument(instrument)
                .setBaseAsset(pair.base())
                .setQuoteAsset(pair.quote())
                .setReceiveTime(receiveTime);
    }
}
