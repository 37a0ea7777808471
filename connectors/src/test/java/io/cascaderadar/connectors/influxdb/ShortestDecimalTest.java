package io.cascaderadar.connectors.influxdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Limited in time: a digit loop that never ends (a zero significand) hangs rather than fails. */
@Timeout(value = 1, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ShortestDecimalTest {
    /** Since JDK 19 {@code Double.toString} gives the shortest decimal, by the same algorithm. */
    private static final boolean JAVA_IS_SHORTEST = Runtime.version().feature() >= 19;

    @Test
    void everyDoubleReadsBackAsItselfAndIsNeverLongerThanJavasText() {
        for (double v : samples()) {
            String ours = text(v);
            String java = Double.toString(v).replace('E', 'e');
            assertThat(Double.doubleToRawLongBits(Double.parseDouble(ours)))
                    .as("%s read back from %s", java, ours).isEqualTo(Double.doubleToRawLongBits(v));
            assertThat(ours.length()).as("%s against %s", ours, java).isLessThanOrEqualTo(java.length());
            if (JAVA_IS_SHORTEST) {
                assertThat(ours).isEqualTo(java);
            }
        }
    }

    @Test
    void laidOutAsJavaDoes() {
        assertThat(text(0.0)).isEqualTo("0.0");
        assertThat(text(-0.0)).isEqualTo("-0.0");
        assertThat(text(42.0)).isEqualTo("42.0");
        assertThat(text(-1234.5678)).isEqualTo("-1234.5678");
        assertThat(text(9_999_999.999999998)).isEqualTo("9999999.999999998");
        assertThat(text(1e7)).isEqualTo("1.0e7");
        assertThat(text(123_456_789.0)).isEqualTo("1.23456789e8");
        assertThat(text(0.001)).isEqualTo("0.001");
        assertThat(text(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(text(1e-4)).isEqualTo("1.0e-4");
        assertThat(text(-2.5e-7)).isEqualTo("-2.5e-7");
        assertThat(text(Double.MAX_VALUE)).isEqualTo("1.7976931348623157e308");
        assertThat(text(Double.MIN_VALUE)).isEqualTo("4.9e-324");
        assertThat(text(Double.MIN_NORMAL)).isEqualTo("2.2250738585072014e-308");
    }

    @Test
    void whereJava17IsLongerTheShortestIsWritten() {
        // JDK 17 writes 9.999999999999999E22 and 1.9999999999999998E23 for these (JDK-4511638).
        assertThat(text(1e23)).isEqualTo("1.0e23");
        assertThat(text(2e23)).isEqualTo("2.0e23");
    }

    @Test
    void wholeCentsAreTheirDecimal() {
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            // Every magnitude of cents up to the 10^13 USD the short way takes, and past it.
            long cents = (random.nextLong() >>> 1 >> random.nextInt(63)) % 10_000_000_000_000_000L;
            cents = random.nextBoolean() ? -cents : cents;
            double v = cents / 100.0;
            if (cents == 0) {
                continue;
            }
            BigDecimal decimal = BigDecimal.valueOf(cents, 2).stripTrailingZeros();
            String ours = text(v);
            assertThat(Double.parseDouble(ours)).isEqualTo(v);
            if (Math.abs(v) < 1e13) {
                assertThat(ours).as("%d cents", cents).isEqualTo(javaLayout(decimal));
            }
        }
    }

    /** A decimal laid out as {@link Double#toString} does, with a lower-case e. */
    private static String javaLayout(BigDecimal d) {
        double abs = d.abs().doubleValue();
        if (abs >= 1e-3 && abs < 1e7) {
            return d.scale() <= 0 ? d.setScale(0).toPlainString() + ".0" : d.toPlainString();
        }
        String digits = d.unscaledValue().abs().toString();
        return (d.signum() < 0 ? "-" : "") + digits.charAt(0) + "." + (digits.length() > 1 ? digits.substring(1) : "0")
                + "e" + (digits.length() - 1 - d.scale());
    }

    @Test
    void roundedIsTheNearestDecimalOfSoManyDigitsWrittenAsItsDoubleIs() {
        Random random = new Random(5);
        for (double v : samples()) {
            int significant = 1 + random.nextInt(ShortestDecimal.MAX_SIGNIFICANT);
            BigDecimal exact = new BigDecimal(v);
            BigDecimal nearest = exact.round(new MathContext(significant, RoundingMode.HALF_EVEN));
            String ours = rounded(v, significant);
            BigDecimal written = new BigDecimal(ours);
            // The decimal of so many digits nearest to v, or the other one next to it where v is within a rounding
            // error of their tie; a subnormal's has fewer digits, those that read back as the same double.
            BigDecimal unit = BigDecimal.ONE.scaleByPowerOfTen(nearest.precision() - nearest.scale() - significant);
            boolean subnormal = Math.getExponent(v) < Double.MIN_EXPONENT;
            if (v != 0 && !subnormal && written.compareTo(nearest) != 0) {
                BigDecimal fromTie = exact.subtract(nearest).abs().subtract(unit.divide(BigDecimal.valueOf(2))).abs();
                assertThat(fromTie.compareTo(exact.abs().multiply(new BigDecimal("1e-15"))))
                        .as("%s to %d digits: %s, not %s", v, significant, ours, nearest).isLessThanOrEqualTo(0);
                assertThat(written.subtract(nearest).abs().compareTo(unit)).isLessThanOrEqualTo(0);
            }
            double r = ShortestDecimal.round(v, significant);
            assertThat(ours).as("%s to %d digits", v, significant).isEqualTo(text(r));
            assertThat(Double.parseDouble(ours)).isEqualTo(r);
            assertThat(Math.abs(r)).isEqualTo(ShortestDecimal.round(Math.abs(v), significant));
        }
    }

    @Test
    void roundedToSixDigits() {
        assertThat(rounded(3.4512345678901234, 6)).isEqualTo("3.45123");
        assertThat(rounded(-0.30000000000000004, 6)).isEqualTo("-0.3");
        assertThat(rounded(999_999.7, 6)).isEqualTo("1000000.0");
        assertThat(rounded(12_345_678.9, 6)).isEqualTo("1.23457e7");
        assertThat(rounded(0.000123456789, 6)).isEqualTo("1.23457e-4");
        assertThat(rounded(2.5e-300, 6)).isEqualTo("2.5e-300");
        assertThat(rounded(Double.MIN_VALUE, 6)).isEqualTo("4.9e-324"); // subnormal: no more digits read back
        assertThat(rounded(0.0, 6)).isEqualTo("0.0");
        assertThat(rounded(-0.0, 6)).isEqualTo("-0.0");
        assertThatThrownBy(() -> rounded(1.5, 16)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rounded(Double.NaN, 6)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void notFiniteIsRefused() {
        assertThatThrownBy(() -> text(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> text(Double.NEGATIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Written after a byte of something else, into exactly the room it asks for, and read as ASCII. */
    private static String text(double v) {
        byte[] out = new byte[1 + ShortestDecimal.MAX_LENGTH];
        out[0] = 'x';
        int end = ShortestDecimal.write(out, 1, v);
        assertThat(out[0]).isEqualTo((byte) 'x');
        return new String(out, 1, end - 1, StandardCharsets.US_ASCII);
    }

    private static String rounded(double v, int significant) {
        byte[] out = new byte[1 + ShortestDecimal.MAX_LENGTH];
        out[0] = 'x';
        int end = ShortestDecimal.writeRounded(out, 1, v, significant);
        assertThat(out[0]).isEqualTo((byte) 'x');
        return new String(out, 1, end - 1, StandardCharsets.US_ASCII);
    }

    /** Every binary exponent and power of ten with its neighbours (the algorithm's edges), and random doubles. */
    private static List<Double> samples() {
        List<Double> samples = new ArrayList<>();
        for (int e = Double.MIN_EXPONENT - 52; e <= Double.MAX_EXPONENT; e++) {
            addWithNeighbours(samples, Math.scalb(1.0, e));
        }
        for (int e = -323; e <= 308; e++) {
            addWithNeighbours(samples, Double.parseDouble("1e" + e));
        }
        Random random = new Random(20251010);
        for (int i = 0; i < 100_000; i++) {
            double anyBits = Double.longBitsToDouble(random.nextLong());
            if (Double.isFinite(anyBits)) {
                samples.add(anyBits);
            }
            samples.add(Double.longBitsToDouble(random.nextLong() & 0x000F_FFFF_FFFF_FFFFL)); // subnormal
            samples.add(random.nextDouble() * 1e8); // USD sums
            samples.add(random.nextInt(100_000_000) / 100.0); // cents
            samples.add(random.nextDouble()); // shares and ratios
        }
        return samples;
    }

    private static void addWithNeighbours(List<Double> samples, double v) {
        samples.add(Math.nextDown(v));
        samples.add(v);
        samples.add(Math.nextUp(v));
        samples.add(-v);
    }
}
