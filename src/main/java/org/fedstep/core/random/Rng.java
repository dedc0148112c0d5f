package org.fedstep.core.random;

import org.apache.commons.math3.random.AbstractRandomGenerator;

/**
 * A small, fast, fully specified random stream (SplitMix64, Steele, Lea and Flood 2014). We use our own rather than
 * java.util.Random so that the numbers never depend on a JDK's implementation, and so that streams for
 * (purpose, round, client) can be derived from the seed directly: any round can be replayed without replaying the
 * rounds before it. It extends Commons Math's generator base so its distributions (Gamma, Normal) can draw from it.
 */
public final class Rng extends AbstractRandomGenerator {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private long state;

    public Rng(long seed) {
        this.state = seed;
    }

    /** A stream for one purpose, independent of every other (purpose, a, b) derived from the same seed. */
    public static Rng derive(long seed, Stream purpose, long a, long b) {
        long h = mix(seed ^ GOLDEN);
        h = mix(h + purpose.ordinal() * 0xD1B54A32D192ED03L + 1);
        h = mix(h + a * 0x8CB92BA72F3D8DD7L + 3);
        h = mix(h + b * 0xABC98388FB8FAC03L + 5);
        return new Rng(h);
    }

    /** What each derived stream is for; the ordinal is part of the derivation, so only ever append. */
    public enum Stream { DATA, SPLIT, PARTITION, SAMPLING, DROPOUT, SHUFFLE, CENTRALISED, LOCAL_ONLY, PRIVACY, SECURE,
        COMPRESSION, ATTACK, ASYNC }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public long nextLong() {
        state += GOLDEN;
        return mix(state);
    }

    @Override
    public int nextInt() {
        return (int) (nextLong() >>> 32);
    }

    /** Uniform on [0, 1) with 53 random bits. */
    @Override
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /**
     * Uniform integer in [0, n), without modulo bias, by Lemire's multiply-and-shift method (ACM TOMS 2019): the top
     * 32 bits of r * n for a 32-bit random r, rejecting the few r that would make some results likelier. It needs a
     * division only in the rare rejection branch, which matters because every local epoch shuffles every client's rows.
     */
    @Override
    public int nextInt(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("n must be positive: " + n);
        }
        long m = (nextLong() >>> 32) * n;
        long low = m & 0xFFFFFFFFL;
        if (low < n) {
            long threshold = (0x1_0000_0000L - n) % n; // 2^32 mod n
            while (low < threshold) {
                m = (nextLong() >>> 32) * n;
                low = m & 0xFFFFFFFFL;
            }
        }
        return (int) (m >>> 32);
    }

    @Override
    public void setSeed(long seed) {
        clear();
        state = seed;
    }

    /** Shuffles a in place (Fisher-Yates). */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
