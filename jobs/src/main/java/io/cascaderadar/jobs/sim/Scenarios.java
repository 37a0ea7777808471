package io.cascaderadar.jobs.sim;

import io.cascaderadar.avro.Sidedness;
import io.cascaderadar.avro.VenueType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The named scenarios of {@code radar simulate} and {@code radar demo}.
 *
 * <p>{@code 2025-10-10} is calibrated to what was published about the largest cascade on record
 * (../shared/data/ground_truth): on the CEX panel measured by Amberdata, $6.93B liquidated in the 40 core
 * minutes from 20:50 UTC with the peak minute at 21:15 ($3.21B), about 84% longs; on Hyperliquid, 63,637
 * liquidations worth $5.51B from 21:15:03 over about twelve minutes, with the largest burst (11,279 in one
 * second) 61 s after the first, and the rest of the background rising and falling so that, as in the recorded
 * per-second timeline, about 1% came in the first minute, half by three minutes and 99% by seven (a gamma
 * shape of 10 and 22 s); on-chain, about $180M on Aave and $46M on Morpho within the hour, with some bad debt;
 * perpetual open interest fell steeply (43% over the day). BTC fell from about 121.5k to about 102k.
 */
public final class Scenarios {

    private static final List<VenueSpec> VENUES = List.of(
            new VenueSpec("binance-usdm", VenueType.CEX, 0.45, true, 0.35, Sidedness.ONE_SIDED, "%sUSDT"),
            new VenueSpec("bybit", VenueType.CEX, 0.35, false, 0.25, Sidedness.TWO_SIDED, "%sUSDT"),
            new VenueSpec("okx", VenueType.CEX, 0.20, true, 0.15, Sidedness.ONE_SIDED, "%s-USDT-SWAP"),
            new VenueSpec("hyperliquid", VenueType.CEX, 0.0, false, 0.25, Sidedness.ONE_SIDED, "%s"),
            new VenueSpec("aave-v3", VenueType.DEFI, 0.80, false, 0, Sidedness.ONE_SIDED, "%s/USDC"),
            new VenueSpec("morpho-blue", VenueType.DEFI, 0.20, false, 0, Sidedness.ONE_SIDED, "%s/USDC"));

    private static final List<AssetSpec> ASSETS = List.of(
            new AssetSpec("BTC", 0.30, 121_500, 0.16, 45e9, 0.14),
            new AssetSpec("ETH", 0.22, 4_350, 0.21, 30e9, 0.20),
            new AssetSpec("SOL", 0.10, 222, 0.27, 9e9, 0.28),
            new AssetSpec("XRP", 0.05, 2.80, 0.40, 4e9, 0.30),
            new AssetSpec("DOGE", 0.05, 0.245, 0.50, 3e9, 0.32),
            new AssetSpec("HYPE", 0.06, 45, 0.25, 2.5e9, 0.30),
            new AssetSpec("BNB", 0.03, 1_250, 0.14, 1.5e9, 0.20),
            new AssetSpec("SUI", 0.03, 3.40, 0.80, 1.2e9, 0.40),
            new AssetSpec("AVAX", 0.03, 28.5, 0.70, 0.8e9, 0.40),
            new AssetSpec("ENA", 0.04, 0.58, 0.60, 1.0e9, 0.40),
            new AssetSpec("LINK", 0.03, 21.5, 0.50, 0.8e9, 0.35),
            new AssetSpec("ADA", 0.03, 0.80, 0.60, 0.7e9, 0.35),
            new AssetSpec("LTC", 0.03, 125, 0.30, 0.5e9, 0.30));

    private static final Map<String, Scenario> ALL = new TreeMap<>();

    static {
        Instant calmStart = Instant.parse("2025-06-02T00:00:00Z");
        add(new Scenario("calm",
                "Twelve ordinary hours: self-exciting but calm liquidations, three whales, and one small altcoin flush.",
                calmStart, calmStart.plus(Duration.ofHours(12)), VENUES, ASSETS, 350_000, 0.5, 0.5,
                null, null, null, 2.0, List.of(),
                List.of(new Scenario.Whale(calmStart.plus(Duration.ofMinutes(150)), "binance-usdm", "BTC", 3.2e6, true),
                        new Scenario.Whale(calmStart.plus(Duration.ofMinutes(330)), "bybit", "ETH", 2.1e6, false),
                        new Scenario.Whale(calmStart.plus(Duration.ofMinutes(545)), "aave-v3", "ETH", 4.5e6, true)),
                List.of(new Scenario.Flush(calmStart.plus(Duration.ofMinutes(420)), Duration.ofMinutes(3), "bybit",
                        "SUI", 25, 450_000, true))));

        Instant day = Instant.parse("2025-10-10T00:00:00Z");
        add(new Scenario("2025-10-10",
                "The cascade of 2025-10-10, calibrated to published figures: calm, then $6.93B on CEXs in 40 minutes"
                        + " (peak 21:15 UTC), Hyperliquid's own burst, the on-chain wave, open interest falling.",
                day.plus(Duration.ofHours(18)), day.plus(Duration.ofHours(23).plusMinutes(30)), VENUES, ASSETS,
                400_000, 0.5, 0.85,
                new CascadeShape(at(day, "20:50"), at(day, "21:15"), at(day, "21:30"), at(day, "22:30"),
                        1.50e9, 3.21e9, 2.22e9, 60e6, 0.84),
                new Scenario.Burst("hyperliquid", Instant.parse("2025-10-10T21:15:03Z"), Duration.ofMinutes(12),
                        63_637, 5.51e9, List.of(new int[] {61, 11_279}, new int[] {113, 2_915}, new int[] {122, 2_468},
                                new int[] {131, 1_179}, new int[] {164, 1_035}), 10, 22),
                new Scenario.DefiWave(Duration.ofMinutes(4), 226e6, 0.03),
                2.0,
                List.of(new Scenario.FeedGap("okx", at(day, "21:20"), at(day, "21:21:30"))),
                List.of(), List.of()));
    }

    private Scenarios() {}

    public static Scenario named(String name) {
        Scenario s = ALL.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no scenario '" + name + "'; there are " + String.join(", ", ALL.keySet()));
        }
        return s;
    }

    private static void add(Scenario s) {
        ALL.put(s.name(), s);
    }

    private static Instant at(Instant day, String time) {
        return Instant.parse(day.toString().substring(0, 11) + (time.length() == 5 ? time + ":00" : time) + "Z");
    }
}
