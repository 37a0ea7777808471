package io.cascaderadar.connectors.chain;

import static io.cascaderadar.connectors.testing.LocalChain.addressWord;
import static io.cascaderadar.connectors.testing.LocalChain.word;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.avro.PositionSide;
import io.cascaderadar.avro.PriceKind;
import io.cascaderadar.avro.VenueType;
import io.cascaderadar.connectors.testing.LocalChain;
import io.cascaderadar.connectors.testing.LocalChain.Emitted;
import io.cascaderadar.connectors.validation.RejectReason;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every protocol's liquidation, emitted at the protocol's mainnet address on the stack's Anvil node by a contract
 * standing in for it, read back with {@code eth_getLogs} and valued by calls to tokens and oracles standing in for
 * the real ones: side, size, USD, price source, bad debt, ids.
 */
class LiquidationLogsTest {
    private static final ChainSpec ETHEREUM = ChainSpec.defaults().get("ethereum");
    private static final String AAVE_ORACLE = LocalChain.AAVE_ORACLE;
    private static final String WETH = LocalChain.WETH;
    private static final String USDC = LocalChain.USDC;
    private static final String WBTC = LocalChain.WBTC;
    private static final String NOT_A_TOKEN = "0x00000000000000000000000000000000000000f1";
    private static final LocalChain CHAIN = LocalChain.ofTestStack();

    private static String address(String protocol) {
        return ETHEREUM.deployments().stream().filter(d -> d.protocol().equals(protocol)).findFirst().orElseThrow().address();
    }

    private static String topic(String address) {
        return "0x" + addressWord(address);
    }

    private static String uint(String decimal) {
        return word(new BigInteger(decimal));
    }

    @BeforeAll
    static void protocolsTokensAndOracle() throws Exception {
        CHAIN.standInForMainnet(ETHEREUM.addresses());
    }

