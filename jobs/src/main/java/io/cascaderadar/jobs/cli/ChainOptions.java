package io.cascaderadar.jobs.cli;

import io.cascaderadar.connectors.chain.ChainFollower;
import io.cascaderadar.connectors.chain.ChainRpc;
import io.cascaderadar.connectors.chain.ChainSpec;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The chain options of {@code collect} and {@code backfill}: the RPC endpoints (several for failover), the
 * deployments, where cursors are kept, how hard the node is asked. An endpoint URL with an API key in it is a secret:
 * give it in {@code RADAR_RPC_URLS} (comma-separated) rather than on the command line; logs show scheme and host only.
 */
public final class ChainOptions {

    @Option(names = "--rpc-url", paramLabel = "URL", description = "An Ethereum JSON-RPC endpoint; repeatable, tried in "
            + "order (failover). Default: RADAR_RPC_URLS, comma-separated.")
    List<URI> rpcUrls = new ArrayList<>();

    @Option(names = "--chain-config", paramLabel = "FILE", description = "Chains and protocol deployments (JSON, the "
            + "shape of the shipped deployments.json); default: Ethereum mainnet's.")
    Path chainConfig;

    @Option(names = "--cursor-dir", paramLabel = "DIR", description = "Where the block cursors are kept "
            + "(default: ~/.cascade-radar/chains).")
    Path cursorDir = Path.of(System.getProperty("user.home"), ".cascade-radar", "chains");

    @Option(names = "--rpc-rate", paramLabel = "N", description = "Requests per second at most (default: ${DEFAULT-VALUE}).",
            defaultValue = "10")
    double requestsPerSecond;

    @Option(names = "--chunk-blocks", paramLabel = "N", description = "Blocks per eth_getLogs range, halved where the "
            + "node refuses it (default: ${DEFAULT-VALUE}).", defaultValue = "1000")
    int chunkBlocks;

    /** How far back blocks are remembered, to find a reorg's fork and retract what the orphaned blocks gave. */
    private static final int KEEP_BLOCKS = 256;

    ChainSpec spec(String chain) throws IOException {
        Map<String, ChainSpec> chains = chainConfig == null ? ChainSpec.defaults() : ChainSpec.fromFile(chainConfig);
        ChainSpec spec = chains.get(chain);
        if (spec == null) {
            throw new IllegalArgumentException("chain '" + chain + "' is not configured; known: " + String.join(", ", chains.keySet()));
        }
        return spec;
    }

    ChainRpc rpc() {
        List<URI> urls = new ArrayList<>(rpcUrls);
        if (urls.isEmpty()) {
            String env = System.getenv("RADAR_RPC_URLS");
            if (env == null || env.isBlank()) {
                throw new IllegalArgumentException("no RPC endpoint: --rpc-url URL, or RADAR_RPC_URLS");
            }
            Arrays.stream(env.split(",")).map(String::trim).filter(u -> !u.isEmpty()).map(URI::create).forEach(urls::add);
        }
        return new ChainRpc(urls, requestsPerSecond, 5, Duration.ofSeconds(1));
    }

    /**
     * A follower of the chain with its cursor in {@code cursorName}; without a cursor yet it starts at
     * {@code fromBlock}, or (null) at the chain's safe head.
     */
    ChainFollower follower(ChainSpec spec, ChainRpc rpc, String cursorName, Long fromBlock, Long endBlock)
            throws IOException, InterruptedException {
        return new ChainFollower(spec, rpc, cursorDir.resolve(cursorName + ".json"), fromBlock, endBlock, chunkBlocks, KEEP_BLOCKS);
    }
}
