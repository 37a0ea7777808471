package io.cascaderadar.connectors.influxdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AsciiDigitsTest {

    @Test
    void writesEveryLongAsLongToStringDoes() {
        Random random = new Random(11);
        long[] edges = {0, 1, 9, 10, 99, 100, 9_999, 10_000, 99_999_999, 100_000_000, 9_999_999_999_999_999L,
            10_000_000_000_000_000L, Long.MAX_VALUE, -1, -100_000_000, Long.MIN_VALUE + 1, Long.MIN_VALUE};
        for (long v : edges) {
            assertThat(written(v)).isEqualTo(Long.toString(v));
        }
        for (int i = 0; i < 100_000; i++) {
            // Every length of digits, not only the longest that uniform longs mostly are.
            long v = random.nextLong() >> random.nextInt(64);
            assertThat(written(v)).isEqualTo(Long.toString(v));
            assertThat(AsciiDigits.count(Math.abs(v == Long.MIN_VALUE ? 0 : v)))
                    .isEqualTo(Long.toString(Math.abs(v == Long.MIN_VALUE ? 0 : v)).length());
        }
    }

    @Test
    void writesTheLastDigitsWithZerosInFrontAndReturnsWhatIsLeft() {
        Random random = new Random(12);
        for (int i = 0; i < 20_000; i++) {
            long v = random.nextLong() >>> 1 >> random.nextInt(63);
            int count = random.nextInt(20);
            byte[] to = new byte[30];
            long left = AsciiDigits.writeLast(to, 25, v, count);
            String padded = "0".repeat(19) + v;
            assertThat(new String(to, 25 - count, count, StandardCharsets.US_ASCII))
                    .isEqualTo(padded.substring(padded.length() - count));
            // 10^19 is past a long: every long that is not negative has fewer digits.
            assertThat(left).isEqualTo(count == 19 ? 0 : v / (long) Math.pow(10, count));
        }
    }

    private static String written(long v) {
        byte[] to = new byte[AsciiDigits.MAX_LENGTH + 3];
        int end = AsciiDigits.write(to, 2, v);
        return new String(to, 2, end - 2, StandardCharsets.US_ASCII);
    }
}
