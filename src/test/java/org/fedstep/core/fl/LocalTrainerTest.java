package org.fedstep.core.fl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.Set;
import org.fedstep.core.model.Mse;
import org.fedstep.core.model.Params;
import org.fedstep.core.optim.Momentum;
import org.fedstep.core.optim.Sgd;
import org.fedstep.core.random.Rng;
import org.junit.jupiter.api.Test;

/**
 * A client's local training, checked against steps worked by hand. The data are two points (0, 1) and (2, 5) (on
 * y = 2x + 1) and the learning rate 0.125, so every number below is a short binary fraction and the results are exact.
 * Batch gradient over m rows: (2/m) sum (w x + b - y) (x, 1), plus mu (theta - theta_t) and the SCAFFOLD term c - c_k.
 */
class LocalTrainerTest {

    private static final double[] X = {0, 2};
    private static final double[] Y = {1, 5};
    private static final double LR = 0.125;

    private static LocalTrainer sgd(int epochs, int batch) {
        return new LocalTrainer(epochs, batch, () -> new Sgd(LR));
    }

    // ---------------------------------------------------------------- full batch by hand

    /**
     * From (0, 0): residuals w x + b - y = (-1, -5); gradient (2/2) (0*(-1) + 2*(-5), -1 - 5) = (-10, -6);
     * theta_1 = (0, 0) - 0.125 (-10, -6) = (1.25, 0.75).
     */
    @Test
    void oneFullBatchStepIsThetaMinusLearningRateTimesGradient() {
        LocalTrainer.Result r = sgd(1, 0).train(X, Y, Params.ZERO, 0, null, new Rng(1), true);
        assertThat(r.end()).isEqualTo(new Params(1.25, 0.75));
        assertThat(r.steps()).isEqualTo(1);
        assertThat(r.path().size()).isEqualTo(2);
        assertThat(r.path().at(0)).isEqualTo(Params.ZERO);
        assertThat(r.path().at(1)).isEqualTo(new Params(1.25, 0.75));
        // and the same via Mse.gradient, the model package's statement of the formula
        Params g = Mse.gradient(Params.ZERO, X, Y);
        assertThat(Params.ZERO.minus(g.times(LR))).isEqualTo(r.end());
    }

    /**
     * Second step from (1.25, 0.75): residuals (0.75 - 1, 2.5 + 0.75 - 5) = (-0.25, -1.75);
     * gradient (2 * (-1.75), -0.25 - 1.75) = (-3.5, -2); theta_2 = (1.25 + 0.4375, 0.75 + 0.25) = (1.6875, 1).
     * Full batch E = 2 is two such steps (one per epoch).
     */
    @Test
    void twoEpochsFullBatchAreTwoHandWorkedSteps() {
        LocalTrainer.Result r = sgd(2, 0).train(X, Y, Params.ZERO, 0, null, new Rng(1), true);
        assertThat(r.steps()).isEqualTo(2);
        assertThat(r.path().at(1)).isEqualTo(new Params(1.25, 0.75));
        assertThat(r.end()).isEqualTo(new Params(1.6875, 1.0));
    }

    @Test
    void startNeedNotBeZero() {
        // from (2, 1), the exact line: zero residuals, no move
        LocalTrainer.Result r = sgd(3, 0).train(X, Y, new Params(2, 1), 0, null, new Rng(1), true);
        assertThat(r.end()).isEqualTo(new Params(2, 1));
        // from (1, 1): residuals (0, -2); gradient (2*(-2), -2) = (-4, -2); theta_1 = (1.5, 1.25)
        LocalTrainer.Result s = sgd(1, 0).train(X, Y, new Params(1, 1), 0, null, new Rng(1), false);
        assertThat(s.end()).isEqualTo(new Params(1.5, 1.25));
        assertThat(s.path()).isNull();
    }

    // ---------------------------------------------------------------- counting steps

