package io.cascaderadar.connectors.chain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * ERC-20 tokens as the chain describes them ({@code symbol()}, {@code decimals()}, asked once per token and kept),
 * and the asset each stands for: WETH and the staked ETH tokens are ETH, the wrapped bitcoins BTC, the dollar tokens
 * stable ({@code token-assets.csv}); any other token is an asset of its own symbol.
 */
public final class Tokens {
    private static final String SYMBOL = selector("symbol()");
    private static final String DECIMALS = selector("decimals()");
    private static final Map<String, String[]> ASSETS = loadAssets();

    /** A token: its raw amounts are integers in units of 10^-decimals. */
    public record Token(String address, String symbol, int decimals, String asset, boolean stable) {
        public double amount(BigInteger raw) {
            return new BigDecimal(raw).movePointLeft(decimals).doubleValue();
        }
    }

    /** An address that does not answer as an ERC-20 token. */
    public static final class NotAToken extends IOException {
        NotAToken(String message) {
            super(message);
        }
    }

    private final ChainRpc rpc;
    private final Map<String, Token> known = new ConcurrentHashMap<>();

    public Tokens(ChainRpc rpc) {
        this.rpc = rpc;
    }

    /** The token at an address, asked of the chain as of {@code block} the first time. */
    public Token of(String address, long block) throws IOException, InterruptedException {
        String key = address.toLowerCase(Locale.ROOT);
        Token token = known.get(key);
        if (token == null) {
            String symbol = symbol(Numeric.hexStringToByteArray(rpc.call(key, SYMBOL, block)));
            byte[] decimals = Numeric.hexStringToByteArray(rpc.call(key, DECIMALS, block));
            if (symbol.isEmpty() || decimals.length < 32) {
                throw new NotAToken("token " + key + " answers no symbol() or decimals()");
            }
            token = withAsset(key, symbol, new BigInteger(1, Arrays.copyOf(decimals, 32)).intValueExact());
            known.put(key, token);
        }
        return token;
    }

    /** The 4-byte selector of a function signature, as hex: {@code 0x313ce567} for {@code decimals()}. */
    public static String selector(String signature) {
        return Hash.sha3String(signature).substring(0, 10);
    }

    /** A token of a known symbol and decimals (Maker's collateral types name theirs). */
    public static Token withAsset(String address, String symbol, int decimals) {
        String[] asset = ASSETS.get(symbol.toUpperCase(Locale.ROOT));
        return new Token(address, symbol, decimals, asset == null ? symbol.toUpperCase(Locale.ROOT) : asset[0],
                asset != null && Boolean.parseBoolean(asset[1]));
    }

    /** {@code symbol()} returns an ABI string, or a bytes32 in older tokens (MKR). */
    private static String symbol(byte[] answer) {
        if (answer.length >= 96 && new BigInteger(1, Arrays.copyOf(answer, 32)).intValue() == 32) {
            int length = new BigInteger(1, Arrays.copyOfRange(answer, 32, 64)).intValue();
            if (length >= 0 && 64 + length <= answer.length) {
                return new String(answer, 64, length, StandardCharsets.UTF_8);
            }
        }
        return answer.length < 32 ? "" : new String(answer, 0, 32, StandardCharsets.UTF_8).replace("\0", "").trim();
    }

    private static Map<String, String[]> loadAssets() {
        Map<String, String[]> assets = new HashMap<>();
        try (InputStream in = Tokens.class.getResourceAsStream("token-assets.csv");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.lines().skip(1).map(line -> line.split(",")).forEach(f -> assets.put(f[0], new String[] {f[1], f[2]}));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(assets);
    }
}
