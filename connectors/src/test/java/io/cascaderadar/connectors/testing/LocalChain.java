package io.cascaderadar.connectors.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascaderadar.connectors.chain.Tokens;
import io.cascaderadar.stack.testing.TestStack;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * The test stack's Anvil node, with a minimal contract placed where the protocols' real contracts (and the tokens
 * and oracles they call) are ({@code anvil_setCode}), so that the collector reads logs and calls that a real node
 * serves. The contract does one of two things, by the size of its call data:
 * <ul>
 *   <li>64 bytes or more, it <b>emits</b>, in one transaction, the logs laid out in the call one after another, each
 *       {@code [k][length][topic0..topic(k-1)][data]} (k = 3 or 4; k, length and each topic a 32-byte word), as
 *       the protocol's contract would;</li>
 *   <li>less, it <b>answers</b>: a call of {@code selector + first argument} returns the five words stored at
 *       {@code keccak256(selector ++ argument)} and the four slots after it, which the test sets with
 *       {@code anvil_setStorageAt}: token symbols and decimals, oracle prices, market parameters.</li>
 * </ul>
 */
public final class LocalChain {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * {@code calldatasize < 0x40 ? answer : emit}, assembled by hand. Emit: copy the call to memory; from p = 0 while
     * p < size: k = mload(p), length = mload(p + 0x20), topics from p + 0x40, data after them; LOG3 or LOG4; p moves
     * past the data. Answer: key = keccak256(calldata[0:36]); return sload(key), ..., sload(key + 4).
     */
    static final String CONTRACT = "0x6040361060675736600060003760005b803611156065578051816020015181600414603d578260800151"
            + "83606001518460400151838660a001a36058565b8260a00151836080015184606001518560400151848760c001a45b9060051b"
            + "0101604001600f565b005b6024600060003760246000208054600052806001015460205280600201546040528060030154606052"
            + "806004015460805260a06000f3";

    /** A log for the contract to emit: its topics (topic0 first) and data, as hex. */
    public record Emitted(List<String> topics, String data) {}

    private final URI url;
    private final HttpClient http = HttpClient.newHttpClient();
    private String account;

    private LocalChain(URI url) {
        this.url = url;
    }

    /** The shared test stack's node. */
    public static LocalChain ofTestStack() {
        return new LocalChain(URI.create(TestStack.shared().ethereumUrl()));
    }

    public URI url() {
        return url;
    }