    @Test
    void stepsAreEpochsTimesCeilingOfRowsOverBatch() {
        assertThat(sgd(3, 4).stepsFor(10)).isEqualTo(9);   // ceil(10/4) = 3 per epoch
        assertThat(sgd(3, 4).stepsFor(8)).isEqualTo(6);    // ceil(8/4) = 2
        assertThat(sgd(3, 4).stepsFor(9)).isEqualTo(9);    // ceil(9/4) = 3
        assertThat(sgd(2, 1).stepsFor(7)).isEqualTo(14);   // one row per step
        assertThat(sgd(5, 0).stepsFor(10)).isEqualTo(5);   // full batch: one step per epoch
        assertThat(sgd(5, 20).stepsFor(10)).isEqualTo(5);  // a batch larger than the data is the full batch
        assertThat(sgd(3, 4).stepsFor(1)).isEqualTo(3);
    }

    @Test
    void pathHasStepsPlusOnePointsStartingAtTheStart() {
        double[] x = new double[10];
        double[] y = new double[10];
        for (int i = 0; i < 10; i++) {
            x[i] = i / 10.0;
            y[i] = 3 * x[i] - 1;
        }
        Params start = new Params(0.5, -0.25);
        LocalTrainer t = new LocalTrainer(3, 4, () -> new Sgd(0.05));
        LocalTrainer.Result r = t.train(x, y, start, 0, null, new Rng(7), true);
        assertThat(r.steps()).isEqualTo(9);
        assertThat(r.path().size()).isEqualTo(10);
        assertThat(r.path().at(0)).isEqualTo(start);
        assertThat(r.path().at(9)).isEqualTo(r.end());
        // consecutive points differ: every step moved
        for (int i = 1; i < r.path().size(); i++) {
            assertThat(r.path().at(i)).isNotEqualTo(r.path().at(i - 1));
        }
    }

    // ---------------------------------------------------------------- FedProx

    /**
     * mu = 0.5, theta_t = start = (0, 0). Step 1: theta = theta_t, so the proximal term is 0 and theta_1 = (1.25, 0.75)
     * as in plain SGD. Step 2: data gradient (-3.5, -2) (see above) plus mu (theta_1 - theta_t) = 0.5 (1.25, 0.75)
     * = (0.625, 0.375), total (-2.875, -1.625); theta_2 = (1.25 + 0.125 * 2.875, 0.75 + 0.125 * 1.625)
     * = (1.609375, 0.953125), pulled back towards theta_t compared with plain SGD's (1.6875, 1).
     */
    @Test
    void fedProxAddsMuTimesDistanceFromTheGlobalModel() {
        LocalTrainer.Result r = sgd(2, 0).train(X, Y, Params.ZERO, 0.5, null, new Rng(1), true);
        assertThat(r.path().at(1)).isEqualTo(new Params(1.25, 0.75));
        assertThat(r.end()).isEqualTo(new Params(1.609375, 0.953125));
    }

    /**
     * The same from theta_t = (1, 1): step 1 (1.5, 1.25) as in startNeedNotBeZero. Step 2: residuals
     * (1.25 - 1, 3 + 1.25 - 5) = (0.25, -0.75); data gradient (2 * (-0.75), 0.25 - 0.75) = (-1.5, -0.5);
     * mu = 2: + 2 ((1.5, 1.25) - (1, 1)) = (1, 0.5); total (-0.5, 0); theta_2 = (1.5625, 1.25).
     */
    @Test
    void fedProxAnchorsAtTheModelReceivedNotAtZero() {
        LocalTrainer.Result r = sgd(2, 0).train(X, Y, new Params(1, 1), 2.0, null, new Rng(1), true);
        assertThat(r.path().at(1)).isEqualTo(new Params(1.5, 1.25));
        assertThat(r.end()).isEqualTo(new Params(1.5625, 1.25));
    }

    // ---------------------------------------------------------------- SCAFFOLD

