package io.cascaderadar.jobs.collect;

import static io.cascaderadar.connectors.testing.LocalChain.addressWord;
import static io.cascaderadar.connectors.testing.LocalChain.word;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cascaderadar.connectors.chain.ChainEvent;
import io.cascaderadar.connectors.chain.ChainSpec;
import io.cascaderadar.connectors.testing.LocalChain;
import io.cascaderadar.jobs.cli.RadarCli;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code radar collect --chains} and {@code radar backfill} against the stack's Anvil node standing in for mainnet:
 * a collector stopped after a range and started again reads every liquidation once; a backfill of the same blocks
 * reads the same ones.
 */
class ChainCollectTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POOL = "0x87870bca3f3fd6335c3f4ce8392d69350b4fa4e2";

    @TempDir
    Path dir;

    private static List<String> ids(Path file) throws Exception {
        List<String> ids = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            JsonNode record = JSON.readTree(line);
            if (record.has("liquidatedSide")) {
                ids.add(record.get("eventId").asText());
            }
        }
        return ids;
    }

    @Test
    void aCollectorStoppedAndStartedAgainReadsEveryLiquidationOnceAndABackfillTheSame() throws Exception {
        LocalChain chain = LocalChain.ofTestStack();
        chain.standInForMainnet(ChainSpec.defaults().get("ethereum").addresses());
        Path config = dir.resolve("chains.json");
        Files.writeString(config, """
                {"ethereum": {"chainId": 1, "confirmations": 2, "markOracle": "%s",
                  "deployments": [{"protocol": "aave-v3", "address": "%s", "oracle": "%s", "events": ["LIQUIDATION_CALL"]}]}}"""
                .formatted(LocalChain.AAVE_ORACLE, POOL, LocalChain.AAVE_ORACLE));
        long start = chain.blockNumber() + 1;
        List<String> txs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            txs.add(chain.emit(POOL, List.of(ChainEvent.LIQUIDATION_CALL.topic0(), "0x" + addressWord(LocalChain.WETH),
                    "0x" + addressWord(LocalChain.USDC), "0x" + word(BigInteger.valueOf(0xe0 + i))),
                    word(BigInteger.valueOf(3_000_000_000L)) + word(new BigInteger("1000000000000000000")) + word(BigInteger.TEN)
                            + word(BigInteger.ZERO)));
        }
        long end = chain.blockNumber();
        chain.mine(2);
        List<String> common = List.of("--rpc-url", chain.url().toString(), "--chain-config", config.toString(),
                "--cursor-dir", dir.resolve("cursors").toString());

        List<String> first = new ArrayList<>(List.of("collect", "--chains", "ethereum", "--from-block", Long.toString(start),
                "--chunk-blocks", "1", "--chain-poll", "200ms", "--duration", "60s"));
        first.addAll(common);
        List<String> second = new ArrayList<>(first);
        first.addAll(List.of("--sink", "jsonl:" + dir.resolve("first.jsonl"), "--max-events", "1"));
        second.addAll(List.of("--sink", "jsonl:" + dir.resolve("second.jsonl"), "--max-events", "2"));
        assertThat(RadarCli.execute(first.toArray(String[]::new))).isZero();
        assertThat(ids(dir.resolve("first.jsonl"))).hasSize(1);
        assertThat(RadarCli.execute(second.toArray(String[]::new))).isZero();
        List<String> collected = new ArrayList<>(ids(dir.resolve("first.jsonl")));
        collected.addAll(ids(dir.resolve("second.jsonl")));
        assertThat(collected).as("each once, in chain order")
                .containsExactlyElementsOf(txs.stream().map(tx -> "ethereum:" + tx + ":0").toList());

        List<String> backfill = new ArrayList<>(List.of("backfill", "--chain", "ethereum", "--from-block", Long.toString(start),
                "--to-block", Long.toString(end), "--sink", "jsonl:" + dir.resolve("backfill.jsonl")));
        backfill.addAll(common);
        assertThat(RadarCli.execute(backfill.toArray(String[]::new))).isZero();
        assertThat(ids(dir.resolve("backfill.jsonl"))).containsExactlyElementsOf(collected);
        assertThat(RadarCli.execute(backfill.toArray(String[]::new))).as("done already: nothing again").isZero();
        assertThat(ids(dir.resolve("backfill.jsonl"))).hasSize(3);
    }
}
