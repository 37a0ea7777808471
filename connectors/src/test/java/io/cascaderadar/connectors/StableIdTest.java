package io.cascaderadar.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class StableIdTest {

    @Test
    void idsArePrefixesOfSha256AndTheSameOnEveryCallAndThread() throws Exception {
        // SHA-256("abc") = ba7816bf8f01cfea...; hash("venue", 42) hashes "venue\u001f42\u001f".
        assertThat(StableId.fingerprint("abc")).isEqualTo(0xba7816bf8f01cfeaL);
        assertThat(StableId.hash("venue", 42)).isEqualTo("68e3cae084ac060c");
        assertThat(StableId.fingerprint("abc")).as("a reused digest starts afresh").isEqualTo(0xba7816bf8f01cfeaL);

        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            Callable<Boolean> many = () -> {
                for (int i = 0; i < 10_000; i++) {
                    if (StableId.fingerprint("abc") != 0xba7816bf8f01cfeaL) {
                        return false;
                    }
                }
                return true;
            };
            for (Future<Boolean> result : threads.invokeAll(List.of(many, many, many, many))) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void anOperatorsOwnFingerprintsAreThePrefixesOfSha256OfUtf8ForAnyTextOneAfterTheOther() throws Exception {
        StableId.Fingerprints fingerprints = new StableId.Fingerprints();
        String longer = "binance-usdm:BTCUSDT:".repeat(12) + "1760112345678";
        // ASCII, empty, longer than the first buffer, Latin-1 (two bytes in UTF-8) alone, and wider characters.
        for (String text : List.of("abc", "", longer, "okx:caf\u00e9", "hyperliquid:ETH:0x5f\u00e9:\u4e2d\ud83d\ude80",
                "abc", longer + "x", "bybit:SOLUSDT:42")) {
            byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            long expected = ByteBuffer.wrap(sha256).getLong();
            assertThat(fingerprints.of(text)).as(text).isEqualTo(expected);
            assertThat(StableId.fingerprint(text)).as(text).isEqualTo(expected);
        }
    }
}
