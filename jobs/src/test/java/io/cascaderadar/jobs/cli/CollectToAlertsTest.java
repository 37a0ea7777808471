package io.cascaderadar.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascaderadar.avro.AlertState;
import io.cascaderadar.avro.DeleveragingAlert;
import io.cascaderadar.connectors.testing.LocalWebSocketServer;
import io.cascaderadar.jobs.config.RadarSettings;
import io.cascaderadar.jobs.live.AlertReader;
import io.cascaderadar.jobs.testing.Flink;
import io.cascaderadar.jobs.testing.KafkaTopics;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on the real stack: a local server speaking Bybit's v5 stream sends an hour and a half of ordinary
 * liquidations on BTC and ETH, then fifteen minutes of forced selling; {@code radar collect} publishes what it
 * decodes to Kafka, {@code radar run --to-latest} detects on it, and the alerts topic holds the cascade.
 */
class CollectToAlertsTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = Flink.miniCluster();

    @TempDir
    Path dir;

    /** A batch of Bybit's allLiquidation feed: the rows of one 10-second step of one asset. */
    private record Batch(String message, int rows) {}

    @Test
    void aCascadeOnTheVenuesFeedBecomesAnAlert() throws Exception {
        Path config = KafkaTopics.settingsFile(dir, "collect");
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(3, ChronoUnit.HOURS);
        List<Batch> batches = new ArrayList<>();
        // As a venue sends them: step by step, the assets of a step together.
        for (int step = 0; step < 6 * 120; step++) {
            for (String asset : List.of("BTC", "ETH")) {
                double price = asset.equals("BTC") ? 60_000 : 3_000;
                boolean burst = step >= 6 * 90 && step < 6 * 105;
                int rows = burst ? 15 : step % 6 == 0 ? 1 : 0; // ordinary: one every minute; the burst: 90 a minute
                double usd = burst ? 600_000 : 20_000;
                StringBuilder data = new StringBuilder();
                for (int i = 0; i < rows; i++) {
                    long time = start.plusSeconds(10L * step).toEpochMilli() + i * 500L;
                    String side = burst || (step / 6) % 2 == 0 ? "Buy" : "Sell";
                    data.append(data.isEmpty() ? "" : ",").append(String.format(Locale.ROOT,
                            "{\"T\":%d,\"s\":\"%sUSDT\",\"S\":\"%s\",\"v\":\"%.6f\",\"p\":\"%.1f\"}", time, asset, side, usd / price, price));
                }
                if (rows > 0) {
                    batches.add(new Batch(String.format(Locale.ROOT,
                            "{\"topic\":\"allLiquidation.%sUSDT\",\"type\":\"snapshot\",\"ts\":%d,\"data\":[%s]}",
                            asset, start.plusSeconds(10L * step + 10).toEpochMilli(), data), rows));
                }
            }
        }
        int events = batches.stream().mapToInt(Batch::rows).sum();

        try (LocalWebSocketServer bybit = new LocalWebSocketServer()) {
            bybit.answerPings("{\"op\":\"ping\"}", "{\"success\":true,\"ret_msg\":\"pong\",\"op\":\"ping\"}");
            CompletableFuture<Integer> collect = CompletableFuture.supplyAsync(() -> RadarCli.execute("collect",
                    "--venues", "bybit", "--symbols", "BTC,ETH", "--endpoint", "bybit=" + bybit.uri(),
                    "--config", config.toString(), "--max-events", Integer.toString(events), "--duration", "120s"));
            for (int session = 0; session < 2; session++) {
                LocalWebSocketServer.Session feed = bybit.awaitSession(30);
                if (feed.nextReceived(10).contains("allLiquidation.")) {
                    for (Batch batch : batches) {
                        feed.send(batch.message());
                    }
                }
            }
            assertThat(collect.get(120, TimeUnit.SECONDS)).isZero();
        }

        assertThat(RadarCli.execute("run", "--config", config.toString(), "--to-latest", "--parallelism", "2")).isZero();

        List<DeleveragingAlert> alerts;
        try (AlertReader reader = new AlertReader(RadarSettings.load(config, java.util.Map.of()))) {
            alerts = reader.readCommitted();
        }
        assertThat(alerts).as("the cascade raised alerts").isNotEmpty();
        Instant burstStart = start.plus(90, ChronoUnit.MINUTES);
        Instant burstEnd = burstStart.plus(15, ChronoUnit.MINUTES);
        assertThat(alerts).filteredOn(a -> a.getState() == AlertState.OPEN).isNotEmpty()
                .allSatisfy(a -> assertThat(a.getDetectedAt()).as("opened as the burst began")
                        .isBetween(burstStart, burstStart.plus(2, ChronoUnit.MINUTES)));
        assertThat(alerts).filteredOn(a -> a.getState() == AlertState.RESOLVED).isNotEmpty()
                .allSatisfy(a -> {
                    assertThat(a.getDetectedAt()).as("resolved once the burst was over").isAfter(burstEnd);
                    assertThat(a.getEvidence().getAssets()).containsExactlyInAnyOrder("BTC", "ETH");
                });
    }
}
