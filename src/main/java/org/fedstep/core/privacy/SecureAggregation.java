package org.fedstep.core.privacy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.fedstep.core.random.Rng;

/**
 * Secure aggregation with pairwise masks (Bonawitz et al. 2017), computed for real on small numbers:
 * <ol>
 *   <li>Every client u sampled this round makes a key pair: secret s_u, public g^s_u in the prime field of
 *       p = 2^61 - 1 (a toy Diffie-Hellman: the arithmetic of the protocol, not its security).</li>
 *   <li>Each splits its secret into t-of-n Shamir shares (a random polynomial of degree t - 1 over the same field) and
 *       gives one share to every other sampled client.</li>
 *   <li>For every pair u &lt; v both derive the seed s_uv = (g^s_v)^s_u = (g^s_u)^s_v; client u adds PRG(s_uv) to its
 *       input, client v subtracts it, all modulo R = 2^modulusBits. What reaches the server looks like noise.</li>
 *   <li>In the sum of the inputs that arrived the masks between them cancel exactly. The masks shared with a client
 *       that dropped out after the keys were agreed do not: the server asks t survivors for their shares of that
 *       client's secret, rebuilds it by Lagrange interpolation, recomputes its seeds with every survivor, and takes
 *       those masks out.</li>
 * </ol>
 * Inputs are fixed-point integers modulo R (two's complement). The full protocol also masks each input with a
 * self-mask so that a late upload cannot be unmasked; FedStep leaves that second mask out.
 */
public final class SecureAggregation {

    /** The prime of the key field: 2^61 - 1. */
    public static final long P = (1L << 61) - 1;
    /** The Diffie-Hellman base. */
    public static final long G = 37;
    private static final BigInteger BIG_P = BigInteger.valueOf(P);

    private final int modulusBits;
    private final long mask;

    /** @param modulusBits R = 2^modulusBits, 2 to 62 */
    public SecureAggregation(int modulusBits) {
        if (modulusBits < 2 || modulusBits > 62) {
            throw new IllegalArgumentException("modulusBits must be 2 to 62 (found " + modulusBits + ")");
        }
        this.modulusBits = modulusBits;
        this.mask = (1L << modulusBits) - 1;
    }

    /**
     * One round of the protocol.
     *
     * @param sampled   the clients that agreed keys (0-based, ascending)
     * @param inputs    each sampled client's input vector, integers modulo R (null for a client that drops out before
     *                  sending its masked input)
     * @param threshold t: how many shares rebuild a secret
     * @param rng       the round's randomness for keys, polynomials
     */
    public SecureAggregationRecord run(List<Integer> sampled, List<long[]> inputs, int threshold, Rng rng) {
        int n = sampled.size();
        if (inputs.size() != n) {
            throw new IllegalArgumentException("one input per sampled client");
        }
        int dims = -1;
        for (long[] x : inputs) {
            if (x != null) {
                dims = x.length;
            }
        }
        // 1-2. keys and shares
        long[] secret = new long[n];
        long[] publicKey = new long[n];
        long[][] shareOf = new long[n][n]; // shareOf[u][v]: v's share of u's secret
        for (int u = 0; u < n; u++) {
            secret[u] = 2 + Long.remainderUnsigned(rng.nextLong(), P - 3);
            publicKey[u] = power(G, secret[u]);
            long[] poly = new long[threshold];
            poly[0] = secret[u];
            for (int c = 1; c < threshold; c++) {
                poly[c] = Long.remainderUnsigned(rng.nextLong(), P);
            }
            for (int v = 0; v < n; v++) {
                shareOf[u][v] = evaluate(poly, v + 1);
            }
        }
        // 3. masked inputs of the clients that send one
        List<SecureAggregationRecord.Masked> masked = new ArrayList<>();
        List<Integer> survivors = new ArrayList<>();
        long[] sum = dims < 0 ? new long[0] : new long[dims];
        for (int v = 0; v < n; v++) {
            long[] x = inputs.get(v);
            if (x == null) {
                continue;
            }
            long[] y = x.clone();
            for (int u = 0; u < n; u++) {
                if (u != v) {
                    long[] m = prg(power(publicKey[u], secret[v]), dims);
                    for (int d = 0; d < dims; d++) {
                        y[d] = v < u ? add(y[d], m[d]) : sub(y[d], m[d]);
                    }
                }
            }
            for (int d = 0; d < dims; d++) {
                sum[d] = add(sum[d], y[d]);
            }
            survivors.add(v);
            masked.add(new SecureAggregationRecord.Masked(sampled.get(v), boxed(x), boxed(y)));
        }
        List<Long> maskedSum = boxed(sum);
        // 4-5. take out the masks of the clients that dropped out, from t survivors' shares
        List<SecureAggregationRecord.Recovery> recoveries = new ArrayList<>();
        boolean complete = survivors.size() >= threshold || survivors.size() == n;
        for (int u = 0; u < n && complete && !survivors.isEmpty(); u++) {
            if (inputs.get(u) != null) {
                continue;
            }
            List<Integer> holders = new ArrayList<>(survivors.subList(0, threshold));
            List<Long> shares = new ArrayList<>();
            for (int v : holders) {
                shares.add(shareOf[u][v]);
            }
            long rebuilt = interpolateAtZero(holders, shares);
            long[] removed = new long[dims];
            for (int v : survivors) {
                long[] m = prg(power(publicKey[v], rebuilt), dims);
                for (int d = 0; d < dims; d++) {
                    // survivor v added m when v < u and subtracted it when v > u: undo that
                    long undo = v < u ? m[d] : sub(0, m[d]);
                    removed[d] = add(removed[d], undo);
                    sum[d] = sub(sum[d], undo);
                }
            }
            List<Integer> holderClients = new ArrayList<>();
            for (int v : holders) {
                holderClients.add(sampled.get(v));
            }
            recoveries.add(new SecureAggregationRecord.Recovery(sampled.get(u), holderClients, shares, rebuilt,
                    rebuilt == secret[u], boxed(removed)));
        }
        List<Long> keys = new ArrayList<>();
        for (long k : publicKey) {
            keys.add(k);
        }
        List<Integer> survivingClients = new ArrayList<>();
        for (int v : survivors) {
            survivingClients.add(sampled.get(v));
        }
        return new SecureAggregationRecord(modulusBits, threshold, sampled, survivingClients, keys, masked, maskedSum,
                recoveries, complete ? boxed(sum) : null, complete);
    }

