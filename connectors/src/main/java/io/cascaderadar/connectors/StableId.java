package io.cascaderadar.connectors;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Deterministic ids: the same parts always give the same id, on every machine and in every run. */
public final class StableId {

    /** One digest per thread: looking one up costs as much as the hash of a short id (a replay's profile). */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    });

    private StableId() {}

    /** The first 16 hex digits of SHA-256 over the parts joined by a unit separator. */
    public static String hash(Object... parts) {
        StringBuilder joined = new StringBuilder();
        for (Object part : parts) {
            joined.append(part).append('\u001f');
        }
        return HexFormat.of().formatHex(sha256(joined.toString()), 0, 8);
    }

    /** The first 8 bytes of SHA-256 over a text, as a number: an id in 8 bytes, two ids alike once in 2^64. */
    public static long fingerprint(String text) {
        return ByteBuffer.wrap(sha256(text)).getLong();
    }

    private static byte[] sha256(String text) {
        return SHA_256.get().digest(text.getBytes(StandardCharsets.UTF_8));
    }
}
