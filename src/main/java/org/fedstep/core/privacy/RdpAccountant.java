package org.fedstep.core.privacy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.special.Gamma;

/**
 * Renyi differential privacy (Mironov 2017) of the Gaussian mechanism and of the sampled Gaussian mechanism, and its
 * conversion to (epsilon, delta): the privacy meter's arithmetic.
 * <ul>
 *   <li>Gaussian mechanism, noise multiplier z (noise standard deviation z times the sensitivity): RDP of order alpha
 *       is alpha / (2 z^2).</li>
 *   <li>Sampled Gaussian mechanism (each participant taken with probability q, then the Gaussian mechanism): RDP is
 *       log(A_alpha) / (alpha - 1) with A_alpha = E[(mu_1(x) / mu_0(x))^alpha] for mu_0 = N(0, z^2) and mu_1 the
 *       mixture (1 - q) N(0, z^2) + q N(1, z^2), computed as in Mironov, Talwar and Zhang 2019 (section 3.3): a finite
 *       binomial sum for integer alpha, an alternating series for fractional alpha.</li>
 *   <li>RDP adds up over rounds; epsilon(delta) = min over alpha of [RDP(alpha) + ln(1/delta) / (alpha - 1)].</li>
 * </ul>
 * Everything is in natural logarithms. Infinite noise-free RDP is Double.POSITIVE_INFINITY.
 */
public final class RdpAccountant {

    /** The orders alpha the meter minimises over: dense near 1, where small epsilons are found, sparse beyond. */
    public static final List<Double> ORDERS;

    static {
        List<Double> orders = new ArrayList<>();
        for (int x = 1; x < 100; x++) {
            orders.add(1 + x / 10.0);
        }
        for (int a = 12; a < 64; a++) {
            orders.add((double) a);
        }
        orders.add(128.0);
        orders.add(256.0);
        ORDERS = Collections.unmodifiableList(orders);
    }

    private RdpAccountant() { }

    /** RDP of order alpha of one Gaussian mechanism with noise multiplier z. */
    public static double gaussian(double z, double alpha) {
        return z <= 0 ? Double.POSITIVE_INFINITY : alpha / (2 * z * z);
    }

    /** RDP of order alpha of one sampled Gaussian mechanism: sampling probability q, noise multiplier z. */
    public static double sampledGaussian(double q, double z, double alpha) {
        if (!(alpha > 1)) {
            throw new IllegalArgumentException("the order alpha must be greater than 1 (found " + alpha + ")");
        }
        if (q <= 0) {
            return 0;
        }
        if (z <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        if (q >= 1) {
            return gaussian(z, alpha);
        }
        double logA = alpha == Math.rint(alpha) ? logAInteger(q, z, (int) alpha) : logAFraction(q, z, alpha);
        return logA / (alpha - 1);
    }

    /** log A_alpha for an integer alpha: log of sum_i C(alpha, i) q^i (1-q)^(alpha-i) exp((i^2 - i) / (2 z^2)). */
    static double logAInteger(double q, double z, int alpha) {
        double log = Double.NEGATIVE_INFINITY;
        for (int i = 0; i <= alpha; i++) {
            double term = logBinomial(alpha, i) + i * Math.log(q) + (alpha - i) * Math.log1p(-q)
                    + (i * (double) i - i) / (2 * z * z);
            log = logAdd(log, term);
        }
        return log;
    }

    /**
     * log A_alpha for a fractional alpha: the two halves of the integral split at z0 = z^2 ln(1/q - 1) + 1/2, each
     * a series over i of generalised binomial terms times a Gaussian tail, summed until the terms are negligible.
     */
    static double logAFraction(double q, double z, double alpha) {
        double logA0 = Double.NEGATIVE_INFINITY;
        double logA1 = Double.NEGATIVE_INFINITY;
        double z0 = z * z * Math.log(1 / q - 1) + 0.5;
        double coefficient = 1; // C(alpha, i), computed term by term so its sign is known
        for (int i = 0; i < 100_000; i++) {
            if (i > 0) {
                coefficient *= (alpha - (i - 1)) / i;
            }
            if (coefficient == 0) {
                break;
            }
            double logCoefficient = Math.log(Math.abs(coefficient));
            double j = alpha - i;
            double logT0 = logCoefficient + i * Math.log(q) + j * Math.log1p(-q);
            double logT1 = logCoefficient + j * Math.log(q) + i * Math.log1p(-q);
            double logE0 = Math.log(0.5) + logErfc((i - z0) / (Math.sqrt(2) * z));
            double logE1 = Math.log(0.5) + logErfc((z0 - j) / (Math.sqrt(2) * z));
            double logS0 = logT0 + (i * (double) i - i) / (2 * z * z) + logE0;
            double logS1 = logT1 + (j * j - j) / (2 * z * z) + logE1;
            if (coefficient > 0) {
                logA0 = logAdd(logA0, logS0);
                logA1 = logAdd(logA1, logS1);
            } else {
                logA0 = logSub(logA0, logS0);
                logA1 = logSub(logA1, logS1);
            }
            if (Math.max(logS0, logS1) < -30) {
                break;
            }
        }
        return logAdd(logA0, logA1);
    }

    /** A privacy guarantee: (epsilon, delta) and the order that gave it. */
    public record Guarantee(double epsilon, double delta, double order) {

        public boolean isFinite() {
            return Double.isFinite(epsilon);
        }
    }

    /**
     * epsilon(delta) from RDP values at the given orders: min over alpha of [rdp(alpha) + ln(1/delta) / (alpha - 1)].
     *
     * @param rdp RDP at each of the orders (the same length)
     */
    public static Guarantee epsilon(List<Double> orders, double[] rdp, double delta) {
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("delta must be between 0 and 1 (found " + delta + ")");
        }
        double best = Double.POSITIVE_INFINITY;
        double order = Double.NaN;
        for (int i = 0; i < orders.size(); i++) {
            double a = orders.get(i);
            double e = rdp[i] + Math.log(1 / delta) / (a - 1);
            if (e < best) {
                best = e;
                order = a;
            }
        }
        return new Guarantee(Math.max(0, best), delta, order);
    }

