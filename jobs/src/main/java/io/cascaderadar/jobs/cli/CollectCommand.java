package io.cascaderadar.jobs.cli;

import io.cascaderadar.connectors.chain.ChainFollower;
import io.cascaderadar.connectors.chain.ChainRpc;
import io.cascaderadar.connectors.chain.ChainSpec;
import io.cascaderadar.connectors.feed.Backoff;
import io.cascaderadar.jobs.collect.Collector;
import io.cascaderadar.jobs.collect.CollectorSink;
import io.cascaderadar.jobs.collect.JsonlCollectorSink;
import io.cascaderadar.jobs.collect.KafkaCollectorSink;
import io.cascaderadar.jobs.collect.RawRecorder;
import io.cascaderadar.jobs.collect.VenueFeeds;
import io.cascaderadar.jobs.config.RadarSettings;
import io.cascaderadar.jobs.live.TopicSetup;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.util.TimeUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code radar collect}: the venues' live feeds into the input topics, or into JSON lines to look at. */
@Command(name = "collect", mixinStandardHelpOptions = true,
        description = {"Collects live liquidations, open interest and feed health from the venues' public feeds, and the "
                + "lending protocols' liquidations from chains.",
                "Publishes to the input topics (settings as for run: --config and RADAR_* variables), or writes JSON lines."})
public final class CollectCommand implements Callable<Integer> {

    @Option(names = "--venues", split = ",", paramLabel = "VENUE",
            description = "Venues: binance-usdm, binance-coinm, bybit, bybit-inverse, okx, bitmex, deribit, hyperliquid.")
    List<String> venues = new ArrayList<>();

    @Option(names = "--symbols", split = ",", defaultValue = "BTC,ETH,SOL,XRP,DOGE", paramLabel = "ASSET",
            description = "Assets for the venues subscribed per instrument (default: ${DEFAULT-VALUE}).")
    List<String> assets;

    @Option(names = "--endpoint", paramLabel = "VENUE=URL", description = "Replaces a venue's stream endpoint "
            + "(ws:// or wss://) or REST base (http:// or https://); repeatable.")
    List<String> endpoints = new ArrayList<>();

    @Option(names = "--hyperliquid-wallets", split = ",", paramLabel = "ADDRESS", description = "Wallets whose fills give "
            + "Hyperliquid's liquidations (its public feed has no market-wide liquidations; README: Venue feeds).")
    List<String> hyperliquidWallets = new ArrayList<>();

    @Option(names = "--silent-window", defaultValue = "5m", paramLabel = "D", description = "A liquidation feed without "
            + "a liquidation for this long while the others liquidate --silent-min-usd is flagged SILENT (default: ${DEFAULT-VALUE}).")
    String silentWindow;

    @Option(names = "--silent-min-usd", defaultValue = "5000000", paramLabel = "USD",
            description = "What the other venues must liquidate in --silent-window (default: ${DEFAULT-VALUE}).")
    double silentMinUsd;

    @Option(names = "--reload-listings-after", defaultValue = "1m", paramLabel = "D", description = "A message naming an "
            + "instrument unknown to its venue's listing has the listing loaded again, if loaded longer ago than this (default: ${DEFAULT-VALUE}).")
    String reloadListingsAfter;

    @Option(names = "--sink", defaultValue = "kafka", paramLabel = "kafka|jsonl:FILE",
            description = "kafka (default): the input topics; jsonl:FILE: one record per line, dead letters in FILE.dead-letter.jsonl.")
    String sink;

    @Option(names = "--record", paramLabel = "DIR", description = "Also write every frame as received to DIR/VENUE.jsonl, "
            + "for replay --raw.")
    Path record;

    @Option(names = "--config", paramLabel = "FILE", description = "A settings file (README: Settings).")
    Path config;

    @Option(names = "--max-events", paramLabel = "N", description = "Stop after N liquidations and open-interest figures.")
    long maxEvents;

    @Option(names = "--duration", paramLabel = "D", description = "Stop after this long: 30s, 10m, 2h.")
    String duration;

