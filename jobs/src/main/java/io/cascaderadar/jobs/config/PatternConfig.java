package io.cascaderadar.jobs.config;

import java.io.Serializable;
import java.time.Duration;

/**
 * The CEP patterns and the alert lifecycle (README, "Patterns").
 *
 * @param breadthWindow an asset or venue counts towards breadth for this long after its last elevated step
 * @param marketWideAssets MARKET_WIDE: at least this many assets elevated in the breadth window...
 * @param marketWideAssetsWithVenues ...or at least this many assets together with...
 * @param marketWideVenues ...this many venues
 * @param marketWideWithin the market's SEVERE step and the breadth must come within this
 * @param oiFlushWithin an OI flush counts when it follows an elevated step within this
 * @param contagionWithin CEX_DEFI_CONTAGION: a DeFi burst within this after a CEX one
 * @param resolveAfter RESOLUTION: this long CALM with full coverage
 * @param maxEpisode the longest episode a resolution pattern waits for
 * @param updateInterval at most one UPDATED record per alert in this long
 */
public record PatternConfig(Duration breadthWindow, int marketWideAssets, int marketWideAssetsWithVenues,
        int marketWideVenues, Duration marketWideWithin, Duration oiFlushWithin, Duration contagionWithin,
        Duration resolveAfter, Duration maxEpisode, Duration updateInterval) implements Serializable {

    public static PatternConfig defaults() {
        return new PatternConfig(Duration.ofMinutes(20), 3, 2, 2, Duration.ofMinutes(20), Duration.ofMinutes(30),
                Duration.ofHours(1), Duration.ofMinutes(15), Duration.ofHours(12), Duration.ofMinutes(1));
    }
}
