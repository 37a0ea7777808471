package io.cascaderadar.jobs.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascaderadar.connectors.testing.WireFixtures;
import io.cascaderadar.connectors.validation.RejectReason;
import io.cascaderadar.jobs.config.DetectorConfig;
import io.cascaderadar.jobs.testing.Flink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code replay --raw}: recorded wire messages through the collector's decoders and the detector. */
class RawReplayTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final MiniClusterExtension FLINK = Flink.miniCluster();

    @TempDir
    Path dir;

    @Test
    void recordedWireMessagesAreDecodedAsTheCollectorDoesAndTheRestBecomesDeadLetters() throws Exception {
        List<String> bybit = WireFixtures.messages("bybit");
        List<String> lines = new ArrayList<>();
        long receiveTime = 1740480207600L;
        for (String message : bybit) {
            // as a collector records them: the message and when it came
            lines.add("{\"receiveTime\":" + receiveTime + ",\"message\":" + message + "}");
        }
        lines.add("""
                {"topic":"tickers.PIPPINUSDT","type":"snapshot","ts":1740480208000,"data":{"symbol":"PIPPINUSDT","openInterest":"1200000"}}""");
        Path bybitFile = Files.write(dir.resolve("bybit.jsonl"), lines);
        Path binanceFile = Files.write(dir.resolve("binance.jsonl"), WireFixtures.messages("binance futures"));
        long allLiquidation = bybit.stream().filter(m -> m.contains("allLiquidation.")).count();
        long retired = bybit.size() - allLiquidation;
        Path out = dir.resolve("out");

        ReplaySummary summary = Replay.run(new Replay.Options(List.of(), List.of(), List.of(),
                List.of("bybit:" + bybitFile, "binance-usdm:" + binanceFile), out, 1, false, "raw", null), DetectorConfig.replay());

        assertThat(summary.liquidations().records()).as("Bybit's allLiquidation rows and Binance's forceOrder")
                .isEqualTo(allLiquidation + 1);
        assertThat(summary.duplicates()).as("the recorded file repeats one allLiquidation message").isEqualTo(allLiquidation - 1);
        assertThat(summary.openInterest().records()).isEqualTo(1);
        assertThat(summary.rejected()).containsEntry(RejectReason.MALFORMED_MESSAGE, retired);
        List<JsonNode> deadLetters = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve(ReplayOutputs.DEAD_LETTERS))) {
            deadLetters.add(JSON.readTree(line));
        }
        assertThat(deadLetters).hasSize((int) retired).allSatisfy(d -> {
            assertThat(d.get("reason").asText()).isEqualTo("MALFORMED_MESSAGE");
            assertThat(d.get("source").asText()).matches(".*bybit\\.jsonl:\\d+");
            assertThat(d.get("input").asText()).contains("\"liquidation.");
        });
        assertThat(summary.liquidations().first()).isEqualTo(java.time.Instant.ofEpochMilli(1584059031421L));
    }
}