    /** A JSON-RPC call; fails the test on a node error. */
    public JsonNode rpc(String method, Object... params) throws IOException, InterruptedException {
        ObjectNode request = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", 1).put("method", method);
        ArrayNode array = request.putArray("params");
        for (Object p : params) {
            array.add(JSON.valueToTree(p));
        }
        JsonNode response = JSON.readTree(http.send(HttpRequest.newBuilder(url).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.toString())).build(), HttpResponse.BodyHandlers.ofString()).body());
        if (response.has("error")) {
            throw new IllegalStateException(method + ": " + response.get("error"));
        }
        return response.get("result");
    }

    /** Places the contract at an address. */
    public void place(String address) throws IOException, InterruptedException {
        rpc("anvil_setCode", address, CONTRACT);
    }

    /** Has the contract at {@code address} emit a log, in a transaction and block of its own; returns the transaction hash. */
    public String emit(String address, List<String> topics, String data) throws IOException, InterruptedException {
        return emit(address, List.of(new Emitted(topics, data)));
    }

    /** {@link #emit(String, List)} in a block of the given time, which must be later than the last block's. */
    public String emitAt(Instant blockTime, String address, List<Emitted> logs) throws IOException, InterruptedException {
        rpc("evm_setNextBlockTimestamp", blockTime.getEpochSecond());
        return emit(address, logs);
    }

    /** Has the contract at {@code address} emit logs, in one transaction and block; returns the transaction hash. */
    public String emit(String address, List<Emitted> logs) throws IOException, InterruptedException {
        StringBuilder call = new StringBuilder("0x");
        for (Emitted log : logs) {
            String data = log.data().startsWith("0x") ? log.data().substring(2) : log.data();
            call.append(word(BigInteger.valueOf(log.topics().size()))).append(word(BigInteger.valueOf(data.length() / 2)));
            log.topics().forEach(t -> call.append(t.substring(2)));
            call.append(data);
        }
        if (account == null) {
            account = rpc("eth_accounts").get(0).asText();
        }
        ObjectNode tx = JSON.createObjectNode().put("from", account).put("to", address).put("data", call.toString())
                .put("gas", "0x100000");
        String hash = rpc("eth_sendTransaction", tx).asText();
        // Mined at once, but the node may answer before the block is in its chain: wait for the receipt.
        for (int tries = 0; tries < 100; tries++) {
            JsonNode receipt = rpc("eth_getTransactionReceipt", hash);
            if (receipt != null && !receipt.isNull()) {
                if (!"0x1".equals(receipt.path("status").asText())) {
                    throw new IllegalStateException("the emitting transaction failed: " + receipt);
                }
                return hash;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("transaction " + hash + " not mined within 5 s");
    }

    /** Has the contract at {@code address} answer {@code selector(argument)} with these words. */
    public void answer(String address, String selector, String argumentWord, List<String> words) throws IOException, InterruptedException {
        BigInteger key = new BigInteger(1, Hash.sha3(Numeric.hexStringToByteArray(
                selector + (argumentWord == null ? word(BigInteger.ZERO) : argumentWord))));
        for (int i = 0; i < words.size(); i++) {
            rpc("anvil_setStorageAt", address, "0x" + word(key.add(BigInteger.valueOf(i))), "0x" + words.get(i));
        }
    }

    public long blockNumber() throws IOException, InterruptedException {
        return Long.decode(rpc("eth_blockNumber").asText());
    }

    public void mine(int blocks) throws IOException, InterruptedException {
        rpc("anvil_mine", "0x" + Integer.toHexString(blocks));
    }

    public String snapshot() throws IOException, InterruptedException {
        return rpc("evm_snapshot").asText();
    }

    public void revert(String snapshot) throws IOException, InterruptedException {
        rpc("evm_revert", snapshot);
    }

    public static final String AAVE_ORACLE = "0x54586be62e3c3580375ae3723c145253060ca0c2";
    public static final String WETH = "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2";
    public static final String USDC = "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48";
    public static final String WBTC = "0x2260fac5e5542a773aa44fbcfedf7c193bc2c599";

    /**
     * Stands in for mainnet: the contract at every address of {@code deployments}, at Aave's oracle, and at WETH (3,000
     * USD), USDC (1 USD) and WBTC (60,000 USD) with their symbols, decimals and oracle prices. Idempotent.
     */
    public void standInForMainnet(List<String> deployments) throws IOException, InterruptedException {
        for (String address : deployments) {
            place(address);
        }
        place(AAVE_ORACLE);
        token(WETH, "WETH", 18, 3000_00000000L);
        token(USDC, "USDC", 6, 1_00000000L);
        token(WBTC, "WBTC", 8, 60000_00000000L);
    }

    private void token(String address, String symbol, int decimals, long usdPrice8) throws IOException, InterruptedException {
        place(address);
        byte[] bytes = symbol.getBytes(StandardCharsets.US_ASCII);
        String text = HexFormat.of().formatHex(bytes) + "0".repeat(64 - 2 * bytes.length);
        answer(address, Tokens.selector("symbol()"), null, List.of(word(BigInteger.valueOf(32)), word(BigInteger.valueOf(bytes.length)), text));
        answer(address, Tokens.selector("decimals()"), null, List.of(word(BigInteger.valueOf(decimals))));
        answer(AAVE_ORACLE, Tokens.selector("getAssetPrice(address)"), addressWord(address), List.of(word(BigInteger.valueOf(usdPrice8))));
    }

    /** A 32-byte ABI word of a number, as 64 hex digits. */
    public static String word(BigInteger value) {
        String hex = value.toString(16);
        return "0".repeat(64 - hex.length()) + hex;
    }

    /** An address as a topic or ABI word. */
    public static String addressWord(String address) {
        return "0".repeat(24) + address.substring(2).toLowerCase();
    }
}
