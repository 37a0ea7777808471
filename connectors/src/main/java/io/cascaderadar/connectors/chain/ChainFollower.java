package io.cascaderadar.connectors.chain;

import io.cascaderadar.avro.LiquidationEvent;
import io.cascaderadar.connectors.validation.DeadLetter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a chain's liquidation logs block range by block range, behind the head by the chain's confirmations, and
 * hands what they give to a {@link ChainOutput}; after each range the output is flushed and only then the
 * {@link ChainCursor} moves, so a restart resumes at the first block not yet handed on: nothing lost, nothing
 * twice. Before each range, the last block read is checked against the node: a different hash is a reorg deeper
 * than the confirmations; the remembered blocks are walked back to the last one the node still has, the events of
 * the orphaned blocks are handed on as retractions, and reading resumes after the fork. A range the node refuses
 * (too many blocks or logs for it) is halved, from then on.
 */
public final class ChainFollower {
    private static final Logger LOG = LoggerFactory.getLogger(ChainFollower.class);

    /** Where the follower's records go. */
    public interface ChainOutput {
        void liquidations(List<LiquidationEvent> events) throws IOException;

        /** Events published from blocks a reorg orphaned. */
        void retractions(List<LiquidationEvent> events) throws IOException;

        void deadLetters(List<DeadLetter> letters) throws IOException;

        /** Makes everything handed on durable: the cursor moves after it. */
        void flush() throws IOException;
    }

    private final ChainSpec spec;
    private final ChainRpc rpc;
    private final LiquidationLogs mapper;
    private final Path cursorFile;
    private final int keepBlocks;
    private final Long endBlock;
    private int chunkBlocks;
    private ChainCursor cursor;

    /**
     * @param fromBlock where to start when {@code cursorFile} holds no cursor yet; null: after the chain's safe head
     *     (the node is asked only then)
     * @param endBlock the last block to read (a backfill), or null to follow the chain
     * @param chunkBlocks the blocks of one {@code eth_getLogs} range (halved where the node refuses it)
     * @param keepBlocks how far back blocks are remembered for reorgs
     */
    public ChainFollower(ChainSpec spec, ChainRpc rpc, Path cursorFile, Long fromBlock, Long endBlock, int chunkBlocks,
            int keepBlocks) throws IOException, InterruptedException {
        this.spec = spec;
        this.rpc = rpc;
        this.mapper = new LiquidationLogs(spec, rpc, new Tokens(rpc));
        this.cursorFile = cursorFile;
        this.chunkBlocks = chunkBlocks;
        this.keepBlocks = keepBlocks;
        this.endBlock = endBlock;
        ChainCursor saved = ChainCursor.load(cursorFile);
        if (saved != null && !saved.chain().equals(spec.chain())) {
            throw new IllegalArgumentException(cursorFile + " is the cursor of " + saved.chain() + ", not " + spec.chain());
        }
        this.cursor = saved != null ? saved : ChainCursor.start(spec.chain(), fromBlock != null ? fromBlock : safeHead() + 1);
    }

    public ChainCursor cursor() {
        return cursor;
    }

    /** True when the last block to read has been read. */
    public boolean finished() {
        return endBlock != null && cursor.block() >= endBlock;
    }

    /** The newest block with the chain's confirmations on top of it. */
    public long safeHead() throws IOException, InterruptedException {
        return rpc.blockNumber() - spec.confirmations();
    }

