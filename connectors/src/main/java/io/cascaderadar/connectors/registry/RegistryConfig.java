package io.cascaderadar.connectors.registry;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Where the schema registry is and how to talk to it, with the Confluent client's property names so that
 * existing configurations carry over:
 * <ul>
 *   <li>{@code schema.registry.url}: the base of the Confluent API (for Apicurio Registry:
 *       {@code http://host:8080/apis/ccompat/v7});</li>
 *   <li>{@code basic.auth.user.info} ({@code user:password}) with {@code basic.auth.credentials.source=USER_INFO},
 *       or {@code bearer.auth.token};</li>
 *   <li>{@code schema.registry.ssl.truststore.location}, {@code .password}, {@code .type} for https with a private
 *       CA (without them the JDK's default trust store is used);</li>
 *   <li>{@code auto.register.schemas} (default true): writers register their schema; false to only look it up.</li>
 * </ul>
 * {@link #toString()} never shows a secret.
 */
public record RegistryConfig(URI url, String basicAuthUserInfo, String bearerToken, String truststoreLocation,
        String truststorePassword, String truststoreType, boolean autoRegister, Duration timeout) implements Serializable {

    public static final String URL = "schema.registry.url";
    public static final String BASIC_AUTH_SOURCE = "basic.auth.credentials.source";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    public static final String BEARER_TOKEN = "bearer.auth.token";
    public static final String TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
    public static final String TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
    public static final String TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";
    public static final String AUTO_REGISTER = "auto.register.schemas";

    public RegistryConfig {
        if (url == null || url.getScheme() == null || !url.getScheme().startsWith("http")) {
            throw new IllegalArgumentException("schema registry URL must be http or https, got " + url);
        }
        if (basicAuthUserInfo != null && bearerToken != null) {
            throw new IllegalArgumentException("schema registry: give basic auth or a bearer token, not both");
        }
    }

    public static RegistryConfig of(String url) {
        return fromMap(Map.of(URL, url));
    }

    public static RegistryConfig fromMap(Map<String, ?> settings) {
        Object url = settings.get(URL);
        if (url == null || url.toString().isBlank()) {
            throw new IllegalArgumentException("'" + URL + "' is not set");
        }
        String source = text(settings, BASIC_AUTH_SOURCE);
        if (source != null && !source.equals("USER_INFO")) {
            throw new IllegalArgumentException(BASIC_AUTH_SOURCE + "=" + source + " is not supported; use USER_INFO");
        }
        String autoRegister = text(settings, AUTO_REGISTER);
        return new RegistryConfig(URI.create(stripSlash(url.toString().trim())), text(settings, BASIC_AUTH_USER_INFO),
                text(settings, BEARER_TOKEN), text(settings, TRUSTSTORE_LOCATION), text(settings, TRUSTSTORE_PASSWORD),
                text(settings, TRUSTSTORE_TYPE), autoRegister == null || Boolean.parseBoolean(autoRegister),
                Duration.ofSeconds(10));
    }

    private static String text(Map<String, ?> settings, String key) {
        Object value = settings.get(key);
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public String toString() {
        return "RegistryConfig[url=" + url + ", auth=" + (basicAuthUserInfo != null ? "basic ****" : bearerToken != null ? "bearer ****" : "none")
                + (truststoreLocation != null ? ", truststore=" + truststoreLocation : "") + ", autoRegister=" + autoRegister + "]";
    }
}
