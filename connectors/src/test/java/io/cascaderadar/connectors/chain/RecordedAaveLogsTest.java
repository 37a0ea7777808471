package io.cascaderadar.connectors.chain;

import static io.cascaderadar.connectors.testing.LocalChain.addressWord;
import static io.cascaderadar.connectors.testing.LocalChain.word;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.PositionSide;
import io.cascaderadar.connectors.testing.LocalChain;
import io.cascaderadar.connectors.testing.RecordedData;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;

/**
 * Real Aave liquidations of {@code ../shared/data/defi_onchain} (read in place) laid out as the Pool's
 * {@code LiquidationCall} logs and mapped with tokens answering on the stack's Anvil node: the v2 subgraph's raw
 * amounts come back as the reserves' scaled amounts, on the side the importer of the same file gives, at the
 * recorded times; the v3 export's blocks, transactions and log indexes become the events' ids and times.
 */
class RecordedAaveLogsTest {
    private static final String V2_POOL = "0x7d2768de32b0b80b7a3454c06bdac94a69ddc7a9";
    private static final String ORACLE = "0x00000000000000000000000000000000000000e1";
    private static final LocalChain CHAIN = LocalChain.ofTestStack();

    /** The reserves of Aave v2 the importer knows: symbol, decimals, stable, asset. */
    private static Map<String, String[]> reserves() throws Exception {
        Map<String, String[]> reserves = new HashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(RecordedAaveLogsTest.class.getResourceAsStream(
                "/io/cascaderadar/connectors/history/aave/aave-v2-reserves.csv"), StandardCharsets.UTF_8))) {
            in.lines().skip(1).map(l -> l.split(",")).forEach(f -> reserves.put(f[0], f));
        }
        return reserves;
    }

    private static List<Map<String, String>> rows(String file) throws Exception {
        List<String> lines = Files.readAllLines(RecordedData.file(file));
        String[] header = lines.get(0).split(",", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] values = line.split(",", -1);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length && i < values.length; i++) {
                row.put(header[i], values[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    /** A stand-in token of a reserve, at an address of its own, priced 1 USD by the test's oracle. */
    private static String token(String symbol, int decimals) throws Exception {
        String address = "0x" + Hash.sha3String("stand-in " + symbol).substring(26);
        CHAIN.place(address);
        byte[] bytes = symbol.getBytes(StandardCharsets.US_ASCII);
        CHAIN.answer(address, Tokens.selector("symbol()"), null, List.of(word(BigInteger.valueOf(32)),
                word(BigInteger.valueOf(bytes.length)), HexFormat.of().formatHex(bytes) + "0".repeat(64 - 2 * bytes.length)));
        CHAIN.answer(address, Tokens.selector("decimals()"), null, List.of(word(BigInteger.valueOf(decimals))));
        CHAIN.answer(ORACLE, Tokens.selector("getAssetPrice(address)"), addressWord(address), List.of(word(BigInteger.valueOf(100_000_000))));
        return address;
    }

    private static ChainLog liquidationCall(String collateral, String debt, String user, String debtToCover, String seized,
            long block, String tx, int logIndex) {
        return new ChainLog(V2_POOL, List.of(ChainEvent.LIQUIDATION_CALL.topic0(), "0x" + addressWord(collateral),
                "0x" + addressWord(debt), "0x" + addressWord(user)),
                "0x" + word(new BigInteger(debtToCover)) + word(new BigInteger(seized)) + word(BigInteger.ONE) + word(BigInteger.ZERO),
                block, "0x" + word(BigInteger.valueOf(block)), tx, logIndex, false);
    }

    @Test
    void recordedLiquidationsComeBackWithTheirAmountsSidesAndTimes() throws Exception {
        Map<String, String[]> reserves = reserves();
        List<Map<String, String>> recorded = rows("defi_onchain/aave_v2_liquidations_thegraph_2020-12-17_2022-04-03_TheRensselaerIDEA.csv")
                .stream().filter(r -> r.get("amountUSDPrincipal").isEmpty() && r.get("collateralAmount").matches("\\d+")
                        && r.get("principalAmount").matches("\\d+") && reserves.containsKey(r.get("collateralReserve"))
                        && reserves.containsKey(r.get("principalReserve")) && !r.get("collateralReserve").startsWith("Amm")
                        && !r.get("principalReserve").startsWith("Amm"))
                .limit(40).toList();
        assertThat(recorded).hasSizeGreaterThanOrEqualTo(20);
        CHAIN.place(ORACLE);
        Map<String, String> addresses = new HashMap<>();
        for (Map<String, String> r : recorded) {
            for (String reserve : List.of(r.get("collateralReserve"), r.get("principalReserve"))) {
                if (!addresses.containsKey(reserve)) {
                    addresses.put(reserve, token(reserve, Integer.parseInt(reserves.get(reserve)[1])));
                }
            }
        }
        // One block per liquidation, for the calls each makes as of its block; the times are the recorded ones.
        long first = CHAIN.blockNumber() + 1;
        CHAIN.mine(recorded.size());
        List<ChainLog> logs = new ArrayList<>();
        Map<Long, Long> times = new HashMap<>();
        for (int i = 0; i < recorded.size(); i++) {
            Map<String, String> r = recorded.get(i);
            logs.add(liquidationCall(addresses.get(r.get("collateralReserve")), addresses.get(r.get("principalReserve")), r.get("user"),
                    r.get("principalAmount"), r.get("collateralAmount"), first + i, "0x" + word(BigInteger.valueOf(i + 1)), i));
            times.put(first + i, Long.parseLong(r.get("timestamp")));
        }
        ChainSpec spec = new ChainSpec("ethereum", 1, 0, null, List.of(new ChainSpec.Deployment("aave-v2", V2_POOL, ORACLE, null,
                List.of(ChainEvent.LIQUIDATION_CALL))));

        try (ChainRpc rpc = new ChainRpc(List.of(CHAIN.url()), 500, 2, Duration.ofMillis(50))) {
            Tokens tokens = new Tokens(rpc);
            LiquidationLogs.Result result = new LiquidationLogs(spec, rpc, tokens).map(logs, times, Instant.now());
            assertThat(result.deadLetters()).isEmpty();
            assertThat(result.events()).hasSameSizeAs(recorded);
            for (int i = 0; i < recorded.size(); i++) {
                Map<String, String> r = recorded.get(i);
                LiquidationEvent e = result.events().get(i);
                String[] collateral = reserves.get(r.get("collateralReserve"));
                String[] debt = reserves.get(r.get("principalReserve"));
                boolean shortDebt = Boolean.parseBoolean(collateral[2]) && !Boolean.parseBoolean(debt[2]);
                String[] base = shortDebt ? debt : collateral;
                double expected = new BigDecimal(shortDebt ? r.get("principalAmount") : r.get("collateralAmount"))
                        .movePointLeft(Integer.parseInt(base[1])).doubleValue();
                assertThat(e.getLiquidatedSide()).isEqualTo(shortDebt ? PositionSide.SHORT : PositionSide.LONG);
                assertThat(e.getBaseAsset()).isEqualTo(base[3]);
                assertThat(e.getQuantityBase()).isCloseTo(expected, within(expected * 1e-12));
                assertThat(e.getNotionalUsd()).isCloseTo(expected, within(expected * 1e-12));
                assertThat(e.getEventTime()).isEqualTo(Instant.ofEpochSecond(Long.parseLong(r.get("timestamp"))));
                assertThat(e.getBorrower()).isEqualTo(r.get("user"));
            }

            // The v3 export's real blocks, transactions and log indexes: ids and times of the events (tokens as above).
            List<Map<String, String>> v3 = rows("defi_onchain/aave_v3_ethereum_LiquidationCall_etherscan_2025-01-09_2025-10-15_Feelinx.csv")
                    .subList(0, 20);
            if (!addresses.containsKey("USDC")) {
                addresses.put("USDC", token("USDC", 6));
            }
            String usdc = addresses.get("USDC");
            tokens.of(usdc, CHAIN.blockNumber()); // known before the logs of blocks this node never had
            List<ChainLog> v3Logs = new ArrayList<>();
            Map<Long, Long> v3Times = new HashMap<>();
            for (Map<String, String> r : v3) {
                long block = Long.parseLong(r.get("blockNumber"));
                v3Logs.add(liquidationCall(usdc, usdc, "0x00000000000000000000000000000000000000b1", "1000000", "1010000", block,
                        r.get("txHash"), Integer.parseInt(r.get("logIndex"))));
                v3Times.put(block, Instant.parse(r.get("timestamp").replace(" ", "T").replace("+00:00", "Z")).getEpochSecond());
            }
            List<LiquidationEvent> events = new LiquidationLogs(spec, rpc, tokens).map(v3Logs, v3Times, Instant.now()).events();
            assertThat(events).hasSize(v3.size());
            for (int i = 0; i < v3.size(); i++) {
                Map<String, String> r = v3.get(i);
                assertThat(events.get(i).getEventId()).isEqualTo("ethereum:" + r.get("txHash").toLowerCase() + ":" + r.get("logIndex"));
                assertThat(events.get(i).getBlockNumber()).isEqualTo(Long.parseLong(r.get("blockNumber")));
                assertThat(events.get(i).getEventTime().toString()).startsWith(r.get("date"));
            }
        }
    }
}
