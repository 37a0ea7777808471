package io.cascaderadar.connectors.venue;

import io.cascaderadar.connectors.validation.RejectReason;
import java.io.Serializable;
import java.util.Map;

/**
 * What one contract of an instrument is worth, as the venue's REST API lists it (Binance COIN-M
 * {@code exchangeInfo.contractSize}, OKX {@code instruments.ctVal}, BitMEX {@code instrument.multiplier}): in
 * USD for inverse instruments, in base units for linear ones. The collector loads it at start and again when an
 * unknown instrument appears.
 */
@FunctionalInterface
public interface ContractSizes extends Serializable {

    /** The size, or null where the instrument is not known. */
    Double of(String instrument);

    static ContractSizes of(Map<String, Double> sizes) {
        Map<String, Double> copy = Map.copyOf(sizes);
        return copy::get;
    }

    /** The size, or a {@link WireMessageException} naming the instrument. */
    default double require(String instrument) throws WireMessageException {
        Double size = of(instrument);
        if (size == null || !(size > 0)) {
            throw new WireMessageException(RejectReason.UNKNOWN_INSTRUMENT, "no contract size for " + instrument);
        }
        return size;
    }
}
