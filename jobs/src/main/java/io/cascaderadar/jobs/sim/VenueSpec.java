package io.cascaderadar.jobs.sim;

import io.cascaderadar.avro.Sidedness;
import io.cascaderadar.avro.VenueType;

/**
 * One simulated venue.
 *
 * @param share share of the perpetual liquidations (CEX) or of the DeFi liquidations
 * @param sampled the venue pushes at most one liquidation per instrument per second
 * @param openInterestShare share of each asset's open interest (0: no open interest feed)
 * @param sidedness how the venue counts open interest
 * @param symbolFormat the venue's symbol for an asset, e.g. "%sUSDT" or "%s-USDT-SWAP"
 */
record VenueSpec(String name, VenueType type, double share, boolean sampled, double openInterestShare,
        Sidedness sidedness, String symbolFormat) {

    String instrument(String asset) {
        return String.format(symbolFormat, asset);
    }
}
