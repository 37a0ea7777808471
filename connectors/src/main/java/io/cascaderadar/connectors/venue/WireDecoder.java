package io.cascaderadar.connectors.venue;

import java.time.Instant;

/**
 * Decodes the text frames of one venue's feed into the project's records, with the venue's semantics applied:
 * the liquidated position's side (never the liquidation order's), sizes in base units and USD (contracts
 * converted), the venue's event time and the collector's receive time, {@code sampled} where the venue throttles.
 * One decoder serves the collector and the replay of raw recordings.
 */
public interface WireDecoder {

    /** The venue id the records carry: binance-usdm, bybit, okx, ... */
    String venue();

    /**
     * @param message one text frame as received
     * @param receiveTime when the collector received it
     * @throws WireMessageException when the frame is not a message of this feed, or lacks what it must have: the
     *     caller sends it to the dead letters with the raw payload and goes on
     */
    WireRecords decode(String message, Instant receiveTime) throws WireMessageException;
}