    @Option(names = "--chains", split = ",", paramLabel = "CHAIN", description = "Chains whose lending protocols' "
            + "liquidations to follow (configured: ethereum), behind the head by their confirmations.")
    List<String> chains = new ArrayList<>();

    @Option(names = "--from-block", paramLabel = "N", description = "Where a chain without a cursor starts (default: its "
            + "safe head); with a cursor, the cursor decides.")
    Long fromBlock;

    @Option(names = "--chain-poll", defaultValue = "4s", paramLabel = "D",
            description = "How often a chain at its head is asked for new blocks (default: ${DEFAULT-VALUE}).")
    String chainPoll;

    @Mixin
    ChainOptions chainOptions;

    @Override
    public Integer call() throws Exception {
        if (venues.isEmpty() && chains.isEmpty()) {
            throw new IllegalArgumentException("nothing to collect: --venues, --chains, or both");
        }
        var feeds = new VenueFeeds(VenueFeeds.endpoints(endpoints), hyperliquidWallets).feeds(venues, assets);
        List<ChainRpc> clients = new ArrayList<>();
        try (CollectorSink out = sink(sink, config); RawRecorder recorder = record == null ? RawRecorder.NONE : RawRecorder.toDirectory(record)) {
            List<ChainFollower> followers = new ArrayList<>();
            for (String chain : chains) {
                ChainSpec spec = chainOptions.spec(chain);
                ChainRpc rpc = chainOptions.rpc();
                clients.add(rpc);
                followers.add(chainOptions.follower(spec, rpc, chain, fromBlock, null));
            }
            List<String> sources = new ArrayList<>();
            if (!venues.isEmpty()) {
                sources.add(feeds.size() + " feeds of " + String.join(", ", venues));
            }
            if (!chains.isEmpty()) {
                sources.add("chains " + String.join(", ", chains));
            }
            System.err.printf("radar collect: %s; to %s%n", String.join("; ", sources), sink);
            Collector collector = new Collector(feeds, followers, out, recorder, Backoff.DEFAULT, new Collector.Settings(
                    TimeUtils.parseDuration(silentWindow), silentMinUsd, TimeUtils.parseDuration(reloadListingsAfter),
                    TimeUtils.parseDuration(chainPoll)));
            Collector.Counts counts = runStoppable(collector, maxEvents, duration == null ? null : TimeUtils.parseDuration(duration));
            if (counts == null) {
                System.err.println("radar collect: stopped");
                return 0;
            }
            System.out.printf("%,d liquidations, %,d open-interest figures, %,d feed-health records, %,d dead letters, "
                    + "%,d liquidations skipped as repeated on subscribing, %,d retracted after reorgs%n", counts.liquidations(),
                    counts.openInterest(), counts.feedHealth(), counts.deadLetters(), counts.repeatsSkipped(), counts.retractions());
            return 0;
        } finally {
            clients.forEach(ChainRpc::close);
        }
    }

    /**
     * Runs the collector until it stops by itself (null when interrupted): Ctrl-C stops the sources and lets the sink
     * flush what it holds before the JVM exits.
     */
    static Collector.Counts runStoppable(Collector collector, long maxEvents, Duration limit) throws IOException {
        Thread main = Thread.currentThread();
        Thread stop = new Thread(() -> {
            main.interrupt();
            try {
                main.join(30_000);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "collect-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            return collector.run(maxEvents, limit);
        } catch (InterruptedException stopped) {
            return null;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException exiting) {
                // the JVM is shutting down: the hook is what stopped us
            }
        }
    }

    /** {@code kafka}: the input topics (settings from {@code config} and RADAR_*), or {@code jsonl:FILE}. */
    static CollectorSink sink(String sink, Path config) throws Exception {
        if (sink.startsWith("jsonl:")) {
            return new JsonlCollectorSink(Path.of(sink.substring("jsonl:".length())));
        }
        if (!sink.equals("kafka")) {
            throw new IllegalArgumentException("--sink " + sink + ": kafka or jsonl:FILE");
        }
        RadarSettings settings = RadarSettings.load(config);
        TopicSetup.ensure(settings);
        return new KafkaCollectorSink(settings);
    }
}