    // ------------------------------------------------------------------ fixed point modulo R

    /** x as a fixed-point integer with `precision` fractional bits, modulo R (negative numbers wrap around). */
    public long encode(double x, int precision) {
        return Math.round(Math.scalb(x, precision)) & mask;
    }

    /** The signed value of an integer modulo R with `precision` fractional bits. */
    public double decode(long v, int precision) {
        long signed = v >= (1L << (modulusBits - 1)) ? v - (1L << modulusBits) : v;
        return Math.scalb((double) signed, -precision);
    }

    /** The largest magnitude a sum can have and still decode: R / 2 in fixed point. */
    public double limit(int precision) {
        return Math.scalb(1.0, modulusBits - 1 - precision);
    }

    long add(long a, long b) {
        return (a + b) & mask;
    }

    long sub(long a, long b) {
        return (a - b) & mask;
    }

    /** The pseudo-random mask a seed expands to: dims numbers uniform modulo R. */
    long[] prg(long seed, int dims) {
        Rng r = new Rng(seed ^ 0x5EC7A66E5EC7A66EL);
        long[] out = new long[dims];
        for (int d = 0; d < dims; d++) {
            out[d] = r.nextLong() & mask;
        }
        return out;
    }

    // ------------------------------------------------------------------ the key field GF(p)

    static long power(long base, long exponent) {
        return BigInteger.valueOf(base).modPow(BigInteger.valueOf(exponent), BIG_P).longValue();
    }

    static long mulMod(long a, long b) {
        return BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).mod(BIG_P).longValue();
    }

    /** f(x) for the polynomial with these coefficients (constant first), mod p. */
    static long evaluate(long[] poly, long x) {
        long y = 0;
        for (int c = poly.length - 1; c >= 0; c--) {
            y = (mulMod(y, x) + poly[c]) % P;
        }
        return y;
    }

    /**
     * f(0) from t points (v + 1, share): Lagrange interpolation, sum_i y_i prod_{j != i} x_j / (x_j - x_i), mod p.
     *
     * @param holders the 0-based indices whose shares are given (their x is index + 1)
     */
    static long interpolateAtZero(List<Integer> holders, List<Long> shares) {
        long secret = 0;
        for (int i = 0; i < holders.size(); i++) {
            long xi = holders.get(i) + 1;
            long num = 1;
            long den = 1;
            for (int j = 0; j < holders.size(); j++) {
                if (j != i) {
                    long xj = holders.get(j) + 1;
                    num = mulMod(num, xj);
                    den = mulMod(den, Math.floorMod(xj - xi, P));
                }
            }
            long inverse = BigInteger.valueOf(den).modInverse(BIG_P).longValue();
            secret = (secret + mulMod(shares.get(i), mulMod(num, inverse))) % P;
        }
        return secret;
    }

    private static List<Long> boxed(long[] v) {
        List<Long> out = new ArrayList<>(v.length);
        for (long x : v) {
            out.add(x);
        }
        return out;
    }
}
