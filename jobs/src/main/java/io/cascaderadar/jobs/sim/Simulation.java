package io.cascaderadar.jobs.sim;

import io.cascaderadar.avro.FeedHealth;
import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.OpenInterestUpdate;
import io.cascaderadar.avro.PriceUpdate;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The streams of one simulated scenario, sorted by event time, and what really happened: the USD liquidated per
 * venue before throttled feeds dropped events and feed gaps lost them, and the USD per minute
 * on the CEX perpetual venues (the market-wide arrivals, without a venue's own burst), for calibration.
 */
public record Simulation(Scenario scenario, long seed, List<LiquidationEvent> liquidations,
        List<OpenInterestUpdate> openInterest, List<FeedHealth> feedHealth, List<PriceUpdate> prices,
        Map<String, Double> trueUsdByVenue,
        Map<Instant, Double> cexUsdByMinute) {}