    /**
     * Reads the next range, up to {@code until} at most, into {@code out}.
     *
     * @return the blocks read (0 when the cursor is at {@code until})
     */
    public long step(long until, ChainOutput out) throws IOException, InterruptedException {
        retractOrphans(out);
        long from = cursor.block() + 1;
        until = endBlock == null ? until : Math.min(until, endBlock);
        if (from > until) {
            return 0;
        }
        long to = Math.min(until, from + chunkBlocks - 1);
        List<ChainLog> logs;
        while (true) {
            try {
                logs = rpc.logs(from, to, spec.addresses(), spec.topic0s());
                break;
            } catch (ChainRpc.RpcException e) {
                if (to == from || !e.refusedByNode()) {
                    throw e; // not answering is waited out by the caller; a refusal is tried on a smaller range
                }
                chunkBlocks = (int) Math.max(1, (to - from + 1) / 2);
                to = from + chunkBlocks - 1;
                LOG.warn("{}: eth_getLogs refused; ranges of {} blocks from now on", spec.chain(), chunkBlocks);
            }
        }
        Map<Long, ChainRpc.Block> blocks = new HashMap<>();
        TreeSet<Long> numbers = new TreeSet<>();
        logs.forEach(l -> numbers.add(l.blockNumber()));
        numbers.add(to);
        if (cursor.hash() == null && from > 0) {
            numbers.add(from - 1); // remembered, so that a reorg of the first range still finds its fork
        }
        for (long n : numbers) {
            ChainRpc.Block block = rpc.block(n);
            if (block == null) {
                throw new IOException(spec.chain() + ": the node has no block " + n + " any more");
            }
            blocks.put(n, block);
        }
        for (ChainLog log : logs) {
            if (log.removed() || !log.blockHash().equals(blocks.get(log.blockNumber()).hash())) {
                LOG.info("{}: block {} changed while it was read; reading it again", spec.chain(), log.blockNumber());
                return 0;
            }
        }
        Map<Long, Long> times = new HashMap<>();
        blocks.forEach((n, b) -> times.put(n, b.timestampSeconds()));
        LiquidationLogs.Result result = mapper.map(logs, times, Instant.now());
        out.liquidations(result.events());
        out.deadLetters(result.deadLetters());
        out.flush();

        TreeMap<Long, ChainCursor.SeenBlock> recent = new TreeMap<>(cursor.recent().tailMap(to - keepBlocks, true));
        Map<Long, List<LiquidationEvent>> byBlock = new HashMap<>();
        result.events().forEach(e -> byBlock.computeIfAbsent(e.getBlockNumber(), n -> new ArrayList<>()).add(e));
        for (long n : numbers) {
            recent.put(n, new ChainCursor.SeenBlock(n, blocks.get(n).hash(), byBlock.getOrDefault(n, List.of())));
        }
        cursor = new ChainCursor(spec.chain(), to, blocks.get(to).hash(), recent);
        cursor.save(cursorFile);
        return to - from + 1;
    }

    /** A last block read that the node no longer has: the orphaned blocks' events are retracted, the cursor goes back. */
    private void retractOrphans(ChainOutput out) throws IOException, InterruptedException {
        if (cursor.hash() == null) {
            return;
        }
        ChainRpc.Block now = rpc.block(cursor.block());
        if (now != null && now.hash().equals(cursor.hash())) {
            return;
        }
        TreeMap<Long, ChainCursor.SeenBlock> recent = new TreeMap<>(cursor.recent());
        List<LiquidationEvent> orphaned = new ArrayList<>();
        ChainCursor.SeenBlock fork = null;
        while (!recent.isEmpty()) {
            ChainCursor.SeenBlock seen = recent.lastEntry().getValue();
            ChainRpc.Block canonical = rpc.block(seen.number());
            if (canonical != null && canonical.hash().equals(seen.hash())) {
                fork = seen;
                break;
            }
            orphaned.addAll(seen.events());
            recent.remove(seen.number());
        }
        if (fork == null) {
            throw new IOException(spec.chain() + ": a reorg deeper than the " + keepBlocks + " blocks remembered, below block "
                    + cursor.block() + "; read the range again with backfill");
        }
        LOG.warn("{}: reorg: blocks {} to {} orphaned, {} events retracted", spec.chain(), fork.number() + 1, cursor.block(),
                orphaned.size());
        out.retractions(orphaned);
        out.flush();
        cursor = new ChainCursor(spec.chain(), fork.number(), fork.hash(), recent);
        cursor.save(cursorFile);
    }
}
