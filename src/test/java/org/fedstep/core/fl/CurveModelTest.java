package org.fedstep.core.fl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.fedstep.core.comm.Compressor;
import org.fedstep.core.data.ClientData;
import org.fedstep.core.data.FederatedData;
import org.fedstep.core.fl.strategy.Aggregation;
import org.fedstep.core.fl.strategy.ClientUpload;
import org.fedstep.core.fl.strategy.CoordinateMedian;
import org.fedstep.core.fl.strategy.ServerState;
import org.fedstep.core.model.LeastSquares;
import org.fedstep.core.model.Params;
import org.fedstep.core.model.Standardization;
import org.fedstep.core.optim.Sgd;
import org.fedstep.core.random.Rng;
import org.fedstep.core.settings.CompressionSettings;
import org.fedstep.core.settings.InvalidSettingsException;
import org.fedstep.core.settings.StrategySettings;
import org.fedstep.io.Sessions;
import org.junit.jupiter.api.Test;

/**
 * The model as a polynomial y_hat = b + w x + w_2 x^2 + ... + w_d x^d. Every expected value is computed here with
 * plain loops and a hand-written solver (Gaussian elimination on the normal equations), not with the code under test.
 */
class CurveModelTest {

    /** Rows on [lo, hi) from y = 1 + 0.8 x - 0.3 x^2 + noise, a different noise per client. */
    private static FederatedData curvedClients(long seed, double lo, double hi, int... sizes) {
        Random r = new Random(seed);
        List<ClientData> clients = new ArrayList<>();
        for (int k = 0; k < sizes.length; k++) {
            double[] x = new double[sizes[k]];
            double[] y = new double[sizes[k]];
            for (int i = 0; i < x.length; i++) {
                x[i] = lo + (hi - lo) * r.nextDouble();
                y[i] = 1 + 0.8 * x[i] - 0.3 * x[i] * x[i] + 0.2 * r.nextGaussian();
            }
            clients.add(new ClientData("Client " + (k + 1), x, y, new double[] {lo, hi},
                    new double[] {1, 1}, null));
        }
        return new FederatedData("curved", "x", "y", clients, 0);
    }

    /** The least-squares polynomial from the normal equations (X'X) c = X'y, solved by elimination. By power. */
    static double[] normalEquations(double[] x, double[] y, int degree) {
        int m = degree + 1;
        double[][] a = new double[m][m + 1];
        for (int i = 0; i < x.length; i++) {
            for (int r = 0; r < m; r++) {
                for (int c = 0; c < m; c++) {
                    a[r][c] += Math.pow(x[i], r) * Math.pow(x[i], c);
                }
                a[r][m] += Math.pow(x[i], r) * y[i];
            }
        }
        for (int p = 0; p < m; p++) {
            int best = p;
            for (int r = p + 1; r < m; r++) {
                if (Math.abs(a[r][p]) > Math.abs(a[best][p])) {
                    best = r;
                }
            }
            double[] t = a[p];
            a[p] = a[best];
            a[best] = t;
            for (int r = 0; r < m; r++) {
                if (r != p) {
                    double f = a[r][p] / a[p][p];
                    for (int c = p; c <= m; c++) {
                        a[r][c] -= f * a[p][c];
                    }
                }
            }
        }
        double[] coef = new double[m];
        for (int p = 0; p < m; p++) {
            coef[p] = a[p][m] / a[p][p];
        }
        return coef;
    }

    private static double value(double[] byPower, double x) {
        double y = 0;
        for (int p = byPower.length - 1; p >= 0; p--) {
            y = y * x + byPower[p];
        }
        return y;
    }

