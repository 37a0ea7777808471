package io.cascaderadar.jobs.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A simulated market: its venues and assets, its calm level, and what happens in it.
 *
 * @param calmUsdPerMinute liquidations of the whole market in calm times (CEX venues)
 * @param calmBranching self-excitation of calm arrivals (a Hawkes branching ratio)
 * @param cascadeBranching self-excitation during the cascade
 * @param cascade the market-wide cascade, or null
 * @param burst a venue's own burst on top of the cascade (Hyperliquid on 2025-10-10), or null
 * @param defi the on-chain wave that follows the cascade, or null
 * @param defiCalmPerHour DeFi liquidations per hour in calm times
 * @param gaps feed outages: the venue's liquidations in them are lost, and reported as a GAP
 * @param whales single large liquidations, which alone are no cascade
 * @param flushes short bursts in one asset on one venue, which are no market cascade either
 */
public record Scenario(String name, String description, Instant start, Instant end, List<VenueSpec> venues,
        List<AssetSpec> assets, double calmUsdPerMinute, double calmBranching, double cascadeBranching,
        CascadeShape cascade, Burst burst, DefiWave defi, double defiCalmPerHour, List<FeedGap> gaps,
        List<Whale> whales, List<Flush> flushes) {

    /**
     * A venue's own burst of liquidations: {@code count} events worth {@code usd} from {@code start} over
     * {@code length}: {@code spikes} (seconds after the start, events in that second) on top of a background
     * whose rate follows a gamma shape (rising, then falling) with the given shape and scale in seconds.
     */
    record Burst(String venue, Instant start, Duration length, int count, double usd, List<int[]> spikes,
            double shape, double scaleSeconds) {}

    /** On-chain liquidations following the cascade by {@code lag}, worth {@code usd} in all. */
    record DefiWave(Duration lag, double usd, double badDebtShare) {}

    record FeedGap(String venue, Instant start, Instant end) {}

    record Whale(Instant time, String venue, String asset, double usd, boolean longSide) {}

    record Flush(Instant start, Duration length, String venue, String asset, int count, double usd, boolean longSide) {}
}
