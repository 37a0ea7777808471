package io.cascaderadar.connectors.venue.deribit;

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
 * Deribit {@code ticker.{instrument}.{interval}} channels ({@code 100ms}, {@code agg2}, {@code raw}): JSON-RPC 2.0
 * {@code subscription} notifications whose {@code params.data} is one instrument's ticker, read for its open
 * interest.
 * <ul>
 *   <li>{@code open_interest} is USD for perpetuals and inverse futures ({@code BTC-PERPETUAL}, {@code ETH-27DEC24}):
 *       their 10 USD contracts are already counted in USD; the base amount is that USD at {@code mark_price};</li>
 *   <li>it is base units for linear instruments ({@code SOL_USDC-PERPETUAL}, {@code _USDC}/{@code _USDT} in the
 *       name), worth their amount times {@code mark_price} in USD;</li>
 *   <li>options, whose open interest is not a leveraged position in the underlying, are refused as
 *       UNKNOWN_INSTRUMENT, as {@link DeribitTradesDecoder} refuses their trades;</li>
 *   <li>Deribit counts each open contract once: ONE_SIDED;</li>
 *   <li>the event time is the ticker's {@code timestamp}.</li>
 * </ul>
 * Answers to requests ({@code result}) and {@code heartbeat} notifications carry nothing.
 */
public final class DeribitTickerDecoder implements WireDecoder {
    public static final String VENUE = DeribitTradesDecoder.VENUE;

    @Override
    public String venue() {
        return VENUE;
    }

    @Override
    public WireRecords decode(String message, Instant receiveTime) throws WireMessageException {
        JsonNode ticker = DeribitMessages.data(message, "ticker.");
        return ticker == null ? WireRecords.NONE : WireRecords.openInterest(List.of(openInterest(ticker)));
    }

    private static OpenInterestUpdate openInterest(JsonNode ticker) throws WireMessageException {
        String instrument = WireJson.text(ticker, "instrument_name");
        double openInterest = WireJson.number(ticker, "open_interest");
        double markPrice = WireJson.number(ticker, "mark_price");
        boolean linear = DeribitMessages.isLinear(instrument);
        return OpenInterestUpdate.newBuilder()
                .setVenue(VENUE)
                .setInstrument(instrument)
                .setBaseAsset(Symbols.dashed(instrument).base())
                .setOpenInterestBase(linear ? openInterest : openInterest / markPrice)
                .setOpenInterestUsd(linear ? openInterest * markPrice : openInterest)
                .setSidedness(Sidedness.ONE_SIDED)
                .setEventTime(WireJson.millis(ticker, "timestamp"))
                .build();
    }
}
