package org.fedstep.core.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.function.Supplier;
import org.assertj.core.data.Offset;
import org.fedstep.core.settings.BatchSize;
import org.fedstep.core.settings.TrainingSettings;
import org.junit.jupiter.api.Test;

/**
 * The local optimisers, each stepped two or three times on small gradients worked by hand from the formulas in
 * DESIGN.md ("Local optimisers") and the classes' own documentation. An optimiser returns the change to ADD to
 * (w, b), so plain gradient descent returns -eta * g.
 */
class LocalOptimizerTest {

    private static final Offset<Double> EXACT = within(1e-15);

    private static double[] step(LocalOptimizer o, double gw, double gb) {
        double[] out = new double[2];
        o.step(new double[] {gw, gb}, out);
        return out;
    }

    // ---------------------------------------------------------------- SGD

    @Test
    void sgdStepIsMinusLearningRateTimesGradientAndKeepsNoState() {
        LocalOptimizer sgd = new Sgd(0.1);
        // g = (1, -2), eta = 0.1: change = -0.1 * (1, -2) = (-0.1, 0.2)
        double[] c1 = step(sgd, 1, -2);
        assertThat(c1[0]).isCloseTo(-0.1, EXACT);
        assertThat(c1[1]).isCloseTo(0.2, EXACT);
        // the same gradient again gives the same change: SGD has no memory
        double[] c2 = step(sgd, 1, -2);
        assertThat(c2[0]).isCloseTo(-0.1, EXACT);
        assertThat(c2[1]).isCloseTo(0.2, EXACT);
        // g = (0.5, 3): change = (-0.05, -0.3)
        double[] c3 = step(sgd, 0.5, 3);
        assertThat(c3[0]).isCloseTo(-0.05, EXACT);
        assertThat(c3[1]).isCloseTo(-0.3, EXACT);
    }

    // ---------------------------------------------------------------- Momentum

    /**
     * Heavy ball as the class documents it (PyTorch's form): v <- beta v + g, change = -eta v; v starts at 0.
     * eta = 0.1, beta = 0.9.
     * <pre>
     * step 1, g = (1, -2):   v = (1, -2)                                change = (-0.1,   0.2)
     * step 2, g = (1, -2):   v = 0.9 (1, -2) + (1, -2) = (1.9, -3.8)    change = (-0.19,  0.38)
     * step 3, g = (0.5, 1):  v = 0.9 (1.9, -3.8) + (0.5, 1)
     *                          = (1.71 + 0.5, -3.42 + 1) = (2.21, -2.42) change = (-0.221, 0.242)
     * </pre>
     * The exponential-average form v <- beta v + (1 - beta) g would give -0.01 at step 1, so this tells them apart.
     */
    @Test
    void momentumAccumulatesVelocityBetaVPlusG() {
        LocalOptimizer m = new Momentum(0.1, 0.9);
        double[] c1 = step(m, 1, -2);
        assertThat(c1[0]).isCloseTo(-0.1, EXACT);
        assertThat(c1[1]).isCloseTo(0.2, EXACT);
        double[] c2 = step(m, 1, -2);
        assertThat(c2[0]).isCloseTo(-0.19, EXACT);
        assertThat(c2[1]).isCloseTo(0.38, EXACT);
        double[] c3 = step(m, 0.5, 1);
        assertThat(c3[0]).isCloseTo(-0.221, EXACT);
        assertThat(c3[1]).isCloseTo(0.242, EXACT);
    }

    @Test
    void momentumWithBetaZeroIsSgd() {
        LocalOptimizer m = new Momentum(0.1, 0.0);
        step(m, 5, 5);
        double[] c = step(m, 1, -2);
        assertThat(c[0]).isCloseTo(-0.1, EXACT);
        assertThat(c[1]).isCloseTo(0.2, EXACT);
    }

    // ---------------------------------------------------------------- Adam