    /**
     * DESIGN.md: y <- y - eta_l (g_k(y) - c_k + c); the trainer is given c - c_k and adds it to every gradient.
     * c - c_k = (0.5, -1). Step 1: (-10, -6) + (0.5, -1) = (-9.5, -7); theta_1 = (1.1875, 0.875).
     * Step 2: residuals (0.875 - 1, 2.375 + 0.875 - 5) = (-0.125, -1.75); data gradient (-3.5, -1.875);
     * plus (0.5, -1): (-3, -2.875); theta_2 = (1.1875 + 0.375, 0.875 + 0.359375) = (1.5625, 1.234375).
     */
    @Test
    void scaffoldCorrectionIsAddedToEveryGradient() {
        LocalTrainer.Result r = sgd(2, 0).train(X, Y, Params.ZERO, 0, new Params(0.5, -1), new Rng(1), true);
        assertThat(r.path().at(1)).isEqualTo(new Params(1.1875, 0.875));
        assertThat(r.end()).isEqualTo(new Params(1.5625, 1.234375));
    }

    /**
     * When c - c_k cancels the client's own gradient at the start (c - c_k = -g_k(theta_t)), the first corrected step
     * does not move at all: the client follows the global direction c, here 0.
     */
    @Test
    void scaffoldCorrectionEqualToMinusTheLocalGradientHoldsTheStartStill() {
        Params start = new Params(0.5, 0.5);
        Params g = Mse.gradient(start, X, Y);
        LocalTrainer.Result r = sgd(1, 0).train(X, Y, start, 0, g.times(-1), new Rng(1), false);
        assertThat(r.end()).isEqualTo(start);
    }

    // ---------------------------------------------------------------- mini-batches and shuffling

    /**
     * B = 1, one epoch over the two rows: the batch gradient of one row is 2 (w x + b - y) (x, 1).
     * <pre>
     * order (0, 1): row 0 at (0, 0): r = -1, g = (0, -2)       -> (0, 0.25)
     *               row 1 at (0, 0.25): r = -4.75, g = (-19, -9.5) -> (2.375, 1.4375)
     * order (1, 0): row 1 at (0, 0): r = -5, g = (-20, -10)    -> (2.5, 1.25)
     *               row 0 at (2.5, 1.25): r = 0.25, g = (0, 0.5)  -> (2.5, 1.1875)
     * </pre>
     * Every seed's path is one of these two, and over a few seeds both appear.
     */
    @Test
    void miniBatchStepsFollowTheShuffledOrderWorkedByHand() {
        Set<Params> ends = new HashSet<>();
        for (long seed = 0; seed < 40; seed++) {
            LocalTrainer.Result r = sgd(1, 1).train(X, Y, Params.ZERO, 0, null, new Rng(seed), true);
            assertThat(r.steps()).isEqualTo(2);
            assertThat(r.path().size()).isEqualTo(3);
            if (r.path().at(1).equals(new Params(0, 0.25))) {
                assertThat(r.end()).isEqualTo(new Params(2.375, 1.4375));
            } else {
                assertThat(r.path().at(1)).isEqualTo(new Params(2.5, 1.25));
                assertThat(r.end()).isEqualTo(new Params(2.5, 1.1875));
            }
            ends.add(r.end());
        }
        assertThat(ends).hasSize(2);
    }

    /**
     * An independent statement of the documented loop: each epoch shuffles the row order with the given stream
     * (Fisher-Yates, Rng.shuffle), then takes consecutive batches of B rows (the last one shorter), one SGD step each.
     */
    @Test
    void miniBatchTrainingMatchesAStraightforwardReference() {
        int n = 10;
        double[] x = new double[n];
        double[] y = new double[n];
        Rng data = new Rng(99);
        for (int i = 0; i < n; i++) {
            x[i] = 4 * data.nextDouble() - 2;
            y[i] = -1.5 * x[i] + 0.5 + data.nextGaussian() * 0.3;
        }
        int epochs = 3;
        int batch = 3;
        double eta = 0.05;
        double mu = 0.1;
        Params corr = new Params(0.02, -0.03);
        Params start = new Params(0.2, 0.1);
        LocalTrainer.Result r = new LocalTrainer(epochs, batch, () -> new Sgd(eta))
                .train(x, y, start, mu, corr, new Rng(5), true);

        Rng shuffle = new Rng(5);
        int[] order = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        double w = start.w();
        double b = start.b();
        int step = 0;
        for (int e = 0; e < epochs; e++) {
            shuffle.shuffle(order);
            for (int from = 0; from < n; from += batch) {
                int m = Math.min(batch, n - from);
                double gw = 0;
                double gb = 0;
                for (int j = from; j < from + m; j++) {
                    double res = w * x[order[j]] + b - y[order[j]];
                    gw += 2.0 / m * res * x[order[j]];
                    gb += 2.0 / m * res;
                }
                gw += mu * (w - start.w()) + corr.w();
                gb += mu * (b - start.b()) + corr.b();
                w -= eta * gw;
                b -= eta * gb;
                step++;
                assertThat(r.path().w(step)).as("w after step %d", step).isCloseTo(w, within(1e-14));
                assertThat(r.path().b(step)).as("b after step %d", step).isCloseTo(b, within(1e-14));
            }
        }
        assertThat(step).isEqualTo(12); // 3 epochs * ceil(10 / 3)
        assertThat(r.steps()).isEqualTo(12);
    }

