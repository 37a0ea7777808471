package io.cascaderadar.connectors.chain;

import static io.cascaderadar.connectors.testing.LocalChain.word;
import static org.assertj.core.api.Assertions.assertThat;

import io.cascaderadar.connectors.testing.LocalChain;
import java.math.BigInteger;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tokens as the stack's Anvil node answers for them: ABI-string and bytes32 symbols, the asset each stands for. */
class TokensTest {
    private static final LocalChain CHAIN = LocalChain.ofTestStack();

    @Test
    void anOldTokensBytes32SymbolReadsLikeAStringAndIsAskedOnce() throws Exception {
        String mkr = "0x00000000000000000000000000000000000000d7";
        CHAIN.place(mkr);
        CHAIN.answer(mkr, Tokens.selector("symbol()"), null, List.of(HexFormat.of().formatHex("MKR".getBytes()) + "0".repeat(58)));
        CHAIN.answer(mkr, Tokens.selector("decimals()"), null, List.of(word(BigInteger.valueOf(18))));
        CHAIN.standInForMainnet(List.of());
        try (ChainRpc rpc = new ChainRpc(List.of(CHAIN.url()), 200, 2, Duration.ofMillis(50))) {
            Tokens tokens = new Tokens(rpc);
            long block = CHAIN.blockNumber();
            assertThat(tokens.of(mkr, block)).isEqualTo(new Tokens.Token(mkr, "MKR", 18, "MKR", false));
            assertThat(tokens.of(LocalChain.WETH, block)).isEqualTo(new Tokens.Token(LocalChain.WETH, "WETH", 18, "ETH", false));
            assertThat(tokens.of(LocalChain.USDC, block).stable()).isTrue();

            CHAIN.answer(mkr, Tokens.selector("symbol()"), null, List.of(word(BigInteger.ZERO)));
            assertThat(tokens.of(mkr, CHAIN.blockNumber()).symbol()).as("kept, not asked again").isEqualTo("MKR");
        }
    }
}
