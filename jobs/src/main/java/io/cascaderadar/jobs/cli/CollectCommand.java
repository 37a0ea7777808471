package io.cascaderadar.jobs.cli;

import io.cascaderadar.connectors.feed.Backoff;
import io.cascaderadar.jobs.collect.Collector;
import io.cascaderadar.jobs.collect.CollectorSink;
import io.cascaderadar.jobs.collect.JsonlCollectorSink;
import io.cascaderadar.jobs.collect.KafkaCollectorSink;
import io.cascaderadar.jobs.collect.RawRecorder;
import io.cascaderadar.jobs.collect.VenueFeeds;
import io.cascaderadar.jobs.config.RadarSettings;
import io.cascaderadar.jobs.live.TopicSetup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.util.TimeUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code radar collect}: the venues' live feeds into the input topics, or into JSON lines to look at. */
@Command(name = "collect", mixinStandardHelpOptions = true,
        description = {"Collects live liquidations, open interest and feed health from the venues' public feeds.",
                "Publishes to the input topics (settings as for run: --config and RADAR_* variables), or writes JSON lines."})
public final class CollectCommand implements Callable<Integer> {

    @Option(names = "--venues", required = true, split = ",", paramLabel = "VENUE",
            description = "Venues: binance-usdm, binance-coinm, bybit, okx, bitmex, deribit, hyperliquid.")
    List<String> venues;

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

    @Override
    public Integer call() throws Exception {
        var feeds = new VenueFeeds(VenueFeeds.endpoints(endpoints), hyperliquidWallets).feeds(venues, assets);
        Duration limit = duration == null ? null : TimeUtils.parseDuration(duration);
        Thread main = Thread.currentThread();
        // Ctrl-C stops the feeds and lets the sink flush what it holds before the JVM exits.
        Thread stop = new Thread(() -> {
            main.interrupt();
            try {
                main.join(30_000);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "collect-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        Collector.Counts counts;
        try (CollectorSink out = sink(); RawRecorder recorder = record == null ? RawRecorder.NONE : RawRecorder.toDirectory(record)) {
            System.err.printf("radar collect: %d feeds of %s, to %s%n", feeds.size(), String.join(", ", venues), sink);
            counts = new Collector(feeds, out, recorder, Backoff.DEFAULT, new Collector.Settings(
                    TimeUtils.parseDuration(silentWindow), silentMinUsd, TimeUtils.parseDuration(reloadListingsAfter))).run(maxEvents, limit);
        } catch (InterruptedException stopped) {
            System.err.println("radar collect: stopped");
            return 0;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException exiting) {
                // the JVM is shutting down: the hook is what stopped us
            }
        }
        System.out.printf("%,d liquidations, %,d open-interest figures, %,d feed-health records, %,d dead letters, "
                + "%,d liquidations skipped as repeated on subscribing%n", counts.liquidations(), counts.openInterest(),
                counts.feedHealth(), counts.deadLetters(), counts.repeatsSkipped());
        return 0;
    }

    private CollectorSink sink() throws Exception {
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
