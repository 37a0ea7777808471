package io.cascaderadar.connectors.influxdb;

import io.cascaderadar.connectors.tls.TrustStores;
import io.cascaderadar.stack.FreePorts;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An influxd of a test's own, as a production server runs: https with a certificate of a private CA (made by the
 * JDK's keytool), authentication on, an admin user. The system's {@code influxd} (the stack installs it), on a free
 * port, in a temporary folder.
 */
final class SecuredInfluxd implements AutoCloseable {
    static final String USER = "radar-admin";

    private final Process process;
    private final String url;
    private final Path truststore;
    private final String truststorePassword;
    private final String adminPassword;

    private SecuredInfluxd(Process process, String url, Path truststore, String truststorePassword, String adminPassword) {
        this.process = process;
        this.url = url;
        this.truststore = truststore;
        this.truststorePassword = truststorePassword;
        this.adminPassword = adminPassword;
    }

    static SecuredInfluxd start(Path dir) throws Exception {
        Path keystore = dir.resolve("server.p12");
        String storePassword = "store-" + System.nanoTime();
        ProcessBuilder keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "influxd", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=IP:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass:env", "STORE_PASSWORD")
                .redirectErrorStream(true).redirectOutput(dir.resolve("keytool.log").toFile());
        keytool.environment().put("STORE_PASSWORD", storePassword); // never on a command line
        int exit = keytool.start().waitFor();
        if (exit != 0) {
            throw new IOException("keytool failed: " + Files.readString(dir.resolve("keytool.log")));
        }
        KeyStore server = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            server.load(in, storePassword.toCharArray());
        }
        Certificate certificate = server.getCertificate("influxd");
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Files.writeString(cert, pem("CERTIFICATE", certificate.getEncoded()));
        Files.writeString(key, pem("PRIVATE KEY", server.getKey("influxd", storePassword.toCharArray()).getEncoded()));
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("influxd", certificate);
        Path truststore = dir.resolve("truststore.p12");
        try (OutputStream out = Files.newOutputStream(truststore)) {
            trust.store(out, storePassword.toCharArray());
        }

        int[] ports = FreePorts.pick(2);
        int port = ports[0];
        Files.writeString(dir.resolve("influxdb.conf"), String.join("\n",
                "reporting-disabled = true",
                "bind-address = \"127.0.0.1:" + ports[1] + "\"",
                "[meta]", "  dir = \"" + dir.resolve("meta") + "\"",
                "[data]", "  dir = \"" + dir.resolve("data") + "\"", "  wal-dir = \"" + dir.resolve("wal") + "\"",
                "[http]", "  bind-address = \"127.0.0.1:" + port + "\"", "  auth-enabled = true", "  log-enabled = false",
                "  https-enabled = true", "  https-certificate = \"" + cert + "\"", "  https-private-key = \"" + key + "\"",
                ""));
        Process process = new ProcessBuilder(List.of("influxd", "-config", dir.resolve("influxdb.conf").toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("influxd.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        String url = "https://127.0.0.1:" + port;
        awaitPing(process, url, truststore, storePassword);
        // With authentication on and no user yet, the first statement may create the admin.
        String adminPassword = "pw-" + System.nanoTime();
        new InfluxHttpClient(config(url, truststore, storePassword, null, null)).execute(
                "CREATE USER \"" + USER + "\" WITH PASSWORD '" + adminPassword + "' WITH ALL PRIVILEGES");
        return new SecuredInfluxd(process, url, truststore, storePassword, adminPassword);
    }

    String adminPassword() {
        return adminPassword;
    }

    String url() {
        return url;
    }

    /** The settings of a client of this server, with these credentials (null for none). */
    InfluxConfig config(String user, String password) {
        return config(url, truststore, truststorePassword, user, password);
    }

    private static InfluxConfig config(String url, Path truststore, String truststorePassword, String user, String password) {
        Map<String, String> settings = new HashMap<>(Map.of("url", url, "database", "secured",
                "ssl.truststore.location", truststore.toString(), "ssl.truststore.password", truststorePassword,
                "ssl.truststore.type", "PKCS12", "retry.max.time", "2s"));
        if (user != null) {
            settings.put("username", user);
            settings.put("password", password);
        }
        return InfluxConfig.fromMap(settings);
    }

    private static void awaitPing(Process process, String url, Path truststore, String truststorePassword) throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .sslContext(TrustStores.sslContext("test influxd", truststore.toString(), truststorePassword, "PKCS12")).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url + "/ping")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 204) {
                    return;
                }
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("influxd did not answer on " + url, notYet);
                }
            }
            Thread.sleep(100);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
