package io.cascaderadar.connectors.venue.okx;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascaderadar.avro.OpenInterestUpdate;
import io.cascaderadar.avro.Sidedness;
import io.cascaderadar.connectors.venue.Symbols;
import io.cascaderadar.connectors.venue.WireDecoder;
import io.cascaderadar.connectors.venue.WireJson;
import io.cascaderadar.connectors.venue.WireMessageException;
import io.cascaderadar.connectors.venue.WireRecords;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * OKX v5 {@code open-interest} (subscribed by {@code instId}), pushed every 3 seconds when it changes.
 * <ul>
 *   <li>one side of the book ({@code ONE_SIDED});</li>
 *   <li>{@code oi} is in contracts and is not read: {@code oiCcy} is the same figure in the base currency, for
 *       linear and inverse instruments alike, so no {@code ctVal} is needed;</li>
 *   <li>{@code oiUsd} is in USD; older pushes lack it (or leave it empty): null then;</li>
 *   <li>{@code ts} is the event time (milliseconds, as a string).</li>
 * </ul>
 */
public final class OkxOpenInterestDecoder implements WireDecoder {
    private static final String CHANNEL = "open-interest";

    @Override
    public String venue() {
        return OkxLiquidationDecoder.VENUE;
    }

    @Override
    public WireRecords decode(String message, Instant receiveTime) throws WireMessageException {
        JsonNode data = OkxMessages.data(message, CHANNEL);
        if (data == null) {
            return WireRecords.NONE;
        }
        List<OpenInterestUpdate> updates = new ArrayList<>();
        for (JsonNode row : data) {
            updates.add(update(row));
        }
        return WireRecords.openInterest(updates);
    }

    private static OpenInterestUpdate update(JsonNode row) throws WireMessageException {
        String instId = WireJson.text(row, "instId");
        boolean hasUsd = !row.path("oiUsd").asText("").isEmpty();
        return OpenInterestUpdate.newBuilder()
                .setVenue(OkxLiquidationDecoder.VENUE)
                .setInstrument(instId)
                .setBaseAsset(Symbols.dashed(instId).base())
                .setOpenInterestBase(WireJson.number(row, "oiCcy"))
                .setOpenInterestUsd(hasUsd ? WireJson.number(row, "oiUsd") : null)
                .setSidedness(Sidedness.ONE_SIDED)
                .setEventTime(WireJson.millis(row, "ts"))
                .build();
    }
}
