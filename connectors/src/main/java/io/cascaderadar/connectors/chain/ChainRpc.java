package io.cascaderadar.connectors.chain;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.http.HttpService;

/**
 * An Ethereum JSON-RPC client over several endpoints: a request that fails on one endpoint (no answer, an HTTP
 * error, a node error) is tried on the next, round the list at most {@code attempts} times with a pause between
 * rounds; requests are spaced to stay under {@code requestsPerSecond}. Endpoint URLs often carry an API key in their
 * path or query: logs and errors name an endpoint by scheme and host only.
 */
public final class ChainRpc implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChainRpc.class);

    /** A block's hash and time, what the cursor and the events need of it. */
    public record Block(long number, String hash, String parentHash, long timestampSeconds) {}

    /** A request that no endpoint could answer. */
    public static final class RpcException extends IOException {
        RpcException(String message, Throwable cause) {
            super(message, cause);
        }

        /** True when the node answered with an error (a range too large, ...) rather than not answering. */
        public boolean refusedByNode() {
            return getCause() instanceof NodeError;
        }
    }

    /** A JSON-RPC error answer. */
    private static final class NodeError extends IOException {
        NodeError(String message) {
            super(message);
        }
    }

    @FunctionalInterface
    private interface Request<T> {
        T send(Web3j node) throws IOException;
    }

    private final List<Web3j> nodes = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final long minNanosBetween;
    private final int attempts;
    private final Duration pause;
    private int current;
    private long lastRequest;

    /**
     * @param endpoints the JSON-RPC URLs, the first preferred
     * @param requestsPerSecond the rate to stay under, across endpoints
     */
    public ChainRpc(List<URI> endpoints, double requestsPerSecond, int attempts, Duration pause) {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("no RPC endpoint");
        }
        OkHttpClient http = new OkHttpClient.Builder().connectTimeout(10, TimeUnit.SECONDS).readTimeout(30, TimeUnit.SECONDS).build();
        for (URI endpoint : endpoints) {
            nodes.add(Web3j.build(new HttpService(endpoint.toString(), http)));
            names.add(redacted(endpoint));
        }
        this.minNanosBetween = (long) (1e9 / requestsPerSecond);
        this.attempts = attempts;
        this.pause = pause;
    }

    /** {@code scheme://host[:port]}: what may be logged of an endpoint. */
    public static String redacted(URI endpoint) {
        return endpoint.getScheme() + "://" + endpoint.getHost() + (endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort());
    }

    public long blockNumber() throws IOException, InterruptedException {
        return send("eth_blockNumber", node -> check(node.ethBlockNumber().send()).getBlockNumber()).longValueExact();
    }

    /** The block, or null where the node has none of that number (yet). */
    public Block block(long number) throws IOException, InterruptedException {
        EthBlock.Block b = send("eth_getBlockByNumber", node -> check(node.ethGetBlockByNumber(
                DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false).send()).getBlock());
        return b == null ? null : new Block(b.getNumber().longValueExact(), b.getHash(), b.getParentHash(),
                b.getTimestamp().longValueExact());
    }

    /** The logs of the contracts with one of the topic0s, in blocks {@code from} to {@code to}, in chain order. */
    public List<ChainLog> logs(long from, long to, List<String> addresses, List<String> topic0s)
            throws IOException, InterruptedException {
        EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
                DefaultBlockParameter.valueOf(BigInteger.valueOf(to)), addresses);
        filter.addOptionalTopics(topic0s.toArray(String[]::new));
        List<EthLog.LogResult> results = send("eth_getLogs", node -> check(node.ethGetLogs(filter).send()).getLogs());
        List<ChainLog> logs = new ArrayList<>(results.size());
        for (EthLog.LogResult<?> result : results) {
            logs.add(ChainLog.of((EthLog.LogObject) result.get()));
        }
        return logs;
    }

    /** {@code eth_call} of {@code data} on {@code to} as of a block; the returned bytes as hex. */
    public String call(String to, String data, long block) throws IOException, InterruptedException {
        return send("eth_call", node -> check(node.ethCall(Transaction.createEthCallTransaction(null, to, data),
                DefaultBlockParameter.valueOf(BigInteger.valueOf(block))).send()).getValue());
    }

    private static <R extends Response<?>> R check(R response) throws IOException {
        if (response.hasError()) {
            throw new NodeError("node error " + response.getError().getCode() + ": " + response.getError().getMessage());
        }
        return response;
    }

    private <T> T send(String method, Request<T> request) throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 0; attempt < attempts * nodes.size(); attempt++) {
            if (attempt > 0 && attempt % nodes.size() == 0) {
                Thread.sleep(pause.toMillis() << Math.min(attempt / nodes.size() - 1, 6));
            }
            int node = (current + attempt) % nodes.size();
            pace();
            try {
                T result = request.send(nodes.get(node));
                current = node;
                return result;
            } catch (IOException | RuntimeException e) {
                last = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
                LOG.warn("{} on {} failed: {}", method, names.get(node), e.getMessage());
            }
        }
        throw new RpcException(method + " failed on every endpoint (" + String.join(", ", names) + "): "
                + (last == null ? "" : last.getMessage()), last);
    }

    private synchronized void pace() throws InterruptedException {
        long wait = lastRequest + minNanosBetween - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
        lastRequest = System.nanoTime();
    }

    @Override
    public void close() {
        nodes.forEach(Web3j::shutdown);
    }
}
