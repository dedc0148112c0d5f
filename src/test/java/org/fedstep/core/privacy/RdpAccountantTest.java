package org.fedstep.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

/**
 * The privacy meter's accountant against published values: the reference RDP of the Poisson-sampled Gaussian in the
 * test suite of Google's dp_accounting library (q = 0.01, noise multiplier 2.5, 50 compositions), the closed form of
 * the Gaussian mechanism, and a conversion to (epsilon, delta) worked by hand.
 */
class RdpAccountantTest {

    @Test
    void theSampledGaussianMatchesTheDpAccountingReferenceValues() {
        // google/differential-privacy, python/dp_accounting/.../rdp_privacy_accountant_test.py,
        // test_compute_rdp_poisson_sampled_gaussian: q = 0.01, z = 2.5, 50 compositions (relative tolerance 1e-4 there).
        // Its order 1.5 (6.70579741e-04) is left out: numerical integration of A_alpha (below) gives 6.50071e-04, so
        // that reference is a looser upper bound, not the value.
        double[] orders = {2.5, 5, 50, 100};
        double[] expected = {1.08548710e-03, 2.18075656e-03, 2.38460375e-02, 1.67416308e02};
        for (int i = 0; i < orders.length; i++) {
            double rdp = 50 * RdpAccountant.sampledGaussian(0.01, 2.5, orders[i]);
            assertThat(rdp).as("order %s", orders[i]).isCloseTo(expected[i], Percentage.withPercentage(0.01));
        }
    }

    @Test
    void fractionalOrdersMatchANumericalIntegral() {
        // A_alpha = integral of mu0(x) ((1 - q) + q exp((2x - 1) / (2 z^2)))^alpha dx, mu0 = N(0, z^2): trapezoids
        for (double[] c : new double[][] {{0.01, 2.5, 1.5}, {0.1, 1.0, 1.75}, {0.3, 0.8, 3.5}}) {
            double q = c[0];
            double z = c[1];
            double alpha = c[2];
            int n = 200_000;
            double lo = -30 * z;
            double hi = 30 * z + 5;
            double h = (hi - lo) / n;
            double sum = 0;
            for (int i = 0; i <= n; i++) {
                double x = lo + i * h;
                double mu0 = Math.exp(-x * x / (2 * z * z)) / (z * Math.sqrt(2 * Math.PI));
                double f = mu0 * Math.pow((1 - q) + q * Math.exp((2 * x - 1) / (2 * z * z)), alpha);
                sum += (i == 0 || i == n ? 0.5 : 1) * f;
            }
            double rdp = Math.log(sum * h) / (alpha - 1);
            assertThat(RdpAccountant.sampledGaussian(q, z, alpha)).as("q %s z %s alpha %s", q, z, alpha)
                    .isCloseTo(rdp, Percentage.withPercentage(0.01));
        }
    }

    @Test
    void withoutSamplingItIsTheGaussianMechanism() {
        // alpha / (2 z^2), e.g. 3.14159 / (2 * 2.71828^2)
        assertThat(RdpAccountant.sampledGaussian(1.0, 2.71828, 3.14159))
                .isCloseTo(3.14159 / (2 * 2.71828 * 2.71828), within(1e-15));
        assertThat(RdpAccountant.gaussian(0, 2)).isInfinite();
        assertThat(RdpAccountant.sampledGaussian(0, 1, 2)).isZero();
    }

    @Test
    void integerAndFractionalOrdersAgreeWhereTheyMeet() {
        // the fractional series at alpha = 3 + tiny must approach the exact binomial sum at alpha = 3
        double exact = RdpAccountant.sampledGaussian(0.05, 1.3, 3);
        double near = RdpAccountant.logAFraction(0.05, 1.3, 3 + 1e-9) / (2 + 1e-9);
        assertThat(near).isCloseTo(exact, within(1e-7));
    }

    @Test
    void epsilonIsTheBestOrderOfTheConversionWorkedByHand() {
        // constant RDP 1.1 at orders 2..32 (pure DP): epsilon = min 1.1 + ln(1e5) / (alpha - 1), at alpha = 32:
        // 1.1 + 11.512925465 / 31 = 1.471384692
        List<Double> orders = new java.util.ArrayList<>();
        double[] rdp = new double[31];
        for (int a = 2; a <= 32; a++) {
            orders.add((double) a);
            rdp[a - 2] = 1.1;
        }
        RdpAccountant.Guarantee g = RdpAccountant.epsilon(orders, rdp, 1e-5);
        assertThat(g.epsilon()).isCloseTo(1.1 + Math.log(1e5) / 31, within(1e-12));
        assertThat(g.order()).isEqualTo(32);
    }

    @Test
    void moreRoundsSpendMorePrivacyAndMoreNoiseSpendsLess() {
        double e10 = RdpAccountant.afterRounds(0.1, 1.0, 10, 1e-5).epsilon();
        double e100 = RdpAccountant.afterRounds(0.1, 1.0, 100, 1e-5).epsilon();
        double quieter = RdpAccountant.afterRounds(0.1, 2.0, 100, 1e-5).epsilon();
        assertThat(e10).isLessThan(e100);
        assertThat(quieter).isLessThan(e100);
        assertThat(RdpAccountant.afterRounds(0.1, 0, 10, 1e-5).epsilon()).isInfinite();
        assertThat(RdpAccountant.afterRounds(0.1, 1.0, 0, 1e-5).epsilon()).isZero();
        // without sampling one round of z = 1 costs at least the Gaussian mechanism's optimum over alpha:
        // min_a a/2 + ln(1e5)/(a-1) at a = 1 + sqrt(2 ln 1e5) = 5.798: 0.5 + sqrt(2 ln 1e5) = 5.298
        assertThat(RdpAccountant.afterRounds(1.0, 1.0, 1, 1e-5).epsilon()).isCloseTo(0.5 + Math.sqrt(2 * Math.log(1e5)),
                within(0.01));
    }
}
