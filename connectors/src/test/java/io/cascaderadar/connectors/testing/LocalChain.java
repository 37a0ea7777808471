package io.cascaderadar.connectors.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cascaderadar.stack.testing.TestStack;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.web3j.crypto.Hash;

/**
 * The test stack's Anvil node, with two minimal contracts placed where the protocols' real contracts are
 * ({@code anvil_setCode}), so that the collector reads the logs and calls a real node serves:
 * <ul>
 *   <li>an <b>emitter</b>: called with {@code [k][topic0..topic(k-1)][data]} (k = 3 or 4, one 32-byte word each),
 *       it emits that log, as the protocol's contract would;</li>
 *   <li>an <b>answerer</b>: a call of {@code selector + first argument} returns five words stored at
 *       {@code keccak256(selector ++ argument)} and the four slots after it, which the test sets with
 *       {@code anvil_setStorageAt}: token symbols and decimals, oracle prices, market parameters.</li>
 * </ul>
 */
public final class LocalChain {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * CALLDATACOPY the call to memory; k = mload(0); k == 4 ? LOG4(0xa0, size - 0xa0, t0..t3)
     * : LOG3(0x80, size - 0x80, t0..t2). Topic i is at 0x20 + 0x20 i.
     */
    static final String EMITTER = "0x3660006000376000518060041460225750606051604051602051608036036080a3005b"
            + "5060805160605160405160205160a0360360a0a400";
    /** key = keccak256(calldata[0:36]); return sload(key), sload(key + 1), ..., sload(key + 4). */
    static final String ANSWERER = "0x602460006000376024600020805460005280600101546020528060020154604052806003015460605280"
            + "60040154608052" + "60a06000f3";

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

    public void placeEmitter(String address) throws IOException, InterruptedException {
        rpc("anvil_setCode", address, EMITTER);
    }

    public void placeAnswerer(String address) throws IOException, InterruptedException {
        rpc("anvil_setCode", address, ANSWERER);
    }

    /** Has the emitter at {@code address} emit a log, in a block of its own; returns the transaction hash. */
    public String emit(String address, List<String> topics, String data) throws IOException, InterruptedException {
        StringBuilder call = new StringBuilder("0x").append(word(BigInteger.valueOf(topics.size())));
        topics.forEach(t -> call.append(t.substring(2)));
        call.append(data.startsWith("0x") ? data.substring(2) : data);
        if (account == null) {
            account = rpc("eth_accounts").get(0).asText();
        }
        ObjectNode tx = JSON.createObjectNode().put("from", account).put("to", address).put("data", call.toString())
                .put("gas", "0x100000");
        return rpc("eth_sendTransaction", tx).asText();
    }

    /** Has the answerer at {@code address} answer {@code selector(argument)} with these words. */
    public void answer(String address, String selector, String argumentWord, List<String> words) throws IOException, InterruptedException {
        BigInteger key = new BigInteger(1, Hash.sha3(org.web3j.utils.Numeric.hexStringToByteArray(
                selector + (argumentWord == null ? word(BigInteger.ZERO) : argumentWord))));
        for (int i = 0; i < words.size(); i++) {
            rpc("anvil_setStorageAt", address, "0x" + word(key.add(BigInteger.valueOf(i))), "0x" + words.get(i));
        }
    }

    /** {@code selector()} of a function signature: {@code 0x313ce567} for {@code decimals()}. */
    public static String selector(String signature) {
        return Hash.sha3String(signature).substring(0, 10);
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