    /**
     * Adam with dyadic betas so every moment is exact in binary: eta = 0.1, b1 = 0.5, b2 = 0.75, eps = 0.
     * m <- b1 m + (1-b1) g, v <- b2 v + (1-b2) g^2, m_hat = m / (1 - b1^t), v_hat = v / (1 - b2^t),
     * change = -eta m_hat / (sqrt(v_hat) + eps).
     * <pre>
     * t = 1, g = (1, -2):  m = (0.5, -1)        v = (0.25, 1)
     *                      1-b1 = 0.5, 1-b2 = 0.25: m_hat = (1, -2), v_hat = (1, 4)
     *                      change = -0.1 (1/1, -2/2) = (-0.1, 0.1)
     * t = 2, g = (-1, 2):  m = (0.25 - 0.5, -0.5 + 1) = (-0.25, 0.5)
     *                      v = (0.1875 + 0.25, 0.75 + 1) = (0.4375, 1.75)
     *                      1-b1^2 = 0.75, 1-b2^2 = 0.4375: m_hat = (-1/3, 2/3), v_hat = (1, 4)
     *                      change = -0.1 (-1/3 / 1, 2/3 / 2) = (0.1/3, -0.1/3)
     * t = 3, g = (1, -2):  m = (-0.125 + 0.5, 0.25 - 1) = (0.375, -0.75)
     *                      v = (0.328125 + 0.25, 1.3125 + 1) = (0.578125, 2.3125)
     *                      1-b1^3 = 0.875, 1-b2^3 = 0.578125: m_hat = (3/7, -6/7), v_hat = (1, 4)
     *                      change = -0.1 (3/7 / 1, -6/7 / 2) = (-0.3/7, 0.3/7)
     * </pre>
     */
    @Test
    void adamKeepsBothMomentsAndCorrectsTheirBias() {
        LocalOptimizer adam = new Adam(0.1, 0.5, 0.75, 0.0);
        double[] c1 = step(adam, 1, -2);
        assertThat(c1[0]).isCloseTo(-0.1, EXACT);
        assertThat(c1[1]).isCloseTo(0.1, EXACT);
        double[] c2 = step(adam, -1, 2);
        assertThat(c2[0]).isCloseTo(0.1 / 3, EXACT);
        assertThat(c2[1]).isCloseTo(-0.1 / 3, EXACT);
        double[] c3 = step(adam, 1, -2);
        assertThat(c3[0]).isCloseTo(-0.3 / 7, EXACT);
        assertThat(c3[1]).isCloseTo(0.3 / 7, EXACT);
    }

    /**
     * With the usual b1 = 0.9, b2 = 0.999, eps = 1e-8 and eta = 0.1: bias correction makes the first step
     * m_hat = g, v_hat = g^2, so change = -eta g / (|g| + eps): (-0.1 / (1 + 1e-8), 0.1 * 2 / (2 + 1e-8)).
     * Without the correction it would be -0.1 * 0.1 / (sqrt(0.001) + 1e-8) = -0.316 for w; the source article's
     * version without v (change = -eta m_hat) would be -0.1 for w but 0.2 for b.
     * The first step is exact: (1 - b1) g / (1 - b1) and (1 - b2) g^2 / (1 - b2) divide a number by the factor it was
     * just multiplied by (g^2 = 1 or 4 is a power of 2).
     * A constant gradient keeps m_hat = g and v_hat = g^2 at every t (the bias correction exactly undoes the zero
     * start: m_t = (1 - b1^t) g), so steps 2 and 3 repeat step 1. Those are checked to 1e-13, not 1e-15: 1 - b2^t
     * with b2^t = 0.998001... cancels about 3 of 16 digits.
     */
    @Test
    void adamFirstStepHasLengthEtaWhateverTheGradientScale() {
        LocalOptimizer adam = new Adam(0.1, 0.9, 0.999, 1e-8);
        double[] c1 = step(adam, 1, -2);
        assertThat(c1[0]).isCloseTo(-0.1 / (1 + 1e-8), EXACT);
        assertThat(c1[1]).isCloseTo(0.2 / (2 + 1e-8), EXACT);
        for (int t = 2; t <= 3; t++) {
            double[] c = step(adam, 1, -2);
            assertThat(c[0]).as("step %d", t).isCloseTo(-0.1 / (1 + 1e-8), within(1e-13));
            assertThat(c[1]).as("step %d", t).isCloseTo(0.2 / (2 + 1e-8), within(1e-13));
        }
    }

