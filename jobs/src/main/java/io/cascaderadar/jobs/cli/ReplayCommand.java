package io.cascaderadar.jobs.cli;

import io.cascaderadar.connectors.influxdb.InfluxConfig;
import io.cascaderadar.connectors.influxdb.InfluxSchema;
import io.cascaderadar.jobs.config.DetectorConfig;
import io.cascaderadar.jobs.replay.Replay;
import io.cascaderadar.jobs.replay.ReplaySummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code radar replay}: recorded history through the detector, event-time exact. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replays normalized history files (CSV, gzip accepted), or recorded wire messages, through the detector.")
public final class ReplayCommand implements Callable<Integer> {

    @Option(names = "--liquidations", split = ",", paramLabel = "FILE",
            description = "Liquidation CSV files (README: Input files).")
    List<Path> liquidations = new ArrayList<>();

    @Option(names = "--open-interest", split = ",", paramLabel = "FILE", description = "Open-interest CSV files.")
    List<Path> openInterest = new ArrayList<>();

    @Option(names = "--feed-health", split = ",", paramLabel = "FILE", description = "Feed-health CSV files.")
    List<Path> feedHealth = new ArrayList<>();

    @Option(names = "--prices", split = ",", paramLabel = "FILE", description = "Prices CSV files (mark, index or"
            + " kline prices, e.g. from `radar import binance-klines`): each asset's price, change and drawdown per minute"
            + " beside the signals.")
    List<Path> prices = new ArrayList<>();

    @Option(names = "--raw", paramLabel = "VENUE:FILE", description = "Recorded wire messages of a venue (binance-usdm, "
            + "bybit, deribit, hyperliquid), one per line, or {\"receiveTime\", \"message\"}; repeatable.")
    List<String> raw = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--parallelism", description = "Flink parallelism (default: the number of cores).")
    int parallelism = Runtime.getRuntime().availableProcessors();

    @Option(names = "--quiet", description = "Do not print alerts as they fire.")
    boolean quiet;

    @Mixin
    InfluxOptions influx;

    @Override
    public Integer call() throws Exception {
        if (liquidations.isEmpty() && raw.isEmpty()) {
            throw new IllegalArgumentException("give --liquidations files or --raw recordings");
        }
        InfluxConfig influxConfig = influx.fromEnvironment().orElse(null);
        String name = liquidations.isEmpty() ? raw.get(0) : liquidations.get(0).getFileName().toString();
        ReplaySummary summary = Replay.run(new Replay.Options(liquidations, openInterest, feedHealth, raw, out,
                parallelism, !quiet, "cascade-radar replay of " + name, influxConfig, prices),
                DetectorConfig.replay());
        summary.print(System.out);
        if (influxConfig != null) {
            System.out.println(InfluxOptions.describe(influxConfig, InfluxSchema.Target.REPLAY));
        }
        return 0;
    }
}
