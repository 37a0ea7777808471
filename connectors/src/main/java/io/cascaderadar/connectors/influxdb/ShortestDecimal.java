package io.cascaderadar.connectors.influxdb;

import java.math.BigInteger;

/**
 * Writes a finite double as the shortest decimal that reads back as the same double, in the layout of
 * {@link Double#toString} (plain from 10^-3 to 10^7, else {@code d.ddde-n}) but with a lower-case {@code e}.
 *
 * <p>Why our own: JDK 17's {@code Double.toString} takes over 100 ns for the 16- and 17-digit values most signal
 * fields are (sums of USD amounts, ratios), and the six line-protocol points of a signal carry about 40 of them, a
 * third of the time formatting a signal took (benchmarks/README.md, "Fifth round"). This is
 * R. Giulietti's Schubfach algorithm ("The Schubfach way to render doubles", 2020), which JDK 19 adopted for
 * {@code Double.toString}; on JDK 19 and later the two give identical text, on JDK 17 this one is also never longer.
 *
 * <p>In short: a double is c·2^q. With k = ⌊log10 2^q⌋, the candidates are the decimals s·10^k and (s+1)·10^k
 * around v, and the one-digit-shorter multiples of 10 of them; the bounds of the interval that rounds to v are
 * computed exactly enough from a 126-bit approximation g of 10^-k (round to odd keeps a sticky bit), and the
 * shortest candidate inside the interval, or else the closer one, is taken.
 */
