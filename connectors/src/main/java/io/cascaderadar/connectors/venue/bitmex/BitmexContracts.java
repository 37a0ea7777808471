package io.cascaderadar.connectors.venue.bitmex;

import io.cascaderadar.connectors.venue.ContractSizes;
import io.cascaderadar.connectors.venue.InstrumentCatalog;
import io.cascaderadar.connectors.venue.WireMessageException;

/**
 * What a contract of each BitMEX instrument is worth, from {@code instrument.multiplier}: in USD for inverse
 * instruments ({@code XBTUSD}: 1 USD), in base units for linear ones ({@code XBTUSDT}: 0.000001 XBT). Quanto
 * contracts ({@code ETHUSD}) have a fixed value in neither unit: they are in neither map, and refused as
 * UNKNOWN_INSTRUMENT.
 */
public record BitmexContracts(ContractSizes inverseUsdPerContract, ContractSizes linearBasePerContract) {

    /** The contracts of a catalog loaded from BitMEX's instrument listing ({@link BitmexInstruments}). */
    public static BitmexContracts of(InstrumentCatalog catalog) {
        return new BitmexContracts(symbol -> sized(catalog.contract(symbol), true), symbol -> sized(catalog.contract(symbol), false));
    }

    private static Double sized(InstrumentCatalog.Contract contract, boolean inverse) {
        return contract != null && contract.inverse() == inverse ? contract.size() : null;
    }

    /** An amount in both units; null where it needs a price that was not given. */
    public record Amount(Double base, Double usd) {}

    /** Contracts of an instrument in base units and USD, at a price (null: the unit that needs it stays null). */
    Amount amount(String symbol, double contracts, Double price) throws WireMessageException {
        if (inverseUsdPerContract.of(symbol) != null) {
            double usd = contracts * inverseUsdPerContract.require(symbol);
            return new Amount(price == null ? null : usd / price, usd);
        }
        double base = contracts * linearBasePerContract.require(symbol);
        return new Amount(base, price == null ? null : base * price);
    }
}
