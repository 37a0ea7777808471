package io.cascaderadar.stack;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A local Ethereum node: Foundry's Anvil, from the npm registry's {@code @foundry-rs/anvil-linux-amd64} package
 * (the binary is inside it), downloaded once into the tools directory ({@code RADAR_TOOLS_DIR}, default
 * {@code ~/.cascade-radar/tools}) and checked against the package's published SHA-512. JSON-RPC on loopback with
 * chain id 1 (mainnet's, so that the shipped deployments' addresses mean what they mean on mainnet); its chain is
 * kept in the state directory when it stops.
 */
final class EthereumNode implements StackPart {
    static final String VERSION = "1.7.1";
    private static final URI PACKAGE = URI.create(
            "https://registry.npmjs.org/@foundry-rs/anvil-linux-amd64/-/anvil-linux-amd64-" + VERSION + ".tgz");
    /** The package's {@code dist.integrity} as the registry publishes it. */
    private static final String SHA512 = "+XmShybEaxfCrr0OUUZwYEy2OnYZt5pHH9TzBtLv3+VrK0O/ANuNSVEahqNhKHlgX7GRJ59383ofNhxkRWIYTg==";
    private static final String BINARY_IN_PACKAGE = "package/bin/anvil";

    private final StackConfig config;
    private final Path anvil;

    EthereumNode(StackConfig config, Map<String, String> env) {
        this.config = config;
        Path tools = env.containsKey("RADAR_TOOLS_DIR") ? Path.of(env.get("RADAR_TOOLS_DIR"))
                : Path.of(System.getProperty("user.home"), ".cascade-radar", "tools");
        this.anvil = tools.toAbsolutePath().resolve("anvil-" + VERSION).resolve("anvil");
    }

    @Override
    public String name() {
        return "ethereum";
    }

    @Override
    public String url() {
        return "http://127.0.0.1:" + config.ethereumPort();
    }

    @Override
    public boolean installed() {
        return Files.isExecutable(anvil);
    }

    @Override
    public boolean install(Path log) throws IOException, InterruptedException {
        if (!"Linux".equals(System.getProperty("os.name")) || !"amd64".equals(System.getProperty("os.arch"))) {
            return false;
        }
        HttpResponse<byte[]> response = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20)).build()
                .send(HttpRequest.newBuilder(PACKAGE).timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("downloading Anvil: " + PACKAGE + " answered " + response.statusCode());
        }
        byte[] tgz = response.body();
        if (!SHA512.equals(sha512(tgz))) {
            throw new IOException("downloading Anvil: " + PACKAGE + " does not match its published SHA-512");
        }
        Files.createDirectories(anvil.getParent());
        Path partial = anvil.resolveSibling("anvil.partial");
        Files.write(partial, fileInTar(new GZIPInputStream(new ByteArrayInputStream(tgz)), BINARY_IN_PACKAGE));
        partial.toFile().setExecutable(true, false);
        Files.move(partial, anvil, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    private static String sha512(byte[] bytes) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-512").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One file of a tar stream (ustar: 512-byte headers, the name at 0, the octal size at 124). */
    private static byte[] fileInTar(InputStream tar, String name) throws IOException {
        byte[] header = new byte[512];
        while (tar.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
            String entry = new String(header, 0, 100, StandardCharsets.US_ASCII).trim().replace("\0", "");
            long size = Long.parseLong(new String(header, 124, 12, StandardCharsets.US_ASCII).replace("\0", "").trim(), 8);
            if (entry.equals(name)) {
                return tar.readNBytes((int) size);
            }
            tar.skipNBytes((size + 511) / 512 * 512);
        }
        throw new IOException("the Anvil package has no " + name);
    }

    @Override
    public String installHint() {
        return "not installed: the stack downloads Anvil " + VERSION + " from the npm registry on Linux x64 (or put it at " + anvil + ")";
    }

    @Override
    public void prepare(Path dir) throws IOException {
        Files.createDirectories(dir);
    }

    @Override
    public List<String> command(Path dir) {
        return List.of(anvil.toString(), "--host", "127.0.0.1", "--port", Integer.toString(config.ethereumPort()),
                "--chain-id", "1", "--state", dir.resolve("chain.json").toString());
    }

    @Override
    public boolean answers() {
        return HttpProbe.answersPost(url(), "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}");
    }
}