public final class ShortestDecimal {
    private static final int PRECISION = 53;
    private static final int Q_MIN = -1074;
    private static final long C_MIN = 1L << (PRECISION - 1);
    private static final long SIGNIFICAND_MASK = C_MIN - 1;
    /** Subnormal significands below this are scaled by ten first, for an exact k (Giulietti's c_tiny). */
    private static final long C_TINY = 3;
    private static final int K_MIN = -324;
    private static final int K_MAX = 292;
    private static final long MASK_63 = Long.MAX_VALUE;
    private static final long NEGATIVE_ZERO = Double.doubleToRawLongBits(-0.0);
    /** The high and low 63 bits of g(k) = ⌊10^-k / 2^r⌋ + 1, with r such that 2^125 ≤ g(k) &lt; 2^126. */
    private static final long[] G = approximationsOfPowersOfTen();
    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = 10 * POWERS_OF_TEN[i - 1];
        }
    }

    private ShortestDecimal() {}

    public static void append(StringBuilder out, double v) {
        long bits = Double.doubleToRawLongBits(v);
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("not a finite number: " + v);
        }
        if (Math.abs(v) < 1e7 && v == (long) v && bits != NEGATIVE_ZERO) {
            // The zeros and counts of quiet windows, most often.
            out.append((long) v).append(".0");
            return;
        }
        if (bits < 0) {
            out.append('-');
        }
        long t = bits & SIGNIFICAND_MASK;
        int biasedExponent = (int) (bits >>> (PRECISION - 1)) & 0x7FF;
        if (biasedExponent != 0) {
            int q = biasedExponent + Q_MIN - 1;
            long c = C_MIN | t;
            if (q < 0 && q > -PRECISION && (c >> -q) << -q == c) {
                digits(out, c >> -q, 0);
            } else {
                decimal(out, q, c, 0);
            }
        } else if (t == 0) {
            out.append("0.0");
        } else if (t < C_TINY) {
            decimal(out, Q_MIN, 10 * t, -1);
        } else {
            decimal(out, Q_MIN, t, 0);
        }
    }

    /** The shortest decimal for c·2^q (c·2^q/10 when dk is -1). */
    private static void decimal(StringBuilder out, int q, long c, int dk) {
        int odd = (int) c & 1;
        long cb = c << 2;
        long cbr = cb + 2;
        long cbl;
        int k;
        if (c != C_MIN || q == Q_MIN) {
            cbl = cb - 2;
            k = floorLog10Pow2(q);
        } else {
            // At a power of two the interval below is half as wide as the one above.
            cbl = cb - 1;
            k = floorLog10ThreeQuartersPow2(q);
        }
        int h = q + floorLog2Pow10(-k) + 2;
        int row = 2 * (k - K_MIN);
        long g1 = G[row];
        long g0 = G[row + 1];
        long vb = roundToOdd(g1, g0, cb << h);
        long vbl = roundToOdd(g1, g0, cbl << h);
        long vbr = roundToOdd(g1, g0, cbr << h);
        long s = vb >> 2;
        if (s >= 100) {
            // One digit fewer: the multiples of ten around s.
            long sp10 = 10 * Math.multiplyHigh(s, 115_292_150_460_684_698L << 4);
            long tp10 = sp10 + 10;
            boolean lowerInside = vbl + odd <= sp10 << 2;
            boolean upperInside = (tp10 << 2) + odd <= vbr;
            if (lowerInside != upperInside) {
                digits(out, lowerInside ? sp10 : tp10, k);
                return;
            }
        }
        long t = s + 1;
        boolean lowerInside = vbl + odd <= s << 2;
        boolean upperInside = (t << 2) + odd <= vbr;
        if (lowerInside != upperInside) {
            digits(out, lowerInside ? s : t, k + dk);
            return;
        }
        long closer = vb - (s + t << 1);
        digits(out, closer < 0 || closer == 0 && (s & 1) == 0 ? s : t, k + dk);
    }

    /** ⌊g·cp / 2^127⌋ rounded to odd: its lowest bit is set when any bit below it was. */
    private static long roundToOdd(long g1, long g0, long cp) {
        long x1 = Math.multiplyHigh(g0, cp);
        long y0 = g1 * cp;
        long y1 = Math.multiplyHigh(g1, cp);
        long z = (y0 >>> 1) + x1;
        long vbp = y1 + (z >>> 63);
        return vbp | ((z & MASK_63) + MASK_63) >>> 63;
    }

    /** f·10^e, 0 &lt; f &lt; 10^17, laid out as {@link Double#toString} does. */
    private static void digits(StringBuilder out, long f, int e) {
        // Appended as whole numbers, which a StringBuilder writes straight into its bytes: a char[] of the digits
        // was copied in a char at a time, two thirds of the time of a float.
        while (f % 10 == 0) {
            f /= 10;
            e++;
        }
        int n = digitCount(f);
        // The decimal point goes after this many digits: v = 0.d1d2…dn · 10^point.
        int point = n + e;
        if (point > 0 && point <= 7) {
            if (n <= point) {
                out.append(f);
                appendZeros(out, point - n);
                out.append(".0");
            } else {
                long scale = POWERS_OF_TEN[n - point];
                long whole = f / scale;
                out.append(whole).append('.');
                appendFraction(out, f - whole * scale, n - point);
            }
        } else if (point > -3 && point <= 0) {
            out.append("0.");
            appendZeros(out, -point);
            out.append(f);
        } else {
            long scale = POWERS_OF_TEN[n - 1];
            long first = f / scale;
            out.append((char) ('0' + first)).append('.');
            if (n == 1) {
                out.append('0');
            } else {
                appendFraction(out, f - first * scale, n - 1);
            }
            out.append('e').append(point - 1);
        }
    }

    /** The {@code width} digits after a point: zeros in front, then {@code digits} (not 0: its last digit is not). */
    private static void appendFraction(StringBuilder out, long digits, int width) {
        appendZeros(out, width - digitCount(digits));
        out.append(digits);
    }

    /** The number of decimal digits of f &gt; 0. */
    private static int digitCount(long f) {
        int n = floorLog10Pow2(Long.SIZE - Long.numberOfLeadingZeros(f));
        return f >= POWERS_OF_TEN[n] ? n + 1 : n;
    }

    private static void appendZeros(StringBuilder out, int count) {
        for (int i = 0; i < count; i++) {
            out.append('0');
        }
    }

    private static int floorLog10Pow2(int e) {
        return (int) (e * 661_971_961_083L >> 41);
    }

    private static int floorLog10ThreeQuartersPow2(int e) {
        return (int) (e * 661_971_961_083L - 274_743_187_321L >> 41);
    }

    private static int floorLog2Pow10(int e) {
        return (int) (e * 913_124_641_741L >> 38);
    }

    /** g(k) for every k, computed exactly once (a table of 617 rows, rather than constants to trust). */
    private static long[] approximationsOfPowersOfTen() {
        long[] g = new long[2 * (K_MAX - K_MIN + 1)];
        BigInteger mask63 = BigInteger.valueOf(MASK_63);
        for (int k = K_MIN; k <= K_MAX; k++) {
            int e = -k;
            int r = floorLog2Pow10(e) - 125;
            BigInteger beta;
            if (e >= 0) {
                BigInteger pow = BigInteger.TEN.pow(e);
                beta = r <= 0 ? pow.shiftLeft(-r) : pow.shiftRight(r);
            } else {
                beta = BigInteger.ONE.shiftLeft(-r).divide(BigInteger.TEN.pow(-e));
            }
            BigInteger value = beta.add(BigInteger.ONE);
            int row = 2 * (k - K_MIN);
            g[row] = value.shiftRight(63).longValueExact();
            g[row + 1] = value.and(mask63).longValueExact();
        }
        return g;
    }
}
