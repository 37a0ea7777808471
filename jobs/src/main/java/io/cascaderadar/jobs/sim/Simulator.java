package io.cascaderadar.jobs.sim;

import io.cascaderadar.avro.FeedHealth;
import io.cascaderadar.avro.FeedState;
import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.OpenInterestUpdate;
import io.cascaderadar.avro.PositionSide;
import io.cascaderadar.avro.PriceKind;
import io.cascaderadar.avro.PriceUpdate;
import io.cascaderadar.avro.Sidedness;
import io.cascaderadar.avro.VenueType;
import io.cascaderadar.jobs.signals.FeedGaps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A deterministic, seeded market: the same scenario and seed give the same streams on every machine.
 *
 * <p>Liquidations arrive as a discrete-time Hawkes process: each arrival leaves an excitation that decays with a
 * 1-second time constant and adds n expected offspring (n, the branching ratio, is the scenario's), and
 * immigrants arrive at the scenario's rate less the excitation it would bring on its own, so the rate follows
 * the calibrated minute-by-minute profile, peak included, while arrivals cluster within it.
 * Sizes are log-normal. Throttled venues then keep only the last liquidation per instrument and second, as
 * Binance and OKX do, and feed gaps lose what falls inside them. Open interest is polled every minute per
 * venue and instrument; it falls with the cascade's progress. Prices fall to the cascade's low and recover half.
 */
public final class Simulator {
    /** Short, so that the rate follows the profile within the minute (time constant 1 s / (1 - n)). */
    private static final double EXCITATION_TAU_SECONDS = 1.0;
    private static final double CALM_MEDIAN_USD = 2_500;
    private static final double CASCADE_MEDIAN_USD = 10_000;
    private static final double SIZE_SIGMA = 1.5;
    private static final double MAX_SIZE_USD = 25e6;
    private static final double CALM_LONG_SHARE = 0.55;
    private static final double DEFI_MEDIAN_USD = 20_000;
    private static final double DEFI_SIGMA = 1.6;
    private static final double BURST_SIGMA = 1.8;
    private static final double BURST_LONG_SHARE = 0.9;
    private static final long FIRST_BLOCK = 23_540_000L;
    private static final Instant FIRST_BLOCK_TIME = Instant.parse("2025-10-10T00:00:11Z");

    private final Scenario scenario;
    private final SplittableRandom arrivals;
    private final SplittableRandom details;
    private final SplittableRandom chain;
    private final SplittableRandom interest;
    private final long seed;
    private final double[][] prices;
    private final Map<String, Long> counters = new TreeMap<>();
    private final Map<String, Double> trueUsd = new TreeMap<>();
    private final Map<Instant, Double> cexUsdByMinute = new TreeMap<>();
    private final List<LiquidationEvent> out = new ArrayList<>();

    private Simulator(Scenario scenario, long seed) {
        this.scenario = scenario;
        this.seed = seed;
        SplittableRandom root = new SplittableRandom(seed);
        this.arrivals = root.split();
        this.details = root.split();
        this.chain = root.split();
        this.interest = root.split();
        this.prices = pricePaths(root.split());
    }

    public static Simulation run(Scenario scenario, long seed) {
        Simulator sim = new Simulator(scenario, seed);
        sim.perpetuals();
        if (scenario.burst() != null) {
            sim.burst(scenario.burst());
        }
        sim.defi();
        scenario.whales().forEach(sim::whale);
        scenario.flushes().forEach(sim::flush);
        sim.out.sort(Comparator.comparing(LiquidationEvent::getEventTime));
        return new Simulation(scenario, seed, List.copyOf(sim.out), sim.openInterest(), sim.feedHealth(), sim.markPrices(),
                Map.copyOf(sim.trueUsd), Map.copyOf(sim.cexUsdByMinute));
    }

    /** CEX perpetuals: calm arrivals everywhere, plus the cascade on the venues with a CEX share. */
    private void perpetuals() {
        CascadeShape cascade = scenario.cascade();
        double excitation = 0;
        double expectedExcitation = 0;
        double decay = Math.exp(-1 / EXCITATION_TAU_SECONDS);
        long seconds = Duration.between(scenario.start(), scenario.end()).toSeconds();
        double cascadeUsdThisMinute = 0;
        for (long s = 0; s < seconds; s++) {
            Instant t = scenario.start().plusSeconds(s);
            if (s % 60 == 0) {
                cascadeUsdThisMinute = cascade == null ? 0 : cascade.usdInMinute(t);
            }
            double calmUsd = scenario.calmUsdPerMinute() / 60 * season(t);
            double cascadeUsd = cascadeUsdThisMinute / 60;
            boolean inCascade = cascadeUsd > calmUsd;
            double n = inCascade ? scenario.cascadeBranching() : scenario.calmBranching();
            double median = inCascade ? CASCADE_MEDIAN_USD : CALM_MEDIAN_USD;
            double meanSize = median * Math.exp(SIZE_SIGMA * SIZE_SIGMA / 2);
            double target = (calmUsd + cascadeUsd) / meanSize;
            // Immigrants make up what the excitation is expected to bring, so the rate follows the profile
            // even where it jumps; the realised excitation makes the arrivals cluster.
            int k = poisson(arrivals, Math.max(0, target - expectedExcitation) + excitation);
            excitation = excitation * decay + k * n * (1 - decay);
            expectedExcitation = expectedExcitation * decay + target * n * (1 - decay);
            double cascadeFraction = cascadeUsd / (calmUsd + cascadeUsd);
            Map<String, LiquidationEvent> lastPerInstrument = new LinkedHashMap<>();
            for (int i = 0; i < k; i++) {
                boolean fromCascade = details.nextDouble() < cascadeFraction;
                VenueSpec venue = pick(VenueType.CEX, fromCascade);
                AssetSpec asset = pickAsset();
                double longShare = fromCascade ? cascade.longShare() : CALM_LONG_SHARE;
                double usd = Math.min(MAX_SIZE_USD, logNormal(details, median, SIZE_SIGMA));
                Instant time = t.plusMillis(details.nextInt(1000));
                addToMinute(time, usd);
                emitCex(venue, asset, usd, details.nextDouble() < longShare, time, lastPerInstrument);
            }
            out.addAll(lastPerInstrument.values());
        }
    }

    /** A venue's own burst: a gamma-shaped background plus the published spikes. */
    private void burst(Scenario.Burst b) {
        VenueSpec venue = venue(b.venue());
        long length = b.length().toSeconds();
        int spikeTotal = b.spikes().stream().mapToInt(x -> x[1]).sum();
        double[] weight = new double[(int) length];
        double norm = 0;
        for (int s = 0; s < length; s++) {
            weight[s] = Math.pow(s, b.shape() - 1) * Math.exp(-s / b.scaleSeconds());
            norm += weight[s];
        }
        double meanSize = b.usd() / b.count();
        double median = meanSize / Math.exp(BURST_SIGMA * BURST_SIGMA / 2);
        for (long s = 0; s < length; s++) {
            int count = poisson(arrivals, (b.count() - spikeTotal) * weight[(int) s] / norm);
            for (int[] spike : b.spikes()) {
                if (spike[0] == s) {
                    count += spike[1];
                }
            }
            Instant t = b.start().plusSeconds(s);
            Map<String, LiquidationEvent> lastPerInstrument = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                double usd = Math.min(MAX_SIZE_USD * 10, logNormal(details, median, BURST_SIGMA));
                emitCex(venue, pickAsset(), usd, details.nextDouble() < BURST_LONG_SHARE,
                        t.plusMillis(details.nextInt(1000)), lastPerInstrument);
            }
            out.addAll(lastPerInstrument.values());
        }
    }

    /** On-chain: calm liquidations per block, plus the wave that follows the cascade by its lag. */
    private void defi() {
        CascadeShape cascade = scenario.cascade();
        Scenario.DefiWave wave = scenario.defi();
        double coreUsd = cascade == null ? 0 : cascade.rampUsd() + cascade.peakMinuteUsd() + cascade.decayUsd();
        double calmMean = DEFI_MEDIAN_USD * Math.exp(DEFI_SIGMA * DEFI_SIGMA / 2);
        long firstBlock = Math.floorDiv(Duration.between(FIRST_BLOCK_TIME, scenario.start()).toSeconds(), 12) + 1;
        Instant blockTime = FIRST_BLOCK_TIME.plusSeconds(firstBlock * 12);
        for (long block = FIRST_BLOCK + firstBlock; blockTime.isBefore(scenario.end()); block++, blockTime = blockTime.plusSeconds(12)) {
            double expected = scenario.defiCalmPerHour() / 300.0;
            double waveUsd = 0;
            if (wave != null) {
                Instant lagged = blockTime.minus(wave.lag());
                Instant minute = lagged.minusSeconds(lagged.getEpochSecond() % 60);
                waveUsd = cascade.usdInMinute(minute) / coreUsd * wave.usd() / 5;
                expected += waveUsd / calmMean;
            }
            int k = poisson(chain, expected);
            for (int logIndex = 0; logIndex < k; logIndex++) {
                VenueSpec venue = pick(VenueType.DEFI, false);
                String asset = chain.nextDouble() < 0.6 ? "ETH" : chain.nextDouble() < 0.75 ? "BTC" : "LINK";
                double usd = logNormal(chain, DEFI_MEDIAN_USD, DEFI_SIGMA);
                Double badDebt = waveUsd > 0 && chain.nextDouble() < wave.badDebtShare()
                        ? usd * (0.02 + 0.18 * chain.nextDouble()) : null;
                emitDefi(venue, asset, usd, blockTime, block, logIndex, badDebt);
            }
        }
    }

    private void whale(Scenario.Whale w) {
        VenueSpec venue = venue(w.venue());
        AssetSpec asset = asset(w.asset());
        if (venue.type() == VenueType.DEFI) {
            emitDefi(venue, asset.symbol(), w.usd(), w.time(), FIRST_BLOCK, 0, null);
        } else {
            Map<String, LiquidationEvent> last = new LinkedHashMap<>();
            emitCex(venue, asset, w.usd(), w.longSide(), w.time(), last);
            out.addAll(last.values());
        }
    }

    private void flush(Scenario.Flush f) {
        VenueSpec venue = venue(f.venue());
        AssetSpec asset = asset(f.asset());
        long spacing = f.length().toMillis() / f.count();
        for (int i = 0; i < f.count(); i++) {
            Map<String, LiquidationEvent> last = new LinkedHashMap<>();
            double usd = f.usd() / f.count() * (0.5 + details.nextDouble());
            emitCex(venue, asset, usd, f.longSide(), f.start().plusMillis(i * spacing), last);
            out.addAll(last.values());
        }
    }

    private void addToMinute(Instant time, double usd) {
        cexUsdByMinute.merge(time.minusSeconds(time.getEpochSecond() % 60).minusNanos(time.getNano()), usd, Double::sum);
    }

    private void emitCex(VenueSpec venue, AssetSpec asset, double usd, boolean longSide, Instant time,
            Map<String, LiquidationEvent> lastPerInstrument) {
        trueUsd.merge(venue.name(), usd, Double::sum);
        if (inGap(venue.name(), time)) {
            return;
        }
        double price = priceAt(asset, time) * (1 + 0.0005 * details.nextGaussian());
        String instrument = venue.instrument(asset.symbol());
        LiquidationEvent e = LiquidationEvent.newBuilder()
                .setEventId(nextId(venue.name()))
                .setVenue(venue.name())
                .setVenueType(VenueType.CEX)
                .setInstrument(instrument)
                .setBaseAsset(asset.symbol())
                .setQuoteAsset(venue.name().equals("hyperliquid") ? "USDC" : "USDT")
                .setLiquidatedSide(longSide ? PositionSide.LONG : PositionSide.SHORT)
                .setPrice(price)
                .setPriceKind(venue.sampled() ? PriceKind.AVERAGE_FILL : PriceKind.BANKRUPTCY)
                .setQuantityBase(usd / price)
                .setNotionalUsd(usd)
                .setEventTime(time)
                .setReceiveTime(time.plusMillis(50 + details.nextInt(250)))
                .setSampled(venue.sampled())
                .build();
        if (venue.sampled()) {
            // A throttled feed pushes only the latest liquidation of each instrument per second.
            lastPerInstrument.put(venue.name() + '/' + instrument + '/' + time.getEpochSecond(), e);
        } else {
            out.add(e);
        }
    }

    private void emitDefi(VenueSpec venue, String asset, double usd, Instant time, long block, int logIndex, Double badDebt) {
        trueUsd.merge(venue.name(), usd, Double::sum);
        double price = priceAt(asset(asset), time);
        String txHash = "0x" + hex(chain, 32);
        out.add(LiquidationEvent.newBuilder()
                .setEventId("ethereum:" + txHash + ":" + logIndex)
                .setVenue(venue.name())
                .setVenueType(VenueType.DEFI)
                .setInstrument(venue.instrument(asset))
                .setBaseAsset(asset)
                .setQuoteAsset("USD")
                .setLiquidatedSide(PositionSide.LONG)
                .setPrice(price)
                .setPriceKind(PriceKind.ORACLE)
                .setQuantityBase(usd / price)
                .setNotionalUsd(usd)
                .setEventTime(time)
                .setReceiveTime(time.plusSeconds(2))
                .setChain("ethereum")
                .setProtocol(venue.name())
                .setTxHash(txHash)
                .setLogIndex(logIndex)
                .setBlockNumber(block)
                .setCollateralAsset(asset.equals("ETH") ? "WETH" : asset.equals("BTC") ? "WBTC" : asset)
                .setDebtAsset("USDC")
                .setBorrower("0x" + hex(chain, 20))
                .setLiquidator("0x" + hex(chain, 20))
                .setBadDebtUsd(badDebt)
                .build());
    }

    private List<OpenInterestUpdate> openInterest() {
        List<OpenInterestUpdate> updates = new ArrayList<>();
        CascadeShape cascade = scenario.cascade();
        int offset = 7;
        for (VenueSpec venue : scenario.venues()) {
            if (venue.openInterestShare() <= 0) {
                continue;
            }
            offset += 11;
            for (AssetSpec asset : scenario.assets()) {
                double base0 = asset.openInterestUsd() * venue.openInterestShare() / asset.price();
                double wander = 0;
                for (Instant t = scenario.start().plusSeconds(offset); t.isBefore(scenario.end()); t = t.plusSeconds(60)) {
                    wander = 0.98 * wander + 0.0004 * interest.nextGaussian();
                    double progress = cascade == null ? 0 : cascade.progress(t);
                    double base = base0 * (1 - asset.openInterestDrop() * progress) * (1 + wander);
                    double factor = venue.sidedness() == Sidedness.TWO_SIDED ? 2 : 1;
                    updates.add(OpenInterestUpdate.newBuilder()
                            .setVenue(venue.name())
                            .setInstrument(venue.instrument(asset.symbol()))
                            .setBaseAsset(asset.symbol())
                            .setOpenInterestBase(base * factor)
                            .setOpenInterestUsd(base * factor * priceAt(asset, t))
                            .setSidedness(venue.sidedness())
                            .setEventTime(t)
                            .build());
                }
            }
        }
        updates.sort(Comparator.comparing(OpenInterestUpdate::getEventTime));
        return updates;
    }

    /** Each perpetual venue's mark price of each asset once a minute: the asset's price path, no extra noise. */
    private List<PriceUpdate> markPrices() {
        List<PriceUpdate> marks = new ArrayList<>();
        int offset = 3;
        for (VenueSpec venue : scenario.venues()) {
            if (venue.openInterestShare() <= 0) {
                continue;
            }
            offset += 7;
            for (AssetSpec asset : scenario.assets()) {
                for (Instant t = scenario.start().plusSeconds(offset); t.isBefore(scenario.end()); t = t.plusSeconds(60)) {
                    marks.add(PriceUpdate.newBuilder()
                            .setVenue(venue.name())
                            .setInstrument(venue.instrument(asset.symbol()))
                            .setBaseAsset(asset.symbol())
                            .setPrice(priceAt(asset, t))
                            .setPriceKind(PriceKind.MARK)
                            .setEventTime(t)
                            .build());
                }
            }
        }
        marks.sort(Comparator.comparing(PriceUpdate::getEventTime));
        return marks;
    }

    private List<FeedHealth> feedHealth() {
        List<FeedHealth> health = new ArrayList<>();
        for (VenueSpec venue : scenario.venues()) {
            health.add(FeedHealth.newBuilder().setVenue(venue.name()).setChannel(FeedGaps.LIQUIDATIONS_CHANNEL)
                    .setState(FeedState.CONNECTED).setEventTime(scenario.start()).build());
        }
        for (Scenario.FeedGap gap : scenario.gaps()) {
            health.add(FeedHealth.newBuilder().setVenue(gap.venue()).setChannel(FeedGaps.LIQUIDATIONS_CHANNEL)
                    .setState(FeedState.GAP).setGapStart(gap.start()).setEventTime(gap.start())
                    .setDetail("connection lost").build());
            health.add(FeedHealth.newBuilder().setVenue(gap.venue()).setChannel(FeedGaps.LIQUIDATIONS_CHANNEL)
                    .setState(FeedState.RECOVERED).setGapStart(gap.start()).setGapEnd(gap.end()).setEventTime(gap.end())
                    .setDetail("reconnected; liquidations in the gap are lost").build());
        }
        health.sort(Comparator.comparing(FeedHealth::getEventTime));
        return health;
    }

    /** Per asset and minute: the start price, down by the drawdown as the cascade runs, half recovered by its end, with noise. */
    private double[][] pricePaths(SplittableRandom random) {
        int minutes = (int) Duration.between(scenario.start(), scenario.end()).toMinutes() + 1;
        double[][] paths = new double[scenario.assets().size()][minutes];
        CascadeShape cascade = scenario.cascade();
        for (int a = 0; a < paths.length; a++) {
            AssetSpec asset = scenario.assets().get(a);
            double walk = 0;
            for (int m = 0; m < minutes; m++) {
                walk = 0.995 * walk + 0.0008 * random.nextGaussian();
                Instant t = scenario.start().plusSeconds(60L * m);
                paths[a][m] = asset.price() * (1 - asset.drawdown() * drawdown(cascade, t)) * Math.exp(walk);
            }
        }
        return paths;
    }

    private static double drawdown(CascadeShape c, Instant t) {
        if (c == null) {
            return 0;
        }
        Instant low = c.peakMinute().plus(Duration.ofMinutes(5));
        if (t.isBefore(low)) {
            return c.progress(t) / Math.max(c.progress(low), 1e-9);
        }
        double recovered = Math.min(1.0, Duration.between(low, t).toSeconds() / (double) Duration.between(low, c.tailEnd()).toSeconds());
        return 1 - 0.5 * recovered;
    }

    private double priceAt(AssetSpec asset, Instant t) {
        int a = scenario.assets().indexOf(asset);
        int m = (int) Math.max(0, Math.min(prices[a].length - 1, Duration.between(scenario.start(), t).toMinutes()));
        return prices[a][m];
    }

    private boolean inGap(String venue, Instant t) {
        for (Scenario.FeedGap gap : scenario.gaps()) {
            if (gap.venue().equals(venue) && !t.isBefore(gap.start()) && t.isBefore(gap.end())) {
                return true;
            }
        }
        return false;
    }

    private VenueSpec pick(VenueType type, boolean cascadeShares) {
        double total = 0;
        for (VenueSpec v : scenario.venues()) {
            total += weight(v, type, cascadeShares);
        }
        double x = details.nextDouble() * total;
        VenueSpec chosen = null;
        for (VenueSpec v : scenario.venues()) {
            double w = weight(v, type, cascadeShares);
            if (w > 0) {
                chosen = v;
                x -= w;
                if (x < 0) {
                    break;
                }
            }
        }
        return chosen;
    }

    /** In calm times every perpetual venue takes part in proportion to its open interest; the cascade follows the CEX shares. */
    private static double weight(VenueSpec v, VenueType type, boolean cascadeShares) {
        if (v.type() != type) {
            return 0;
        }
        return type == VenueType.CEX && !cascadeShares ? v.openInterestShare() : v.share();
    }

    private AssetSpec pickAsset() {
        double x = details.nextDouble() * scenario.assets().stream().mapToDouble(AssetSpec::weight).sum();
        for (AssetSpec a : scenario.assets()) {
            x -= a.weight();
            if (x < 0) {
                return a;
            }
        }
        return scenario.assets().get(scenario.assets().size() - 1);
    }

    private VenueSpec venue(String name) {
        return scenario.venues().stream().filter(v -> v.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no venue " + name + " in " + scenario.name()));
    }

    private AssetSpec asset(String symbol) {
        return scenario.assets().stream().filter(a -> a.symbol().equals(symbol)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no asset " + symbol + " in " + scenario.name()));
    }

    private String nextId(String venue) {
        long n = counters.merge(venue, 1L, Long::sum);
        return venue + ":sim-" + seed + "-" + n;
    }

    /** A gentle daily rhythm: liquidations run about 20% above average in the US afternoon and below it at night. */
    private static double season(Instant t) {
        double hour = (t.getEpochSecond() % 86_400) / 3600.0;
        return 1 + 0.2 * Math.sin(2 * Math.PI * (hour - 12) / 24);
    }

    static int poisson(SplittableRandom random, double lambda) {
        if (lambda <= 0) {
            return 0;
        }
        if (lambda > 30) {
            return (int) Math.max(0, Math.round(lambda + Math.sqrt(lambda) * random.nextGaussian()));
        }
        double limit = Math.exp(-lambda);
        double p = random.nextDouble();
        int k = 0;
        while (p > limit) {
            p *= random.nextDouble();
            k++;
        }
        return k;
    }

    private static double logNormal(SplittableRandom random, double median, double sigma) {
        return median * Math.exp(sigma * random.nextGaussian());
    }

    private static String hex(SplittableRandom random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
