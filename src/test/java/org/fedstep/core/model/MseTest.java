package org.fedstep.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The loss and gradient of DESIGN.md ("Model and loss") on a three-point example worked by hand. */
class MseTest {

    private static final Offset<Double> EXACT = within(1e-15);

    /** Points (0, 1), (1, 3), (2, 4); model w = 1, b = 0.5. */
    private static final double[] X = {0, 1, 2};
    private static final double[] Y = {1, 3, 4};
    private static final Params P = new Params(1, 0.5);

    /**
     * y_hat = (0.5, 1.5, 2.5); residuals y_hat - y = (-0.5, -1.5, -1.5); squares 0.25 + 2.25 + 2.25 = 4.75;
     * J = 4.75 / 3.
     */
    @Test
    void lossIsTheMeanSquaredResidual() {
        assertThat(Mse.loss(P, X, Y)).isCloseTo(4.75 / 3, EXACT);
        assertThat(Mse.sumOfSquares(P, X, Y)).isEqualTo(4.75);
        // first two points only: (0.25 + 2.25) / 2 = 1.25
        assertThat(Mse.loss(1, 0.5, X, Y, 2)).isEqualTo(1.25);
        assertThat(Mse.loss(1, 0.5, X, Y, 0)).isNaN();
        assertThat(Mse.loss(P, new double[0], new double[0])).isNaN();
        // the line through none of them: w = b = 0 gives (1 + 9 + 16) / 3
        assertThat(Mse.loss(Params.ZERO, X, Y)).isCloseTo(26.0 / 3, EXACT);
    }

    /**
     * dJ/dw = (2/3) * (-0.5*0 + -1.5*1 + -1.5*2) = (2/3) * (-4.5) = -3;
     * dJ/db = (2/3) * (-0.5 - 1.5 - 1.5) = (2/3) * (-3.5) = -7/3.
     */
    @Test
    void gradientIsTwoOverNTimesResidualsTimesXAndOne() {
        Params g = Mse.gradient(P, X, Y);
        assertThat(g.w()).isCloseTo(-3.0, EXACT);
        assertThat(g.b()).isCloseTo(-7.0 / 3, EXACT);
    }

    /**
     * J is quadratic in (w, b), so the central difference (J(p + h e) - J(p - h e)) / 2h has no truncation error;
     * what remains is rounding, about 1e-16 * J / h = 1e-10 for h = 1e-5. Checked at several points.
     */
    @Test
    void gradientMatchesCentralFiniteDifference() {
        double[] x = {-1.3, 0.2, 0.7, 2.9, 4.1};
        double[] y = {0.4, 1.1, 2.3, 6.7, 9.0};
        double h = 1e-5;
        for (Params p : new Params[] {Params.ZERO, new Params(1, 0.5), new Params(-2.5, 3.25), new Params(2, 1)}) {
            double dw = (Mse.loss(p.plus(new Params(h, 0)), x, y) - Mse.loss(p.minus(new Params(h, 0)), x, y)) / (2 * h);
            double db = (Mse.loss(p.plus(new Params(0, h)), x, y) - Mse.loss(p.minus(new Params(0, h)), x, y)) / (2 * h);
            Params g = Mse.gradient(p, x, y);
            assertThat(g.w()).as("dJ/dw at %s", p).isCloseTo(dw, within(1e-7));
            assertThat(g.b()).as("dJ/db at %s", p).isCloseTo(db, within(1e-7));
        }
        // the same on the hand example
        double dw = (Mse.loss(new Params(1 + h, 0.5), X, Y) - Mse.loss(new Params(1 - h, 0.5), X, Y)) / (2 * h);
        assertThat(dw).isCloseTo(-3.0, within(1e-7));
    }

    @Test
    void gradientIsZeroOnAPerfectFit() {
        double[] y = {1, 3, 5}; // y = 2x + 1 on X
        Params g = Mse.gradient(new Params(2, 1), X, y);
        assertThat(g.w()).isZero();
        assertThat(g.b()).isZero();
        assertThat(Mse.loss(new Params(2, 1), X, y)).isZero();
    }
}
