package org.fedstep.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * z-scores x' = (x - mx) / sx, y' = (y - my) / sy (population sd), and the map of lines between the two spaces:
 * y' = w' x' + b'  is  y = w x + b  with  w = w' sy / sx, b = my + sy b' - w mx.
 */
class StandardizationTest {

    private static final Offset<Double> TOL = within(1e-12);

    /** x = (1, 3): mean 2, population sd 1. y = (10, 20): mean 15, sd 5. */
    private static final Standardization S = Standardization.of(new double[] {1, 3}, new double[] {10, 20});

    @Test
    void ofTakesMeansAndPopulationStandardDeviations() {
        assertThat(S.xMean()).isEqualTo(2.0);
        assertThat(S.xScale()).isEqualTo(1.0);
        assertThat(S.yMean()).isEqualTo(15.0);
        assertThat(S.yScale()).isEqualTo(5.0);
        assertThat(S.toModelX(3)).isEqualTo(1.0);
        assertThat(S.toModelY(10)).isEqualTo(-1.0);
        // x = (0, 0, 6): mean 2, sd sqrt((4 + 4 + 16) / 3) = sqrt(8) (population, not sample: sqrt(12))
        Standardization t = Standardization.of(new double[] {0, 0, 6}, new double[] {1, 1, 1});
        assertThat(t.xScale()).isCloseTo(Math.sqrt(8), TOL);
        // a constant column gets scale 1, so nothing is divided by 0
        assertThat(t.yMean()).isEqualTo(1.0);
        assertThat(t.yScale()).isEqualTo(1.0);
    }

    /**
     * The standardised points are (-1, -1) and (1, 1), on y' = x' (w' = 1, b' = 0). In original units the line
     * through (1, 10) and (3, 20) is y = 5x + 5: w = 1 * 5 / 1 = 5, b = 15 + 5 * 0 - 5 * 2 = 5.
     */
    @Test
    void aLineInZScoresMapsToTheSameLineInOriginalUnits() {
        Params original = S.toOriginal(new Params(1, 0));
        assertThat(original.w()).isCloseTo(5, TOL);
        assertThat(original.b()).isCloseTo(5, TOL);
        Params back = S.toModel(new Params(5, 5));
        assertThat(back.w()).isCloseTo(1, TOL);
        assertThat(back.b()).isCloseTo(0, TOL);
    }

    @Test
    void roundTripsBothWays() {
        Standardization s = Standardization.of(new double[] {-3.5, 0.25, 1.5, 9}, new double[] {100, 40, -7, 3.3});
        for (Params p : new Params[] {Params.ZERO, new Params(1.7, -0.3), new Params(-42, 8)}) {
            Params a = s.toModel(s.toOriginal(p));
            assertThat(a.w()).isCloseTo(p.w(), TOL);
            assertThat(a.b()).isCloseTo(p.b(), TOL);
            Params b = s.toOriginal(s.toModel(p));
            assertThat(b.w()).isCloseTo(p.w(), TOL);
            assertThat(b.b()).isCloseTo(p.b(), TOL);
        }
    }

    /**
     * A model in z-scores predicts y = my + sy (w' x' + b') for x' = (x - mx) / sx; the mapped line must predict the
     * same at every x.
     */
    @Test
    void mappedLinePredictsWhatTheStandardisedModelPredicts() {
        Standardization s = Standardization.of(new double[] {-3.5, 0.25, 1.5, 9}, new double[] {100, 40, -7, 3.3});
        Params model = new Params(0.8, -0.15);
        Params line = s.toOriginal(model);
        for (double x : new double[] {-10, -3.5, 0, 2.2, 9, 50}) {
            double viaZ = s.yMean() + s.yScale() * (model.w() * s.toModelX(x) + model.b());
            assertThat(line.w() * x + line.b()).as("x = %s", x).isCloseTo(viaZ, within(1e-10));
        }
    }

    /**
     * Least squares commutes with the affine change of units, so a fit in z-scores mapped back must be the fit in
     * original units; and the MSE in original units is sy^2 times the MSE in z-scores.
     */
    @Test
    void modelFittedInZScoresIsTheOriginalFit() {
        double[] x = {12, 15, 19, 22, 30, 31};
        double[] y = {150, 180, 170, 240, 260, 300};
        Standardization s = Standardization.of(x, y);
        double[] zx = new double[x.length];
        double[] zy = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            zx[i] = s.toModelX(x[i]);
            zy[i] = s.toModelY(y[i]);
        }
        Params inZ = LeastSquares.fit(zx, zy);
        Params mapped = s.toOriginal(inZ);
        Params direct = LeastSquares.fit(x, y);
        assertThat(mapped.w()).isCloseTo(direct.w(), within(1e-9));
        assertThat(mapped.b()).isCloseTo(direct.b(), within(1e-9));
        for (int i = 0; i < x.length; i++) {
            assertThat(mapped.w() * x[i] + mapped.b()).isCloseTo(direct.w() * x[i] + direct.b(), within(1e-9));
        }
        assertThat(Mse.loss(mapped, x, y)).isCloseTo(s.yScale() * s.yScale() * Mse.loss(inZ, zx, zy), within(1e-8));
        // the slope in z-scores of a least-squares fit is the correlation, so it lies in [-1, 1]
        assertThat(Math.abs(inZ.w())).isLessThanOrEqualTo(1.0);
        assertThat(inZ.b()).isCloseTo(0, within(1e-12));
    }

    @Test
    void deltaToOriginalIsTheDifferenceOfMappedLines() {
        Standardization s = Standardization.of(new double[] {-3.5, 0.25, 1.5, 9}, new double[] {100, 40, -7, 3.3});
        Params a = new Params(0.8, -0.15);
        Params b = new Params(-0.3, 0.6);
        Params expected = s.toOriginal(a).minus(s.toOriginal(b));
        Params delta = s.deltaToOriginal(a.minus(b));
        assertThat(delta.w()).isCloseTo(expected.w(), TOL);
        assertThat(delta.b()).isCloseTo(expected.b(), TOL);
    }

    @Test
    void identityChangesNothing() {
        Params p = new Params(2.5, -1);
        assertThat(Standardization.IDENTITY.isIdentity()).isTrue();
        assertThat(Standardization.IDENTITY.toOriginal(p)).isEqualTo(p);
        assertThat(Standardization.IDENTITY.toModel(p)).isEqualTo(p);
        assertThat(Standardization.IDENTITY.deltaToOriginal(p)).isEqualTo(p);
        assertThat(Standardization.IDENTITY.toModelX(7)).isEqualTo(7.0);
        assertThat(S.isIdentity()).isFalse();
        // no data: mean 0, scale 1, the identity
        assertThat(Standardization.of(new double[0], new double[0]).isIdentity()).isTrue();
    }
}