    /**
     * Defaults again, gradient (1, -2) then (0.5, 1), worked out as fractions:
     * <pre>
     * m_w: 0.1, then 0.9*0.1 + 0.1*0.5 = 0.14;    m_hat_w = 0.14 / (1 - 0.81) = 0.14 / 0.19 = 14/19
     * v_w: 0.001, then 0.999*0.001 + 0.001*0.25 = 0.001249; v_hat_w = 0.001249 / 0.001999 = 1249/1999
     * m_b: -0.2, then 0.9*(-0.2) + 0.1*1 = -0.08;  m_hat_b = -0.08 / 0.19 = -8/19
     * v_b: 0.004, then 0.999*0.004 + 0.001*1 = 0.004996; v_hat_b = 0.004996 / 0.001999 = 4996/1999
     * change = -0.1 * m_hat / (sqrt(v_hat) + 1e-8)
     * </pre>
     * Within 1e-13 for the cancellation in 1 - 0.999^2 (see above).
     */
    @Test
    void adamSecondStepMixesOldAndNewGradient() {
        LocalOptimizer adam = new Adam(0.1, 0.9, 0.999, 1e-8);
        step(adam, 1, -2);
        double[] c = step(adam, 0.5, 1);
        assertThat(c[0]).isCloseTo(-0.1 * (14.0 / 19) / (Math.sqrt(1249.0 / 1999) + 1e-8), within(1e-13));
        assertThat(c[1]).isCloseTo(-0.1 * (-8.0 / 19) / (Math.sqrt(4996.0 / 1999) + 1e-8), within(1e-13));
        // numerically: w: 0.1 * 0.73684 / 0.79045 = 0.09322, so -0.0932...; b: 0.1 * 0.42105 / 1.58090 = +0.0266...
        assertThat(c[0]).isCloseTo(-0.09322, within(1e-5));
        assertThat(c[1]).isCloseTo(0.02664, within(1e-5));
    }

    // ---------------------------------------------------------------- Optimizers

    private static TrainingSettings settings(String optimizer, Double momentum, Double b1, Double b2, Double eps) {
        return new TrainingSettings(1, BatchSize.FULL, 0.1, optimizer, momentum, b1, b2, eps);
    }

    @Test
    void factoryMakesTheNamedOptimiserWithTheSettingsValues() {
        // sgd: -0.1 * (1, -2) on every step
        LocalOptimizer sgd = Optimizers.factory(TrainingSettings.sgd(1, BatchSize.FULL, 0.1)).get();
        step(sgd, 1, -2);
        assertThat(step(sgd, 1, -2)[0]).isCloseTo(-0.1, EXACT);

        // momentum 0.9: second step -0.19 (see momentumAccumulatesVelocityBetaVPlusG)
        LocalOptimizer mom = Optimizers.factory(settings(TrainingSettings.MOMENTUM, 0.9, null, null, null)).get();
        step(mom, 1, -2);
        assertThat(step(mom, 1, -2)[0]).isCloseTo(-0.19, EXACT);

        // adam with b1 0.5, b2 0.75, eps 0: the three hand-worked steps of adamKeepsBothMomentsAndCorrectsTheirBias
        LocalOptimizer adam = Optimizers.factory(settings(TrainingSettings.ADAM, null, 0.5, 0.75, 0.0)).get();
        assertThat(step(adam, 1, -2)[0]).isCloseTo(-0.1, EXACT);
        assertThat(step(adam, -1, 2)[0]).isCloseTo(0.1 / 3, EXACT);
        assertThat(step(adam, 1, -2)[1]).isCloseTo(0.3 / 7, EXACT);
    }

    @Test
    void factoryMakesAFreshOptimiserEveryTime() {
        Supplier<LocalOptimizer> f = Optimizers.factory(settings(TrainingSettings.MOMENTUM, 0.9, null, null, null));
        LocalOptimizer first = f.get();
        step(first, 100, 100);
        step(first, 100, 100);
        // a new client's optimiser starts with v = 0, untouched by the first one's steps
        double[] c = step(f.get(), 1, -2);
        assertThat(c[0]).isCloseTo(-0.1, EXACT);
        assertThat(c[1]).isCloseTo(0.2, EXACT);
    }

    @Test
    void factoryRejectsAnUnknownName() {
        assertThatThrownBy(() -> Optimizers.factory(settings("rmsprop", null, null, null, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rmsprop");
    }
}
