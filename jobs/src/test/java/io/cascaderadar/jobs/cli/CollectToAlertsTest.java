package io.cascaderadar.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cascaderadar.avro.AlertPattern;
import io.cascaderadar.avro.AlertState;
import io.cascaderadar.avro.DeleveragingAlert;
import io.cascaderadar.connectors.chain.ChainEvent;
import io.cascaderadar.connectors.testing.LocalChain;
import io.cascaderadar.connectors.testing.LocalWebSocketServer;
import io.cascaderadar.jobs.config.RadarSettings;
import io.cascaderadar.jobs.live.AlertReader;
import io.cascaderadar.jobs.testing.Flink;
import io.cascaderadar.jobs.testing.KafkaTopics;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on the real stack: a local server speaking Bybit's v5 stream sends an hour and a half of ordinary
 * liquidations on BTC and ETH, then fifteen minutes of forced selling; {@code radar collect} publishes what it
 * decodes to Kafka, {@code radar run --to-latest} detects on it, and the alerts topic holds the cascade. With the
 * stack's Ethereum node, on-chain liquidations after the cascade are contagion.
 */
class CollectToAlertsTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = Flink.miniCluster();

    @TempDir
    Path dir;

    /** A batch of Bybit's allLiquidation feed: the rows of one 10-second step of one asset. */
    private record Batch(String message, int rows) {}

    /**
     * Bybit's allLiquidation batches for BTC and ETH over {@code minutes} from {@code start}, step by step, the assets
     * of a step together, as a venue sends them: one ordinary liquidation a minute, and from minute {@code burstFrom}
     * to {@code burstTo} 90 a minute of 600,000 USD each, all longs.
     */
    private static List<Batch> bybitBatches(Instant start, int minutes, int burstFrom, int burstTo) {
        List<Batch> batches = new ArrayList<>();
        for (int step = 0; step < 6 * minutes; step++) {
            for (String asset : List.of("BTC", "ETH")) {
                double price = asset.equals("BTC") ? 60_000 : 3_000;
                boolean burst = step >= 6 * burstFrom && step < 6 * burstTo;
                int rows = burst ? 15 : step % 6 == 0 ? 1 : 0;
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
        return batches;
    }

    /** Serves the batches as Bybit's linear stream to {@code radar collect}, which publishes them to Kafka. */
    private static void collectFromBybit(List<Batch> batches, Path config) throws Exception {
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
            // Longer than the producer's delivery timeout (Kafka's default, 120 s): a final flush that hangs then ends
            // with Kafka's reason on stderr instead of this wait's timeout (it did twice, unexplained).
            assertThat(collect.get(150, TimeUnit.SECONDS)).isZero();
        }
    }

    @Test
    void aCascadeOnTheVenuesFeedBecomesAnAlert() throws Exception {
        Path config = KafkaTopics.settingsFile(dir, "collect");
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(3, ChronoUnit.HOURS);
        collectFromBybit(bybitBatches(start, 120, 90, 105), config);
        assertThat(RadarCli.execute("run", "--config", config.toString(), "--to-latest", "--parallelism", "2")).isZero();

        List<DeleveragingAlert> alerts;
        try (AlertReader reader = new AlertReader(RadarSettings.load(config, Map.of()))) {
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

    /**
     * Anvil standing in for mainnet, after a CEX cascade: {@code radar collect} publishes the CEX liquidations from a
     * local Bybit stream, then {@code radar collect --chains} the Aave liquidations in the node's blocks (quiet, then a
     * burst, in blocks whose times the test sets), written as a live collector writes them: minutes behind the CEX
     * events of the same asset. Under the default settings, {@code radar run --to-latest} takes them in within the
     * allowed lateness, amending the DeFi windows, and raises CEX-to-DeFi contagion.
     */
    @Test
    void aCexCascadeFollowedByOnChainLiquidationsMinutesBehindIsContagion() throws Exception {
        Path config = KafkaTopics.settingsFile(dir, "contagion");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        // The cascade from now to now + 15 min; the CEX feed goes on until now + 40 min.
        collectFromBybit(bybitBatches(now.minus(90, ChronoUnit.MINUTES), 130, 90, 105), config);

        LocalChain chain = LocalChain.ofTestStack();
        String pool = "0x87870bca3f3fd6335c3f4ce8392d69350b4fa4e2";
        chain.standInForMainnet(List.of(pool));
        Path chains = dir.resolve("chains.json");
        Files.writeString(chains, """
                {"ethereum": {"chainId": 1, "confirmations": 0, "markOracle": "%1$s",
                  "deployments": [{"protocol": "aave-v3", "address": "%2$s", "oracle": "%1$s", "events": ["LIQUIDATION_CALL"]}]}}"""
                .formatted(LocalChain.AAVE_ORACLE, pool));
        long fromBlock = chain.blockNumber() + 1;
        int events = 0;
        // Quiet: one 5,000 USD liquidation a minute from now + 30 min; then 50 of 400,000 USD from now + 38 min. All
        // within the allowed lateness of the CEX feed's last event: whether a watermark from the whole CEX feed is
        // out before they are read depends on timing, and what came later than that would be dropped.
        for (int i = 0; i < 8; i++) {
            chain.emitAt(now.plus(30 + i, ChronoUnit.MINUTES), pool, List.of(aaveLiquidation(events++, 5_000)));
        }
        Instant burst = now.plus(38, ChronoUnit.MINUTES);
        for (int block = 0; block < 10; block++) {
            List<LocalChain.Emitted> logs = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                logs.add(aaveLiquidation(events++, 400_000));
            }
            chain.emitAt(burst.plusSeconds(24L * block), pool, logs);
        }
        assertThat(RadarCli.execute("collect", "--chains", "ethereum", "--rpc-url", chain.url().toString(),
                "--chain-config", chains.toString(), "--cursor-dir", dir.resolve("cursors").toString(),
                "--from-block", Long.toString(fromBlock), "--config", config.toString(), "--max-events", Integer.toString(events),
                "--duration", "120s")).isZero();

        assertThat(RadarCli.execute("run", "--config", config.toString(), "--to-latest", "--parallelism", "2")).isZero();
        List<DeleveragingAlert> alerts;
        try (AlertReader reader = new AlertReader(RadarSettings.load(config, Map.of()))) {
            alerts = reader.readCommitted().stream()
                    .filter(a -> a.getEvidence().getPatterns().contains(AlertPattern.CEX_DEFI_CONTAGION)).toList();
        }
        assertThat(alerts).as("the DeFi burst after the CEX cascade is contagion").isNotEmpty()
                .allSatisfy(a -> assertThat(a.getDetectedAt()).as("seen once the on-chain burst began")
                        .isAfterOrEqualTo(burst));
    }

    /** An Aave v3 LiquidationCall seizing {@code usd} of WETH (3,000 USD) from borrower {@code n} for USDC. */
    private static LocalChain.Emitted aaveLiquidation(int n, double usd) {
        BigInteger seized = new BigDecimal(usd / 3000).movePointRight(18).toBigInteger();
        return new LocalChain.Emitted(List.of(ChainEvent.LIQUIDATION_CALL.topic0(), "0x" + LocalChain.addressWord(LocalChain.WETH),
                "0x" + LocalChain.addressWord(LocalChain.USDC), "0x" + LocalChain.word(BigInteger.valueOf(0x1000 + n))),
                LocalChain.word(BigInteger.valueOf((long) usd * 1_000_000)) + LocalChain.word(seized) + LocalChain.word(BigInteger.TEN)
                        + LocalChain.word(BigInteger.ZERO));
    }
}