    @Test
    void everyProtocolsLiquidationWithItsValueSideAndBadDebt() throws Exception {
        long from = CHAIN.blockNumber() + 1;
        String b1 = "0x00000000000000000000000000000000000000b1";
        String liquidator = "0x00000000000000000000000000000000000000a1";
        String aaveTx = CHAIN.emit(address("aave-v3"), List.of(
                new Emitted(List.of(ChainEvent.LIQUIDATION_CALL.topic0(), topic(WETH), topic(USDC), topic(b1)),
                        uint("4000000000") + uint("1500000000000000000") + addressWord(liquidator) + uint("0")),
                new Emitted(List.of(ChainEvent.DEFICIT_CREATED.topic0(), topic(b1), topic(USDC)), uint("250000000"))));
        // Stable collateral against volatile debt: a SHORT of the debt's asset.
        CHAIN.emit(address("aave-v3"), List.of(ChainEvent.LIQUIDATION_CALL.topic0(), topic(USDC), topic(WBTC), topic("0x00000000000000000000000000000000000000b2")),
                uint("10000000") + uint("6100000000") + addressWord(liquidator) + uint("1"));
        // SparkLend's own oracle is not on this chain: the mark oracle prices it.
        CHAIN.emit(address("sparklend"), List.of(ChainEvent.LIQUIDATION_CALL.topic0(), topic(WBTC), topic(USDC), topic("0x00000000000000000000000000000000000000b3")),
                uint("30000000000") + uint("50000000") + addressWord(liquidator) + uint("0"));
        String b4 = "0x00000000000000000000000000000000000000b4";
        CHAIN.emit(address("compound-v3"), List.of(
                new Emitted(List.of(ChainEvent.ABSORB_COLLATERAL.topic0(), topic(liquidator), topic(b4), topic(WETH)),
                        uint("2000000000000000000") + uint("600000000000")),
                new Emitted(List.of(ChainEvent.ABSORB_DEBT.topic0(), topic(liquidator), topic(b4)), uint("6500000000") + uint("650000000000"))));
        String wbtcA = HexFormat.of().formatHex("WBTC-A".getBytes(StandardCharsets.US_ASCII)) + "0".repeat(52);
        CHAIN.emit(address("maker"), List.of(ChainEvent.BARK.topic0(), "0x" + wbtcA, topic("0x00000000000000000000000000000000000000b5"), "0x" + word(BigInteger.valueOf(7))),
                uint("1200000000000000000") + uint("45000000000000000000000") + uint("50000" + "0".repeat(45)) + addressWord("0x00000000000000000000000000000000000000c1"));
        String market = "0x" + word(BigInteger.valueOf(0xabcdef));
        CHAIN.answer(address("morpho-blue"), Tokens.selector("idToMarketParams(bytes32)"), market.substring(2),
                List.of(addressWord(USDC), addressWord(WETH), addressWord(AAVE_ORACLE), addressWord(liquidator), uint("860000000000000000")));
        CHAIN.emit(address("morpho-blue"), List.of(ChainEvent.MORPHO_LIQUIDATE.topic0(), market, topic(liquidator), topic("0x00000000000000000000000000000000000000b6")),
                uint("3000000000") + uint("2900000000000000") + uint("1100000000000000000") + uint("100000000") + uint("97000000000000"));
        // Aave v2's oracle prices in ETH (wei): WETH 1 ETH, USDC 1/2000 ETH, so WETH is 2,000 USD at this block.
        String v2Oracle = "0xa50ba011c48153de246e5192c8f9258a2ba79ca9";
        CHAIN.place(v2Oracle);
        CHAIN.answer(v2Oracle, Tokens.selector("getAssetPrice(address)"), addressWord(WETH), List.of(uint("1000000000000000000")));
        CHAIN.answer(v2Oracle, Tokens.selector("getAssetPrice(address)"), addressWord(USDC), List.of(uint("500000000000000")));
        CHAIN.emit(address("aave-v2"), List.of(ChainEvent.LIQUIDATION_CALL.topic0(), topic(WETH), topic(USDC), topic("0x00000000000000000000000000000000000000ba")),
                uint("2000000000") + uint("1000000000000000000") + addressWord(liquidator) + uint("0"));
        // Bad debt without its liquidation, absorbed debt without collateral, an unknown token: dead letters.
        CHAIN.emit(address("aave-v3"), List.of(ChainEvent.DEFICIT_CREATED.topic0(), topic("0x00000000000000000000000000000000000000b7"), topic(USDC)), uint("1000000"));
        CHAIN.emit(address("compound-v3"), List.of(ChainEvent.ABSORB_DEBT.topic0(), topic(liquidator), topic("0x00000000000000000000000000000000000000b8")), uint("1") + uint("1"));
        CHAIN.emit(address("aave-v3"), List.of(ChainEvent.LIQUIDATION_CALL.topic0(), topic(NOT_A_TOKEN), topic(USDC), topic("0x00000000000000000000000000000000000000b9")),
                uint("1") + uint("1") + addressWord(liquidator) + uint("0"));
        long to = CHAIN.blockNumber();

        Instant received = Instant.now();
        try (ChainRpc rpc = new ChainRpc(List.of(CHAIN.url()), 200, 2, Duration.ofMillis(50))) {
            List<ChainLog> logs = rpc.logs(from, to, ETHEREUM.addresses(), ETHEREUM.topic0s());
            assertThat(logs).hasSize(12);
            Map<Long, Long> times = new HashMap<>();
            for (ChainLog log : logs) {
                times.put(log.blockNumber(), rpc.block(log.blockNumber()).timestampSeconds());
            }
            LiquidationLogs.Result result = new LiquidationLogs(ETHEREUM, rpc, new Tokens(rpc)).map(logs, times, received);
            List<LiquidationEvent> events = result.events();
            assertThat(events).extracting(LiquidationEvent::getVenue)
                    .containsExactly("aave-v3", "aave-v3", "sparklend", "compound-v3", "maker", "morpho-blue", "aave-v2");
            assertThat(events).allSatisfy(e -> {
                assertThat(e.getVenueType()).isEqualTo(VenueType.DEFI);
                assertThat(e.getChain()).isEqualTo("ethereum");
                assertThat(e.getEventId()).isEqualTo("ethereum:" + e.getTxHash() + ":" + e.getLogIndex());
                assertThat(e.getEventTime()).isEqualTo(Instant.ofEpochSecond(times.get(e.getBlockNumber())));
                assertThat(e.getSampled()).isFalse();
            });

            LiquidationEvent aave = events.get(0);
            assertThat(aave.getTxHash()).isEqualTo(aaveTx);
            assertThat(aave.getLogIndex()).isZero();
            assertThat(aave.getLiquidatedSide()).isEqualTo(PositionSide.LONG);
            assertThat(aave.getBaseAsset()).isEqualTo("ETH");
            assertThat(aave.getInstrument()).isEqualTo("WETH/USDC");
            assertThat(aave.getQuantityBase()).isEqualTo(1.5);
            assertThat(aave.getNotionalUsd()).isEqualTo(4500.0);
            assertThat(aave.getPrice()).isEqualTo(3000.0);
            assertThat(aave.getPriceKind()).isEqualTo(PriceKind.ORACLE);
            assertThat(aave.getBadDebtUsd()).as("DeficitCreated in the same transaction").isEqualTo(250.0);
            assertThat(aave.getBorrower()).isEqualTo(b1);
            assertThat(aave.getLiquidator()).isEqualTo(liquidator);
            assertThat(aave.getCollateralAsset()).isEqualTo("ETH");
            assertThat(aave.getDebtAsset()).isEqualTo("USDC");

            LiquidationEvent shortBtc = events.get(1);
            assertThat(shortBtc.getLiquidatedSide()).isEqualTo(PositionSide.SHORT);
            assertThat(shortBtc.getBaseAsset()).isEqualTo("BTC");
            assertThat(shortBtc.getQuantityBase()).as("the debt repaid, 0.1 WBTC").isEqualTo(0.1);
            assertThat(shortBtc.getNotionalUsd()).isCloseTo(6000.0, within(1e-6));

            LiquidationEvent spark = events.get(2);
            assertThat(spark.getPriceKind()).isEqualTo(PriceKind.MARK);
            assertThat(spark.getQuantityBase()).isEqualTo(0.5);
            assertThat(spark.getNotionalUsd()).isEqualTo(30000.0);

            LiquidationEvent compound = events.get(3);
            assertThat(compound.getBaseAsset()).isEqualTo("ETH");
            assertThat(compound.getQuantityBase()).isEqualTo(2.0);
            assertThat(compound.getNotionalUsd()).as("Comet's usdValue").isEqualTo(6000.0);
            assertThat(compound.getBadDebtUsd()).as("6,500 USD of debt absorbed against 6,000 of collateral").isEqualTo(500.0);

            LiquidationEvent maker = events.get(4);
            assertThat(maker.getInstrument()).isEqualTo("WBTC-A");
            assertThat(maker.getBaseAsset()).isEqualTo("BTC");
            assertThat(maker.getQuantityBase()).isEqualTo(1.2);
            assertThat(maker.getNotionalUsd()).as("the debt due with the penalty").isEqualTo(50000.0);
            assertThat(maker.getPriceKind()).isEqualTo(PriceKind.UNKNOWN);

            LiquidationEvent morpho = events.get(5);
            assertThat(morpho.getInstrument()).isEqualTo("WETH/USDC");
            assertThat(morpho.getQuantityBase()).isEqualTo(1.1);
            assertThat(morpho.getNotionalUsd()).isCloseTo(3300.0, within(1e-9));
            assertThat(morpho.getPriceKind()).isEqualTo(PriceKind.MARK);
            assertThat(morpho.getBadDebtUsd()).isEqualTo(100.0);

            LiquidationEvent v2 = events.get(6);
            assertThat(v2.getPriceKind()).as("Aave v2's own oracle").isEqualTo(PriceKind.ORACLE);
            assertThat(v2.getNotionalUsd()).isCloseTo(2000.0, within(1e-9));

            assertThat(result.deadLetters()).extracting(d -> d.reason).containsOnly(RejectReason.MISSING_VALUE);
            assertThat(result.deadLetters()).extracting(d -> d.detail).satisfiesExactly(
                    d -> assertThat(d).contains("bad debt without a liquidation"),
                    d -> assertThat(d).contains("debt absorbed without collateral"),
                    d -> assertThat(d).contains(NOT_A_TOKEN, "no symbol()"));
            assertThat(result.deadLetters()).allSatisfy(d -> assertThat(d.input).contains("ChainLog["));
        }
    }
}
