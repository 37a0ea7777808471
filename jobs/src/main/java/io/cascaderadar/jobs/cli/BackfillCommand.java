package io.cascaderadar.jobs.cli;

import io.cascaderadar.connectors.chain.ChainFollower;
import io.cascaderadar.connectors.chain.ChainRpc;
import io.cascaderadar.connectors.chain.ChainSpec;
import io.cascaderadar.connectors.feed.Backoff;
import io.cascaderadar.jobs.collect.Collector;
import io.cascaderadar.jobs.collect.CollectorSink;
import io.cascaderadar.jobs.collect.RawRecorder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code radar backfill}: a range of a chain's blocks read for the lending protocols' liquidations, in ranges, with
 * progress; its cursor is kept, so a backfill stopped and started again resumes where it stopped.
 */
@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = {"Reads a range of a chain's blocks for the lending protocols' liquidations, into the input topics "
                + "or JSON lines, with progress; started again, it resumes where it stopped."})
public final class BackfillCommand implements Callable<Integer> {

    @Option(names = "--chain", required = true, paramLabel = "CHAIN", description = "The chain (configured: ethereum).")
    String chain;

    @Option(names = "--from-block", required = true, paramLabel = "N", description = "The first block.")
    long fromBlock;

    @Option(names = "--to-block", required = true, paramLabel = "M", description = "The last block.")
    long toBlock;

    @Option(names = "--sink", defaultValue = "kafka", paramLabel = "kafka|jsonl:FILE",
            description = "kafka (default): the input topics; jsonl:FILE: one record per line, dead letters in FILE.dead-letter.jsonl.")
    String sink;

    @Option(names = "--config", paramLabel = "FILE", description = "A settings file (README: Settings).")
    Path config;

    @Mixin
    ChainOptions chainOptions;

    @Override
    public Integer call() throws Exception {
        if (toBlock < fromBlock) {
            throw new IllegalArgumentException("--to-block " + toBlock + " is before --from-block " + fromBlock);
        }
        ChainSpec spec = chainOptions.spec(chain);
        try (ChainRpc rpc = chainOptions.rpc(); CollectorSink out = CollectCommand.sink(sink, config)) {
            ChainFollower follower = chainOptions.follower(spec, rpc, "backfill-" + chain + "-" + fromBlock + "-" + toBlock,
                    fromBlock, toBlock);
            if (follower.cursor().block() >= fromBlock) {
                System.err.printf("radar backfill: resuming after block %,d%n", follower.cursor().block());
            }
            Collector collector = new Collector(List.of(), List.of(follower), out, RawRecorder.NONE, Backoff.DEFAULT,
                    new Collector.Settings(Duration.ofMinutes(5), Double.MAX_VALUE, Duration.ofMinutes(1), Duration.ofSeconds(2)));
            CompletableFuture<Collector.Counts> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return CollectCommand.runStoppable(collector, 0, null);
                } catch (Exception e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            });
            long total = toBlock - fromBlock + 1;
            while (true) {
                try {
                    Collector.Counts counts = run.get(2, TimeUnit.SECONDS);
                    if (counts == null) {
                        System.err.printf("radar backfill: stopped after block %,d; started again, it resumes there%n",
                                follower.cursor().block());
                        return 0;
                    }
                    System.err.printf("radar backfill: %s blocks %,d to %,d: %,d liquidations, %,d dead letters, %,d retracted%n",
                            chain, fromBlock, toBlock, counts.liquidations(), counts.deadLetters(), counts.retractions());
                    return 0;
                } catch (TimeoutException running) {
                    long done = Math.max(0, follower.cursor().block() - fromBlock + 1);
                    System.err.printf("radar backfill: %s block %,d of %,d to %,d (%.1f%%), %,d liquidations%n", chain,
                            follower.cursor().block(), fromBlock, toBlock, 100.0 * done / total, collector.counts().liquidations());
                }
            }
        }
    }
}
