package io.cascaderadar.connectors.chain;

import static io.cascaderadar.connectors.testing.LocalChain.addressWord;
import static io.cascaderadar.connectors.testing.LocalChain.word;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascaderadar.connectors.testing.LocalChain;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON-RPC client against a real node (the stack's Anvil): logs, blocks, calls, failover, redaction. */
class ChainRpcTest {
    static final String AAVE_V3_POOL = "0x87870bca3f3fd6335c3f4ce8392d69350b4fa4e2";
    private static final String WETH = "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2";
    private static final String USDC = "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48";

    private final LocalChain chain = LocalChain.ofTestStack();

    @Test
    void readsTheLogsAContractAtTheProtocolsAddressEmitsAndAnswersCalls() throws Exception {
        chain.place(AAVE_V3_POOL);
        long before = chain.blockNumber();
        String borrower = "0x00000000000000000000000000000000000000b0";
        String tx = chain.emit(AAVE_V3_POOL, List.of(ChainEvent.LIQUIDATION_CALL.topic0(), "0x" + addressWord(WETH),
                "0x" + addressWord(USDC), "0x" + addressWord(borrower)),
                word(BigInteger.valueOf(2_500_000_000L)) + word(new BigInteger("1000000000000000000")) + addressWord("0x00000000000000000000000000000000000000a0") + word(BigInteger.ONE));
        chain.emit(AAVE_V3_POOL, List.of(ChainEvent.DEFICIT_CREATED.topic0(), "0x" + addressWord(borrower), "0x" + addressWord(USDC)),
                word(BigInteger.valueOf(1_000_000)));
        long after = chain.blockNumber();
        assertThat(after).isEqualTo(before + 2);

        try (ChainRpc rpc = new ChainRpc(List.of(URI.create("http://127.0.0.1:1/v2/SECRET-KEY"), chain.url()), 50, 2, Duration.ofMillis(50))) {
            assertThat(rpc.blockNumber()).as("the dead first endpoint is passed over").isEqualTo(after);
            List<ChainLog> logs = rpc.logs(before + 1, after, List.of(AAVE_V3_POOL),
                    List.of(ChainEvent.LIQUIDATION_CALL.topic0(), ChainEvent.DEFICIT_CREATED.topic0()));
            assertThat(logs).hasSize(2);
            ChainLog call = logs.get(0);
            assertThat(call.address()).isEqualTo(AAVE_V3_POOL);
            assertThat(call.txHash()).isEqualTo(tx);
            assertThat(call.blockNumber()).isEqualTo(before + 1);
            ChainRpc.Block block = rpc.block(before + 1);
            assertThat(call.blockHash()).isEqualTo(block.hash());
            assertThat(block.timestampSeconds()).isGreaterThan(1_700_000_000L);
            Map<String, Object> values = ChainEvent.LIQUIDATION_CALL.decode(call);
            assertThat(values).containsEntry("collateralAsset", WETH).containsEntry("debtAsset", USDC)
                    .containsEntry("user", borrower).containsEntry("debtToCover", BigInteger.valueOf(2_500_000_000L))
                    .containsEntry("receiveAToken", true);
            assertThat(ChainEvent.DEFICIT_CREATED.decode(logs.get(1))).containsEntry("amountCreated", BigInteger.valueOf(1_000_000));
            assertThat(rpc.logs(before + 1, after, List.of(AAVE_V3_POOL), List.of(ChainEvent.BARK.topic0()))).isEmpty();
            assertThat(rpc.block(after + 1000)).as("not mined yet").isNull();

            chain.place(WETH);
            chain.answer(WETH, Tokens.selector("decimals()"), null, List.of(word(BigInteger.valueOf(18))));
            assertThat(rpc.call(WETH, Tokens.selector("decimals()"), after)).startsWith("0x" + word(BigInteger.valueOf(18)));
        }

        try (ChainRpc dead = new ChainRpc(List.of(URI.create("http://127.0.0.1:1/v2/SECRET-KEY?key=ALSO-SECRET")), 50, 2, Duration.ofMillis(10))) {
            assertThatThrownBy(dead::blockNumber).isInstanceOf(ChainRpc.RpcException.class)
                    .hasMessageContaining("http://127.0.0.1:1").hasMessageNotContaining("SECRET");
        }
    }
}
