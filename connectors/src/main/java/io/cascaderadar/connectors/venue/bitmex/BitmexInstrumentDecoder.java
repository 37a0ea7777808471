package io.cascaderadar.connectors.venue.bitmex;

import com.fasterxml.jackson.databind.JsonNode;
import io.cascaderadar.avro.OpenInterestUpdate;
import io.cascaderadar.avro.Sidedness;
import io.cascaderadar.connectors.validation.RejectReason;
import io.cascaderadar.connectors.venue.WireDecoder;
import io.cascaderadar.connectors.venue.WireJson;
import io.cascaderadar.connectors.venue.WireMessageException;
import io.cascaderadar.connectors.venue.WireRecords;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * BitMEX {@code instrument} table: {@code {"table":"instrument","action","data":[row,...]}}, read for each row's
 * open interest.
 * <ul>
 *   <li>{@code partial} (the snapshot at subscription), {@code insert} and {@code update} rows all carry the
 *       instrument's current state, but an update carries only the fields that changed: a row without
 *       {@code openInterest} gives nothing; {@code delete} gives nothing;</li>
 *   <li>{@code openInterest} is contracts: of a USD value for inverse instruments ({@code XBTUSD}: 1 USD), of a base
 *       amount for linear ones ({@code XBTUSDT}: 0.000001 XBT), both from {@code instrument.multiplier}; quanto
 *       contracts ({@code ETHUSD}) have a fixed value in neither unit and are left out of both, so refused as
 *       UNKNOWN_INSTRUMENT, like any instrument of unknown contract size;</li>
 *   <li>the other unit is taken at the row's {@code markPrice}; a row without one (an update where the mark price
 *       did not change) gives that unit as null;</li>
 *   <li>BitMEX counts each open contract once: ONE_SIDED;</li>
 *   <li>the event time is the row's {@code timestamp} (ISO-8601), else the receive time.</li>
 * </ul>
 * XBT is BTC. Subscription acknowledgements, the welcome frame and the {@code pong} answering a {@code ping} carry
 * nothing.
 */
public final class BitmexInstrumentDecoder implements WireDecoder {
    public static final String VENUE = BitmexLiquidationDecoder.VENUE;

    private final BitmexContracts sizes;

    public BitmexInstrumentDecoder(BitmexContracts sizes) {
        this.sizes = sizes;
    }

    @Override
    public String venue() {
        return VENUE;
    }

    @Override
    public WireRecords decode(String message, Instant receiveTime) throws WireMessageException {
        JsonNode rows = BitmexMessages.rows(message, "instrument", List.of("partial", "insert", "update"));
        if (rows == null) {
            return WireRecords.NONE;
        }
        List<OpenInterestUpdate> updates = new ArrayList<>();
        for (JsonNode row : rows) {
            if (row.hasNonNull("openInterest")) {
                updates.add(openInterest(row, receiveTime));
            }
        }
        return WireRecords.openInterest(updates);
    }

    private OpenInterestUpdate openInterest(JsonNode row, Instant receiveTime) throws WireMessageException {
        String symbol = WireJson.text(row, "symbol");
        double contracts = WireJson.number(row, "openInterest");
        Double markPrice = row.hasNonNull("markPrice") ? WireJson.number(row, "markPrice") : null;
        BitmexContracts.Amount amount = sizes.amount(symbol, contracts, markPrice);
        return OpenInterestUpdate.newBuilder()
                .setVenue(VENUE)
                .setInstrument(symbol)
                .setBaseAsset(BitmexMessages.pair(symbol).base())
                .setOpenInterestBase(amount.base())
                .setOpenInterestUsd(amount.usd())
                .setSidedness(Sidedness.ONE_SIDED)
                .setEventTime(time(row, receiveTime))
                .build();
    }

    private static Instant time(JsonNode row, Instant receiveTime) throws WireMessageException {
        if (!row.hasNonNull("timestamp")) {
            return receiveTime;
        }
        String timestamp = row.get("timestamp").asText();
        try {
            return Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            throw new WireMessageException(RejectReason.BAD_TIMESTAMP, "field 'timestamp' is not ISO-8601: " + timestamp);
        }
    }
}
