package io.cascaderadar.connectors.chain;

import static io.cascaderadar.connectors.testing.LocalChain.addressWord;
import static io.cascaderadar.connectors.testing.LocalChain.word;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.connectors.testing.LocalChain;
import io.cascaderadar.connectors.validation.DeadLetter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The follower on the stack's Anvil node: a stop and a restart in the middle of a range read every liquidation once;
 * a reorg deeper than the confirmations retracts what the orphaned block gave and reads its replacement.
 */
class ChainFollowerTest {
    private static final ChainSpec ETHEREUM = ChainSpec.defaults().get("ethereum");
    private static final String POOL = "0x87870bca3f3fd6335c3f4ce8392d69350b4fa4e2";
    private static final String WETH = LocalChain.WETH;
    private static final String USDC = LocalChain.USDC;
    private static final LocalChain CHAIN = LocalChain.ofTestStack();

    @TempDir
    Path dir;

    /** What the follower handed on. */
    static final class Collected implements ChainFollower.ChainOutput {
        final List<LiquidationEvent> events = new ArrayList<>();
        final List<LiquidationEvent> retracted = new ArrayList<>();
        final List<DeadLetter> deadLetters = new ArrayList<>();
        int flushes;

        @Override
        public void liquidations(List<LiquidationEvent> e) {
            events.addAll(e);
        }

        @Override
        public void retractions(List<LiquidationEvent> e) {
            retracted.addAll(e);
        }

        @Override
        public void deadLetters(List<DeadLetter> letters) {
            deadLetters.addAll(letters);
        }

        @Override
        public void flush() {
            flushes++;
        }
    }

    @BeforeAll
    static void protocolsAndTokens() throws Exception {
        CHAIN.standInForMainnet(ETHEREUM.addresses());
    }

    private static String liquidate(long borrower) throws Exception {
        return CHAIN.emit(POOL, List.of(ChainEvent.LIQUIDATION_CALL.topic0(), "0x" + addressWord(WETH), "0x" + addressWord(USDC),
                        "0x" + word(BigInteger.valueOf(borrower))),
                word(BigInteger.valueOf(3_000_000_000L)) + word(new BigInteger("1000000000000000000")) + word(BigInteger.TEN) + word(BigInteger.ZERO));
    }

    private static ChainRpc rpc() {
        return new ChainRpc(List.of(CHAIN.url()), 200, 2, Duration.ofMillis(50));
    }

    @Test
    void aRestartInTheMiddleResumesAtTheCursorWithoutGapOrDuplicate() throws Exception {
        long start = CHAIN.blockNumber() + 1;
        List<String> txs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            txs.add(liquidate(0xc0 + i));
        }
        long end = CHAIN.blockNumber();
        CHAIN.mine(ETHEREUM.confirmations());
        Path cursor = dir.resolve("ethereum.json");
        Collected out = new Collected();
        try (ChainRpc rpc = rpc()) {
            ChainFollower first = new ChainFollower(ETHEREUM, rpc, cursor, start, end, 2, 64);
            assertThat(first.safeHead()).isEqualTo(end);
            assertThat(first.step(first.safeHead(), out)).isEqualTo(2);
            assertThat(out.events).hasSize(2);
            assertThat(out.flushes).isEqualTo(1);

            // A new process: the cursor file says where the first stopped.
            ChainFollower again = new ChainFollower(ETHEREUM, rpc, cursor, start, end, 2, 64);
            assertThat(again.cursor().block()).isEqualTo(start + 1);
            while (!again.finished()) {
                again.step(again.safeHead(), out);
            }
            assertThat(again.step(again.safeHead(), out)).as("nothing after the end").isZero();
        }
        assertThat(out.events).extracting(LiquidationEvent::getTxHash).containsExactlyElementsOf(txs);
        assertThat(out.events).extracting(LiquidationEvent::getEventId).doesNotHaveDuplicates();
        assertThat(out.retracted).isEmpty();
    }

    @Test
    void aReorgDeeperThanTheConfirmationsRetractsTheOrphanedEventsAndReadsTheirReplacement() throws Exception {
        ChainSpec unconfirmed = new ChainSpec("ethereum", 1, 0, ETHEREUM.markOracle(), ETHEREUM.deployments());
        Path cursor = dir.resolve("reorg.json");
        Collected out = new Collected();
        try (ChainRpc rpc = rpc()) {
            String fork = CHAIN.snapshot();
            long block = CHAIN.blockNumber() + 1;
            String orphanedTx = liquidate(0xd1);
            ChainFollower follower = new ChainFollower(unconfirmed, rpc, cursor, block, null, 100, 64);
            follower.step(follower.safeHead(), out);
            assertThat(out.events).extracting(LiquidationEvent::getTxHash).containsExactly(orphanedTx);

            CHAIN.revert(fork);
            String replacementTx = liquidate(0xd2);
            CHAIN.mine(1);
            assertThat(CHAIN.blockNumber()).isEqualTo(block + 1);
            follower.step(follower.safeHead(), out);
            assertThat(out.retracted).extracting(LiquidationEvent::getTxHash).containsExactly(orphanedTx);
            assertThat(out.events).extracting(LiquidationEvent::getTxHash).containsExactly(orphanedTx, replacementTx);
            assertThat(out.events.get(1).getBlockNumber()).isEqualTo(block);
            assertThat(follower.cursor().block()).isEqualTo(block + 1);
        }
    }

    @Test
    void aCursorOfAnotherChainIsRefused() throws Exception {
        Path cursor = dir.resolve("other.json");
        ChainCursor.start("arbitrum", 5).save(cursor);
        try (ChainRpc rpc = rpc()) {
            assertThatThrownBy(() -> new ChainFollower(ETHEREUM, rpc, cursor, 0, null, 10, 10))
                    .hasMessageContaining("the cursor of arbitrum, not ethereum");
        }
    }
}
