package io.cascaderadar.connectors;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Deterministic ids: the same parts always give the same id, on every machine and in every run. */
public final class StableId {

    /** One per thread for the static methods: looking a digest up costs as much as the hash of a short id. */
    private static final ThreadLocal<Fingerprints> PER_THREAD = ThreadLocal.withInitial(Fingerprints::new);

    private StableId() {}

    /** The first 16 hex digits of SHA-256 over the parts joined by a unit separator. */
    public static String hash(Object... parts) {
        StringBuilder joined = new StringBuilder();
        for (Object part : parts) {
            joined.append(part).append('\u001f');
        }
        return HexFormat.of().toHexDigits(fingerprint(joined.toString()));
    }

    /** The first 8 bytes of SHA-256 over a text's UTF-8, as a number: an id in 8 bytes, two ids alike once in 2^64. */
    public static long fingerprint(String text) {
        return PER_THREAD.get().of(text);
    }

    /**
     * {@link #fingerprint}s made on one thread with a digest and buffers of its own, for an operator that fingerprints
     * every event: no lookup of the thread's digest (whose map of thread-locals a Flink task crowds), and no array
     * for the text's bytes nor for the digest.
     */
    public static final class Fingerprints {
        private static final VarHandle BIG_ENDIAN_LONG = MethodHandles.byteArrayViewVarHandle(long[].class,
                ByteOrder.BIG_ENDIAN);

        private final MessageDigest sha256;
        private final byte[] digest = new byte[32];
        private byte[] ascii = new byte[64];

        public Fingerprints() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
        }

        public long of(String text) {
            int n = text.length();
            if (ascii.length < n) {
                ascii = new byte[Math.max(n, 2 * ascii.length)];
            }
            int i = 0;
            for (char c; i < n && (c = text.charAt(i)) < 0x80; i++) {
                ascii[i] = (byte) c;
            }
            if (i == n) {
                sha256.update(ascii, 0, n); // ASCII is its own UTF-8: most ids
            } else {
                sha256.update(text.getBytes(StandardCharsets.UTF_8));
            }
            try {
                sha256.digest(digest, 0, digest.length);
            } catch (DigestException e) {
                throw new IllegalStateException("SHA-256 fills 32 bytes", e);
            }
            return (long) BIG_ENDIAN_LONG.get(digest, 0);
        }
    }
}
