package io.cascaderadar.jobs.cli;

import io.cascaderadar.jobs.config.RadarSettings;
import io.cascaderadar.jobs.live.HistoryPublisher;
import io.cascaderadar.jobs.live.TopicSetup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code radar publish}: normalized history files to the input topics. */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = "Publishes normalized history files (CSV, gzip accepted) to the input topics, sorted by event time, "
                + "keyed by asset; rejected rows go to the dead-letter topic.")
public final class PublishCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "A settings file (README: Settings).")
    Path config;

    @Option(names = "--liquidations", split = ",", paramLabel = "FILE", description = "Liquidation CSV files.")
    List<Path> liquidations = new ArrayList<>();

    @Option(names = "--open-interest", split = ",", paramLabel = "FILE", description = "Open-interest CSV files.")
    List<Path> openInterest = new ArrayList<>();

    @Option(names = "--feed-health", split = ",", paramLabel = "FILE", description = "Feed-health CSV files.")
    List<Path> feedHealth = new ArrayList<>();

    @Option(names = "--prices", split = ",", paramLabel = "FILE", description = "Prices CSV files (to the prices topic).")
    List<Path> prices = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (liquidations.isEmpty() && openInterest.isEmpty() && feedHealth.isEmpty() && prices.isEmpty()) {
            throw new IllegalArgumentException("nothing to publish: give --liquidations, --open-interest, --feed-health or --prices");
        }
        RadarSettings settings = RadarSettings.load(config);
        TopicSetup.ensure(settings);
        try (HistoryPublisher publisher = new HistoryPublisher(settings)) {
            publisher.liquidations(liquidations);
            publisher.openInterest(openInterest);
            publisher.feedHealth(feedHealth);
            publisher.prices(prices);
            HistoryPublisher.Counts counts = publisher.finish();
            counts.published().forEach((topic, n) -> System.out.printf("%,d records to %s%n", n, topic));
            if (counts.rejected() > 0) {
                System.out.printf("%,d rows rejected, to %s%n", counts.rejected(), settings.topics().deadLetter());
            }
        }
        return 0;
    }
}
