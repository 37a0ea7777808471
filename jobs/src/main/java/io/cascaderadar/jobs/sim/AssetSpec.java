package io.cascaderadar.jobs.sim;

/**
 * One simulated asset.
 *
 * @param weight share of liquidated USD on perpetual venues
 * @param price price at the start
 * @param drawdown fall from the start price to the cascade's low (0 for none)
 * @param openInterestUsd one-sided open interest across venues, in USD
 * @param openInterestDrop share of open interest closed by the end of the cascade
 */
record AssetSpec(String symbol, double weight, double price, double drawdown, double openInterestUsd,
        double openInterestDrop) {}
