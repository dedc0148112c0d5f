package org.fedstep.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The closed-form least-squares line: slope = cov(x, y) / var(x), intercept = mean(y) - slope * mean(x). */
class LeastSquaresTest {

    /**
     * Points (0, 1), (1, 3), (2, 2), (3, 5): mean x = 1.5, mean y = 2.75.
     * x - mx = (-1.5, -0.5, 0.5, 1.5), y - my = (-1.75, 0.25, -0.75, 2.25);
     * sum of products = 2.625 - 0.125 - 0.375 + 3.375 = 5.5; sum of squares of x - mx = 2.25 + 0.25 + 0.25 + 2.25 = 5;
     * slope = 5.5 / 5 = 1.1; intercept = 2.75 - 1.1 * 1.5 = 1.1.
     */
    @Test
    void fitIsCovarianceOverVariance() {
        double[] x = {0, 1, 2, 3};
        double[] y = {1, 3, 2, 5};
        Params p = LeastSquares.fit(x, y);
        assertThat(p.w()).isCloseTo(1.1, within(1e-14));
        assertThat(p.b()).isCloseTo(1.1, within(1e-14));
        // the minimiser of the MSE: its gradient vanishes there (an independent characterisation)
        Params g = Mse.gradient(p, x, y);
        assertThat(g.w()).isCloseTo(0, within(1e-13));
        assertThat(g.b()).isCloseTo(0, within(1e-13));
        // and any nearby line does worse
        double best = Mse.loss(p, x, y);
        assertThat(Mse.loss(p.plus(new Params(0.01, 0)), x, y)).isGreaterThan(best);
        assertThat(Mse.loss(p.plus(new Params(0, -0.01)), x, y)).isGreaterThan(best);
    }

    @Test
    void fitRecoversAnExactLine() {
        double[] x = {-2, 0.5, 3, 7};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = -0.5 * x[i] + 4;
        }
        Params p = LeastSquares.fit(x, y);
        assertThat(p.w()).isCloseTo(-0.5, within(1e-14));
        assertThat(p.b()).isCloseTo(4, within(1e-14));
        // two points: the line through them, (1, 2) and (3, 8): slope 3, intercept -1
        Params two = LeastSquares.fit(new double[] {1, 3}, new double[] {2, 8});
        assertThat(two.w()).isCloseTo(3, within(1e-14));
        assertThat(two.b()).isCloseTo(-1, within(1e-14));
    }

    /** Documented: null when the line is not defined, i.e. fewer than two points or all x equal. */
    @Test
    void fitIsUndefinedWhenAllXAreEqualOrTooFewPoints() {
        assertThat(LeastSquares.fit(new double[] {0.3, 0.3, 0.3}, new double[] {1, 2, 7})).isNull();
        assertThat(LeastSquares.fit(new double[] {5, 5}, new double[] {5, 5})).isNull();
        assertThat(LeastSquares.fit(new double[] {1}, new double[] {2})).isNull();
        assertThat(LeastSquares.fit(new double[0], new double[0])).isNull();
    }
}
