package io.cascaderadar.connectors.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** TLS that trusts the certificates of one trust store (a private CA), for the project's HTTP clients. */
public final class TrustStores {

    private TrustStores() {}

    /**
     * @param what names the server in the error, e.g. "schema registry"
     * @param type the key store type; null for the JDK's default
     */
    public static SSLContext sslContext(String what, String location, String password, String type) {
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            KeyStore trust = KeyStore.getInstance(type == null ? KeyStore.getDefaultType() : type);
            trust.load(in, password == null ? null : password.toCharArray());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(what + " trust store " + location + " cannot be read: " + e.getMessage(), e);
        }
    }
}