    @Test
    void sameSeedSamePathDifferentSeedDifferentPath() {
        double[] x = new double[12];
        double[] y = new double[12];
        for (int i = 0; i < 12; i++) {
            x[i] = i;
            y[i] = 0.5 * i + (i % 3) - 1;
        }
        LocalTrainer t = new LocalTrainer(2, 5, () -> new Sgd(0.01));
        LocalTrainer.Result a = t.train(x, y, Params.ZERO, 0, null, new Rng(11), true);
        LocalTrainer.Result b = t.train(x, y, Params.ZERO, 0, null, new Rng(11), true);
        LocalTrainer.Result c = t.train(x, y, Params.ZERO, 0, null, new Rng(12), true);
        assertThat(b.path()).isEqualTo(a.path());
        assertThat(b.end()).isEqualTo(a.end());
        assertThat(c.path()).isNotEqualTo(a.path());
        // the full batch never shuffles, so the seed does not matter
        LocalTrainer full = new LocalTrainer(2, 0, () -> new Sgd(0.01));
        assertThat(full.train(x, y, Params.ZERO, 0, null, new Rng(11), true).path())
                .isEqualTo(full.train(x, y, Params.ZERO, 0, null, new Rng(12), true).path());
    }

    // ---------------------------------------------------------------- optimiser state and divergence

    /**
     * Momentum 0.5 through the trainer, full batch, two steps. Step 1: v = (-10, -6), theta_1 = (1.25, 0.75).
     * Step 2: v = 0.5 (-10, -6) + (-3.5, -2) = (-8.5, -5); theta_2 = (1.25 + 1.0625, 0.75 + 0.625) = (2.3125, 1.375).
     * A second call starts a fresh optimiser (v = 0) and repeats the same numbers.
     */
    @Test
    void eachTrainingGetsAFreshOptimiser() {
        LocalTrainer t = new LocalTrainer(2, 0, () -> new Momentum(LR, 0.5));
        LocalTrainer.Result first = t.train(X, Y, Params.ZERO, 0, null, new Rng(1), false);
        LocalTrainer.Result second = t.train(X, Y, Params.ZERO, 0, null, new Rng(1), false);
        assertThat(first.end()).isEqualTo(new Params(2.3125, 1.375));
        assertThat(second.end()).isEqualTo(first.end());
    }

    /** Documented: a diverged run stops at the first non-finite model; the path ends there. */
    @Test
    void divergenceStopsTrainingAndTrimsThePath() {
        LocalTrainer t = new LocalTrainer(10_000, 0, () -> new Sgd(10));
        LocalTrainer.Result r = t.train(X, Y, Params.ZERO, 0, null, new Rng(1), true);
        assertThat(r.end().isFinite()).isFalse();
        assertThat(r.steps()).isLessThan(t.stepsFor(2)).isPositive();
        assertThat(r.path().size()).isEqualTo(r.steps() + 1);
        assertThat(r.path().at(r.steps()).isFinite()).isFalse();
        assertThat(r.path().at(r.steps() - 1).isFinite()).isTrue();
    }
}
