package io.cascaderadar.connectors.influxdb;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Writes a finite double, in ASCII bytes, as the shortest decimal that reads back as the same double, in the layout of
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
    /** The longest a double is written: {@code -2.2250738585072014e-308}. */
    public static final int MAX_LENGTH = 24;

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
    /** Below this, doubles are less than a cent apart (2^-9 at 10^13). */
    private static final double MAX_CENTS_PATH = 1e13;
    /** The high and low 63 bits of g(k) = ⌊10^-k / 2^r⌋ + 1, with r such that 2^125 ≤ g(k) &lt; 2^126. */
    private static final long[] G = approximationsOfPowersOfTen();
    /** 10^0 to 10^22, every power of ten a double holds exactly. */
    private static final double[] EXACT_POWERS_OF_TEN = new double[23];
    /** The doubles nearest to 10^0 to 10^-22: a multiplication by one is several times faster than a division. */
    private static final double[] NEGATIVE_POWERS_OF_TEN = new double[23];
    /** The most significant digits {@link #writeRounded} gives: no more than every double has. */
    public static final int MAX_SIGNIFICANT = 15;

    static {
        EXACT_POWERS_OF_TEN[0] = 1;
        NEGATIVE_POWERS_OF_TEN[0] = 1;
        for (int p = 1; p < EXACT_POWERS_OF_TEN.length; p++) {
            EXACT_POWERS_OF_TEN[p] = 10 * EXACT_POWERS_OF_TEN[p - 1];
            NEGATIVE_POWERS_OF_TEN[p] = Double.parseDouble("1e-" + p);
        }
    }

    private ShortestDecimal() {}

    /** {@code v} at {@code at}, which has room for {@link #MAX_LENGTH} bytes; where the next byte goes. */
    public static int write(byte[] to, int at, double v) {
        long bits = Double.doubleToRawLongBits(v);
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("not a finite number: " + v);
        }
        if (Math.abs(v) < 1e7 && v == (long) v && bits != NEGATIVE_ZERO) {
            // The zeros and counts of quiet windows, most often.
            return pointZero(to, AsciiDigits.write(to, at, (long) v));
        }
        if (bits < 0) {
            to[at++] = '-';
        }
        double abs = Math.abs(v);
        double cents = Math.rint(abs * 100);
        if (cents != 0 && abs < MAX_CENTS_PATH && cents / 100 == abs) {
            // USD in whole cents (the windows' sums, most of a signal's USD): the decimal of the cents reads back as
            // v, and no shorter one can, since below 10^13 doubles are closer together than a cent.
            return digits(to, at, (long) cents, -2);
        }
        long t = bits & SIGNIFICAND_MASK;
        int biasedExponent = (int) (bits >>> (PRECISION - 1)) & 0x7FF;
        if (biasedExponent != 0) {
            int q = biasedExponent + Q_MIN - 1;
            long c = C_MIN | t;
            if (q < 0 && q > -PRECISION && (c >> -q) << -q == c) {
                return digits(to, at, c >> -q, 0);
            }
            return decimal(to, at, q, c, 0);
        } else if (t == 0) {
            to[at++] = '0';
            return pointZero(to, at);
        } else if (t < C_TINY) {
            return decimal(to, at, Q_MIN, 10 * t, -1);
        } else {
            return decimal(to, at, Q_MIN, t, 0);
        }
    }

    /**
     * {@code v} rounded to {@code significant} digits (1 to {@link #MAX_SIGNIFICANT}), at {@code at} with room for
     * {@link #MAX_LENGTH} bytes; where the next byte goes. The text {@link #write} gives for {@link #round
     * round(v, significant)}, found without the search for the shortest where it can be: a decimal of at most 15
     * digits is the shortest that reads back as the double nearest to it, unless that double is subnormal.
     */
    public static int writeRounded(byte[] to, int at, double v, int significant) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("not a finite number: " + v);
        }
        checkSignificant(significant);
        long rounded = v == 0 ? -1 : roundedDigits(Math.abs(v), significant);
        if (rounded < 0) {
            return write(to, at, round(v, significant));
        }
        if (v < 0) {
            to[at++] = '-';
        }
        return digits(to, at, rounded >> 8, (byte) rounded);
    }

    /** The double nearest to {@code v} rounded to {@code significant} digits: what {@link #writeRounded} writes. */
    public static double round(double v, int significant) {
        checkSignificant(significant);
        if (!Double.isFinite(v) || v == 0) {
            return v;
        }
        double abs = Math.abs(v);
        long rounded = roundedDigits(abs, significant);
        if (rounded < 0) {
            return Math.copySign(roundedExactly(abs, significant).doubleValue(), v);
        }
        double f = rounded >> 8;
        int e = (byte) rounded;
        // One correctly rounded operation on exact operands: the double nearest to f·10^e.
        return Math.copySign(e >= 0 ? f * EXACT_POWERS_OF_TEN[e] : f / EXACT_POWERS_OF_TEN[-e], v);
    }

    /**
     * The digits f of {@code abs} > 0 rounded to the nearest of {@code significant} digits, and their exponent e
     * (v ≈ f·10^e), as f·2^8 + e, e a byte; or -1 where e is beyond the tables (for six digits, below about 10^-17
     * and from 10^28) or abs is subnormal, which {@link #roundedExactly} leaves to BigDecimal. Scaled by one
     * multiplication (by a rounded power of ten where e > 0), which may round a value within 10^-15 of a tie
     * between two decimals the other way.
     */
    private static long roundedDigits(double abs, int significant) {
        if (Math.getExponent(abs) < Double.MIN_EXPONENT) {
            return -1; // subnormal
        }
        // ⌊log10 abs⌋ is k or k + 1: the digits are taken at the scale of k, or at k + 1 when there are too many.
        int k = floorLog10Pow2(Math.getExponent(abs));
        for (int e = k + 1 - significant; e <= k + 2 - significant; e++) {
            if (e < -22 || e > 22) {
                return -1;
            }
            double f = Math.rint(abs * (e <= 0 ? EXACT_POWERS_OF_TEN[-e] : NEGATIVE_POWERS_OF_TEN[e]));
            if (f < EXACT_POWERS_OF_TEN[significant]) {
                return (long) f << 8 | (e & 0xFF);
            }
        }
        throw new AssertionError("the digits of " + abs + " were taken at two scales");
    }

    private static void checkSignificant(int significant) {
        if (significant < 1 || significant > MAX_SIGNIFICANT) {
            throw new IllegalArgumentException("significant digits from 1 to " + MAX_SIGNIFICANT + ": " + significant);
        }
    }

    private static BigDecimal roundedExactly(double abs, int significant) {
        return new BigDecimal(abs).round(new MathContext(significant, RoundingMode.HALF_EVEN));
    }

    /** The shortest decimal for c·2^q (c·2^q/10 when dk is -1). */
    private static int decimal(byte[] to, int at, int q, long c, int dk) {
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
                return digits(to, at, lowerInside ? sp10 : tp10, k);
            }
        }
        long t = s + 1;
        boolean lowerInside = vbl + odd <= s << 2;
        boolean upperInside = (t << 2) + odd <= vbr;
        if (lowerInside != upperInside) {
            return digits(to, at, lowerInside ? s : t, k + dk);
        }
        long closer = vb - (s + t << 1);
        return digits(to, at, closer < 0 || closer == 0 && (s & 1) == 0 ? s : t, k + dk);
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

    /** f·10^e, 0 &lt; f &lt; 10^17, laid out as {@link Double#toString} does; where the next byte goes. */
    private static int digits(byte[] to, int at, long f, int e) {
        while (f % 10 == 0) {
            f /= 10;
            e++;
        }
        int n = AsciiDigits.count(f);
        // The decimal point goes after this many digits: v = 0.d1d2…dn · 10^point.
        int point = n + e;
        if (point > 0 && point <= 7) {
            if (n <= point) {
                AsciiDigits.writeLast(to, at + n, f, n);
                return pointZero(to, zeros(to, at + n, point - n));
            }
            // Written from the last digit, the point put in on the way: no division to split f.
            long whole = AsciiDigits.writeLast(to, at + n + 1, f, n - point);
            to[at + point] = '.';
            AsciiDigits.writeLast(to, at + point, whole, point);
            return at + n + 1;
        }
        if (point > -3 && point <= 0) {
            to[at++] = '0';
            to[at++] = '.';
            at = zeros(to, at, -point);
            AsciiDigits.writeLast(to, at + n, f, n);
            return at + n;
        }
        if (n == 1) {
            to[at++] = (byte) ('0' + f);
            at = pointZero(to, at);
        } else {
            long first = AsciiDigits.writeLast(to, at + n + 1, f, n - 1);
            to[at] = (byte) ('0' + first);
            to[at + 1] = '.';
            at += n + 1;
        }
        to[at++] = 'e';
        return AsciiDigits.write(to, at, point - 1);
    }

    private static int pointZero(byte[] to, int at) {
        to[at] = '.';
        to[at + 1] = '0';
        return at + 2;
    }

    private static int zeros(byte[] to, int at, int count) {
        for (int i = 0; i < count; i++) {
            to[at++] = '0';
        }
        return at;
    }

    /** ⌊log10 2^e⌋. */
    static int floorLog10Pow2(int e) {
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