    /**
     * The guarantee after `rounds` compositions of the sampled Gaussian mechanism (q, z), over {@link #ORDERS}.
     * No rounds: epsilon 0. No noise: epsilon infinite.
     */
    public static Guarantee afterRounds(double q, double z, int rounds, double delta) {
        if (rounds <= 0 || q <= 0) {
            return new Guarantee(0, delta, Double.NaN);
        }
        if (z <= 0) {
            return new Guarantee(Double.POSITIVE_INFINITY, delta, Double.NaN);
        }
        double[] rdp = new double[ORDERS.size()];
        for (int i = 0; i < rdp.length; i++) {
            rdp[i] = rounds * sampledGaussian(q, z, ORDERS.get(i));
        }
        return epsilon(ORDERS, rdp, delta);
    }

    // ------------------------------------------------------------------ log-space arithmetic

    private static double logBinomial(int n, int k) {
        return Gamma.logGamma(n + 1.0) - Gamma.logGamma(k + 1.0) - Gamma.logGamma(n - k + 1.0);
    }

    /** log(e^a + e^b). */
    static double logAdd(double a, double b) {
        double hi = Math.max(a, b);
        double lo = Math.min(a, b);
        if (hi == Double.NEGATIVE_INFINITY) {
            return hi;
        }
        return hi + Math.log1p(Math.exp(lo - hi));
    }

    /** log(e^a - e^b) for a >= b; the series' partial sums stay positive. */
    static double logSub(double a, double b) {
        if (b == Double.NEGATIVE_INFINITY) {
            return a;
        }
        if (a <= b) {
            return Double.NEGATIVE_INFINITY;
        }
        return a + Math.log1p(-Math.exp(b - a));
    }

    /** log(erfc(x)), also far in the tail, where erfc itself underflows (asymptotic expansion). */
    static double logErfc(double x) {
        if (x < 20) {
            return Math.log(Erf.erfc(x));
        }
        // erfc(x) ~ exp(-x^2) / (x sqrt(pi)) (1 - 1/(2x^2) + 3/(4x^4) - 15/(8x^6))
        double inv = 1 / (x * x);
        return -x * x - Math.log(x) - 0.5 * Math.log(Math.PI)
                + Math.log1p(-0.5 * inv + 0.75 * inv * inv - 1.875 * inv * inv * inv);
    }
}