    @Test
    void leastSquaresRecoversAnExactQuadraticAlsoOnLargeX() {
        double[] x = {0, 1, 2, 3, 4, 5};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = 3 - 2 * x[i] + 0.5 * x[i] * x[i];
        }
        Params p = LeastSquares.fit(x, y, 2);
        assertThat(p.b()).isCloseTo(3, within(1e-12));
        assertThat(p.w()).isCloseTo(-2, within(1e-12));
        assertThat(p.coefficient(2)).isCloseTo(0.5, within(1e-12));
        // car weights: x near 3,000, x^2 near 10 million; a cubic's coefficients still come back
        double[] big = new double[40];
        double[] fuel = new double[40];
        for (int i = 0; i < big.length; i++) {
            big[i] = 1600 + 100 * i;
            fuel[i] = 60 - 0.02 * big[i] + 3e-6 * big[i] * big[i] - 1e-10 * Math.pow(big[i], 3);
        }
        Params cubic = LeastSquares.fit(big, fuel, 3);
        assertThat(cubic.b()).isCloseTo(60, within(1e-6));
        assertThat(cubic.w()).isCloseTo(-0.02, within(1e-9));
        assertThat(cubic.coefficient(2)).isCloseTo(3e-6, within(1e-12));
        assertThat(cubic.coefficient(3)).isCloseTo(-1e-10, within(1e-15));
        // too few distinct x for the degree: no single curve
        assertThat(LeastSquares.fit(new double[] {1, 1, 2, 2}, new double[] {1, 2, 3, 4}, 2)).isNull();
    }

    @Test
    void leastSquaresOnNoisyDataMatchesTheNormalEquations() {
        FederatedData data = curvedClients(3, -2, 3, 60);
        double[] x = data.pooledTrainX();
        double[] y = data.pooledTrainY();
        double[] expected = normalEquations(x, y, 3);
        Params fit = LeastSquares.fit(x, y, 3);
        for (int j = 0; j <= 3; j++) {
            assertThat(fit.coefficient(j)).as("coefficient of x^%d", j).isCloseTo(expected[j], within(1e-9));
        }
    }

    @Test
    void standardisationMapsACurveToZScoresAndBack() {
        FederatedData data = curvedClients(4, 10, 20, 30);
        double[] x = data.pooledTrainX();
        double[] y = data.pooledTrainY();
        Standardization u = Standardization.of(x, y);
        Params original = Params.polynomial(5, -1.5, 0.25, -0.01);
        Params model = u.toModel(original);
        for (double at : new double[] {10, 13.5, 20}) {
            double z = (at - u.xMean()) / u.xScale();
            // y in original units = my + sy * (the model's curve at the z-score of x)
            assertThat(u.yMean() + u.yScale() * model.valueAt(z)).isCloseTo(original.valueAt(at), within(1e-10));
        }
        Params back = u.toOriginal(model);
        for (int j = 0; j <= 3; j++) {
            assertThat(back.coefficient(j)).isCloseTo(original.coefficient(j), within(1e-11));
        }
        Params other = Params.polynomial(0.5, 0.3, -0.2, 0.1);
        Params delta = u.deltaToOriginal(other.minus(model));
        Params difference = u.toOriginal(other).minus(u.toOriginal(model));
        for (int i = 0; i < 4; i++) {
            assertThat(delta.get(i)).isCloseTo(difference.get(i), within(1e-9));
        }
    }

    @Test
    void oneLocalStepOnACurveIsTheGradientStepWorkedByHand() {
        double[] x = {-1, 0.5, 2};
        double[] y = {0, 1, -1};
        Params start = Params.polynomial(1, 0.5, -0.2); // b = 1, w = 0.5, w_2 = -0.2
        double eta = 0.1;
        LocalTrainer trainer = new LocalTrainer(1, 0, () -> new Sgd(eta));
        LocalTrainer.Result r = trainer.train(x, y, start, 0, null, Rng.derive(1, Rng.Stream.SHUFFLE, 1, 0), true);
        // residuals y_hat - y: at -1: 1 - 0.5 - 0.2 - 0 = 0.3; at 0.5: 1 + 0.25 - 0.05 - 1 = 0.2;
        // at 2: 1 + 1 - 0.8 + 1 = 2.2. Gradient (2/3) sum r (1, x, x^2):
        double g0 = 2.0 / 3 * (0.3 + 0.2 + 2.2);
        double g1 = 2.0 / 3 * (0.3 * -1 + 0.2 * 0.5 + 2.2 * 2);
        double g2 = 2.0 / 3 * (0.3 * 1 + 0.2 * 0.25 + 2.2 * 4);
        assertThat(r.steps()).isEqualTo(1);
        assertThat(r.end().b()).isCloseTo(1 - eta * g0, within(1e-14));
        assertThat(r.end().w()).isCloseTo(0.5 - eta * g1, within(1e-14));
        assertThat(r.end().coefficient(2)).isCloseTo(-0.2 - eta * g2, within(1e-14));
        assertThat(r.path().size()).isEqualTo(2);
        assertThat(r.path().at(1)).isEqualTo(r.end());
        assertThat(r.path().at(0)).isEqualTo(start);
    }

    @Test
    void fedAvgOfACurveReachesTheCentralisedLeastSquaresCurve() {
        FederatedData data = curvedClients(7, -2, 3, 40, 60, 80);
        RoundEngine e = EngineFixtures.engine(EngineFixtures.settings().degree(2).standardize(true).epochs(1)
                .learningRate(0.3), data);
        e.runRounds(400);
        double[] expected = normalEquations(data.pooledTrainX(), data.pooledTrainY(), 2);
        Params global = e.units().toOriginal(e.summary(400).global());
        assertThat(global.degree()).isEqualTo(2);
        for (int j = 0; j <= 2; j++) {
            // full batch, one epoch, weights by rows: FedAvg is gradient descent on the pooled loss
            assertThat(global.coefficient(j)).as("x^%d", j).isCloseTo(expected[j], within(1e-8));
            assertThat(e.optimum().coefficient(j)).isCloseTo(expected[j], within(1e-9));
        }
        // the losses are of the curve: J at theta* by hand
        double j = 0;
        double[] x = data.pooledTrainX();
        double[] y = data.pooledTrainY();
        for (int i = 0; i < x.length; i++) {
            j += Math.pow(value(expected, x[i]) - y[i], 2);
        }
        assertThat(e.summary(400).trainLoss()).isCloseTo(j / x.length, within(1e-10));
        assertThat(e.summary(400).end(0).degree()).isEqualTo(2);
    }

    @Test
    void aCurveRunSavesAndRestoresExactly() throws Exception {
        FederatedData data = curvedClients(8, -1, 2, 20, 30);
        RoundEngine e = EngineFixtures.engine(EngineFixtures.settings().degree(3).standardize(true)
                .strategy(StrategySettings.SCAFFOLD).learningRate(0.05), data);
        e.runRounds(5);
        StringWriter file = new StringWriter();
        Sessions.write(file, e);
        assertThat(file.toString()).contains("\"higher\"").contains("\"endHigher\"");
        RoundEngine read = Sessions.read("curve.fedstep", new StringReader(file.toString()));
        assertThat(read.history()).isEqualTo(e.history());
        assertThat(read.summary(5).global().size()).isEqualTo(4);
        assertThat(read.summary(5).control(1).size()).isEqualTo(4);
    }

    @Test
    void topKOfEveryCoordinateIsNoCompressionAndTopTwoKeepsTheLargest() {
        Params update = Params.of(0.1, -3, 2, 0.5); // w, b, w_2, w_3
        Rng rng = Rng.derive(1, Rng.Stream.COMPRESSION, 1, 0);
        Compressor all = new Compressor(new CompressionSettings(CompressionSettings.TOP_K, null, 4, false), 4);
        assertThat(all.compress(update, rng)).isEqualTo(update);
        assertThat(all.updateBits()).isEqualTo(4 * 32);
        Compressor two = new Compressor(new CompressionSettings(CompressionSettings.TOP_K, null, 2, false), 4);
        assertThat(two.compress(update, rng)).isEqualTo(Params.of(0, -3, 2, 0));
        // two values, each with a 2-bit index (one of four coordinates)
        assertThat(two.updateBits()).isEqualTo(2 * (32 + 2));
        assertThat(Compressor.indexBits(2)).isEqualTo(1);
        assertThat(Compressor.indexBits(9)).isEqualTo(4);
        // quantising: one scale, then bits per coordinate
        Compressor q = new Compressor(new CompressionSettings(CompressionSettings.QUANTIZE, 3, null, false), 4);
        assertThat(q.updateBits()).isEqualTo(32 + 4 * 3);
        Params sent = q.compress(update, rng);
        for (int i = 0; i < 4; i++) {
            // every coordinate lands on one of the 7 steps from -3 to 3
            double level = (sent.get(i) + 3) / 6 * 7;
            assertThat(level).isCloseTo(Math.rint(level), within(1e-12));
        }
    }

    @Test
    void theMedianIsTakenCoordinateByCoordinate() {
        List<ClientUpload> uploads = List.of(
                new ClientUpload(0, Params.of(1, 10, 100), 5, 1.0 / 3, null),
                new ClientUpload(1, Params.of(2, 30, -100), 5, 1.0 / 3, null),
                new ClientUpload(2, Params.of(9, 20, 0), 5, 1.0 / 3, null));
        Aggregation a = new CoordinateMedian().aggregate(Params.zero(3), uploads, ServerState.ZERO, 3);
        assertThat(a.newGlobal()).isEqualTo(Params.of(2, 20, 0));
        assertThat(a.robust().usedFor(0)).containsExactly(1);
        assertThat(a.robust().usedFor(1)).containsExactly(2);
        assertThat(a.robust().usedFor(2)).containsExactly(2);
    }

    @Test
    void degreesAndTopKBeyondTheModelAreRefusedByName() {
        assertThatThrownBy(() -> EngineFixtures.settings().degree(9).build())
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("model.degree must be a whole number from 1 to 8 (found 9)");
        assertThatThrownBy(() -> EngineFixtures.settings().degree(2)
                .compression(new CompressionSettings(CompressionSettings.TOP_K, null, 4, null)).build())
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("compression.k must be a whole number from 1 to 3, the model's parameters"
                        + " (model.degree 2) (found 4)");
    }
}
