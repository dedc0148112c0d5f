package org.fedstep.core.fl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;
import static org.fedstep.core.fl.EngineFixtures.engine;
import static org.fedstep.core.fl.EngineFixtures.gd;
import static org.fedstep.core.fl.EngineFixtures.gdStep;
import static org.fedstep.core.fl.EngineFixtures.leastSquares;
import static org.fedstep.core.fl.EngineFixtures.mse;
import static org.fedstep.core.fl.EngineFixtures.settings;

import java.util.ArrayList;
import java.util.List;
import org.fedstep.core.data.FederatedData;
import org.fedstep.core.fl.strategy.Aggregation;
import org.fedstep.core.fl.strategy.ClientUpload;
import org.fedstep.core.fl.strategy.WeightedTerm;
import org.fedstep.core.model.Params;
import org.fedstep.core.settings.BatchSize;
import org.junit.jupiter.api.Test;

/**
 * Each phase's record carries what DESIGN.md says it shows, and its numbers agree with an independent computation:
 * broadcast (who got theta_t), local training (each client's path of models, losses before and after), upload
 * (delta_k = theta_k - theta_t, n_k, p_k), aggregate (the weighted terms add up to the result), update (theta_{t+1}
 * and its losses, and its distance to the closed-form least-squares line).
 */
class PhaseRecordsTest {

    private static final int[] SIZES = {6, 13, 4, 9, 17};
    private static final double ETA = 0.01;
    private static final int EPOCHS = 3;

    @Test
    void everyPhaseRecordCarriesWhatDesignSaysAndAgreesWithAnIndependentComputation() {
        FederatedData data = EngineFixtures.unequalClients(8, SIZES);
        RoundEngine engine = engine(settings().seed(3).fraction(0.6).epochs(EPOCHS).batch(BatchSize.FULL)
                .learningRate(ETA), data);
        assertThat(engine.sampledPerRound()).isEqualTo(3);
        double[] poolX = EngineFixtures.pooledTrainX(data);
        double[] poolY = EngineFixtures.pooledTrainY(data);
        double[] testX = EngineFixtures.pooledTestX(data);
        double[] testY = EngineFixtures.pooledTestY(data);
        Params optimum = leastSquares(poolX, poolY);

        for (int t = 1; t <= 6; t++) {
            // step phase by phase and check each record as it is revealed
            BroadcastRecord broadcast = (BroadcastRecord) engine.stepPhase();
            Params theta = engine.summary(t - 1).global();
            assertThat(broadcast.round()).isEqualTo(t);
            assertThat(broadcast.phase()).isEqualTo(Phase.BROADCAST);
            assertThat(broadcast.global()).isEqualTo(theta);
            assertThat(broadcast.serverControl()).isNull(); // only SCAFFOLD sends c
            List<Integer> everyone = new ArrayList<>(broadcast.recipients());
            everyone.addAll(broadcast.notSampled());
            assertThat(everyone).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
            assertThat(broadcast.recipients()).hasSize(3).isSorted();
            assertThat(broadcast.notSampled()).hasSize(2).isSorted();
            assertThat(engine.globalAtCursor()).isEqualTo(theta);

            LocalTrainingRecord training = (LocalTrainingRecord) engine.stepPhase();
            assertThat(training.round()).isEqualTo(t);
            assertThat(training.clients()).extracting(ClientTraining::client)
                    .containsExactlyElementsOf(broadcast.recipients());
            for (ClientTraining c : training.clients()) {
                int k = c.client();
                double[] x = data.client(k).trainX();
                double[] y = data.client(k).trainY();
                assertThat(c.samples()).isEqualTo(SIZES[k]);
                assertThat(c.start()).isEqualTo(theta);
                assertThat(c.steps()).isEqualTo(EPOCHS); // full batch: one step per epoch
                ModelPath path = c.path();
                assertThat(path.size()).isEqualTo(c.steps() + 1);
                assertThat(path.at(0)).isEqualTo(c.start()).isEqualTo(broadcast.global());
                assertThat(path.at(path.size() - 1)).isEqualTo(c.end());
                for (int i = 0; i + 1 < path.size(); i++) {
                    Params step = gdStep(path.at(i), x, y, ETA);
                    assertThat(EngineFixtures.closeTo(path.at(i + 1), step, 1e-12))
                            .as("client %d, round %d, step %d: %s vs %s", k, t, i + 1, path.at(i + 1), step).isTrue();
                }
                assertThat(EngineFixtures.closeTo(c.end(), gd(theta, x, y, ETA, EPOCHS), 1e-12)).isTrue();
                assertThat(c.lossBefore()).isCloseTo(mse(c.start(), x, y), withinPercentage(1e-10));
                assertThat(c.lossAfter()).isCloseTo(mse(c.end(), x, y), withinPercentage(1e-10));
                assertThat(c.dropsOut()).isFalse();
                assertThat(c.controlBefore()).isNull();
                assertThat(c.controlAfter()).isNull();
            }

            UploadRecord upload = (UploadRecord) engine.stepPhase();
            assertThat(upload.round()).isEqualTo(t);
            assertThat(upload.droppedOut()).isEmpty();
            int rows = 0;
            for (int k : broadcast.recipients()) {
                rows += SIZES[k];
            }
            assertThat(upload.uploads()).hasSize(3);
            for (int i = 0; i < upload.uploads().size(); i++) {
                ClientUpload u = upload.uploads().get(i);
                ClientTraining c = training.clients().get(i);
                assertThat(u.client()).isEqualTo(c.client());
                assertThat(u.delta()).isEqualTo(new Params(c.end().w() - theta.w(), c.end().b() - theta.b()));
                assertThat(u.samples()).isEqualTo(SIZES[u.client()]);
                assertThat(u.weight()).isCloseTo((double) SIZES[u.client()] / rows, within(1e-15));
                assertThat(u.controlDelta()).isNull();
            }

            AggregateRecord aggregate = (AggregateRecord) engine.stepPhase();
            assertThat(aggregate.round()).isEqualTo(t);
            assertThat(aggregate.strategy()).isEqualTo("fedavg");
            Aggregation a = aggregate.aggregation();
            assertThat(a.terms()).hasSize(3);
            double sumW = 0;
            double sumB = 0;
            double expectW = 0;
            double expectB = 0;
            for (int i = 0; i < a.terms().size(); i++) {
                WeightedTerm term = a.terms().get(i);
                ClientUpload u = upload.uploads().get(i);
                assertThat(term.client()).isEqualTo(u.client());
                assertThat(term.weight()).isEqualTo(u.weight());
                assertThat(term.delta()).isEqualTo(u.delta());
                assertThat(term.weighted().w()).isCloseTo(u.weight() * u.delta().w(), within(1e-15));
                assertThat(term.weighted().b()).isCloseTo(u.weight() * u.delta().b(), within(1e-15));
                sumW += term.weighted().w();
                sumB += term.weighted().b();
                Params end = training.clients().get(i).end();
                expectW += u.weight() * end.w();
                expectB += u.weight() * end.b();
            }
            assertThat(a.meanUpdate().w()).isCloseTo(sumW, within(1e-15));
            assertThat(a.meanUpdate().b()).isCloseTo(sumB, within(1e-15));
            assertThat(a.serverStep()).isEqualTo(a.meanUpdate()); // FedAvg: server step size 1
            assertThat(a.newGlobal().w()).isCloseTo(theta.w() + sumW, within(1e-15));
            assertThat(a.newGlobal().b()).isCloseTo(theta.b() + sumB, within(1e-15));
            // theta_t + sum p_k delta_k = sum p_k theta_k, since the p_k add up to 1
            assertThat(EngineFixtures.closeTo(a.newGlobal(), new Params(expectW, expectB), 1e-12)).isTrue();

            UpdateRecord update = (UpdateRecord) engine.stepPhase();
            assertThat(update.round()).isEqualTo(t);
            assertThat(update.previous()).isEqualTo(theta);
            assertThat(update.global()).isEqualTo(a.newGlobal());
            assertThat(engine.summary(t).global()).isEqualTo(update.global());
            assertThat(engine.globalAtCursor()).isEqualTo(update.global());
            Evaluation e = update.evaluation();
            Params g = update.global();
            assertThat(e.globalOriginal()).isEqualTo(g); // no standardisation: the same units
            assertThat(e.trainLoss()).isCloseTo(mse(g, poolX, poolY), withinPercentage(1e-10));
            assertThat(e.testLoss()).isCloseTo(mse(g, testX, testY), withinPercentage(1e-10));
            assertThat(e.clientLosses()).hasSize(SIZES.length);
            for (int k = 0; k < SIZES.length; k++) {
                double own = mse(g, data.client(k).trainX(), data.client(k).trainY());
                assertThat(e.clientLosses().get(k)).isCloseTo(own, withinPercentage(1e-10));
                assertThat(engine.summary(t).lossUnderGlobal(k)).isCloseTo(own, withinPercentage(1e-10));
            }
            double distance = Math.sqrt((g.w() - optimum.w()) * (g.w() - optimum.w())
                    + (g.b() - optimum.b()) * (g.b() - optimum.b()));
            assertThat(e.distanceToOptimum()).isCloseTo(distance, within(1e-9));
            assertThat(engine.summary(t).trainLoss()).isEqualTo(e.trainLoss());
            assertThat(engine.summary(t).testLoss()).isEqualTo(e.testLoss());
        }
        // the losses fall: training helps (guards against comparing two wrong numbers that happen to agree)
        assertThat(engine.summary(6).trainLoss()).isLessThan(engine.summary(0).trainLoss());
    }

    @Test
    void miniBatchPathsHaveOnePointPerStepAndEveryEpochVisitsEveryRowOnce() {
        // B = 1: each step is the gradient of one row, so the row behind each step can be identified from the path
        FederatedData data = EngineFixtures.unequalClients(9, 5, 7);
        int epochs = 3;
        RoundEngine engine = engine(settings().seed(5).epochs(epochs).batch(BatchSize.of(1)).learningRate(ETA), data);
        engine.stepRound();
        List<List<Integer>> orders = new ArrayList<>();
        for (ClientTraining c : engine.detail(1).localTraining().clients()) {
            double[] x = data.client(c.client()).trainX();
            double[] y = data.client(c.client()).trainY();
            int n = x.length;
            assertThat(c.steps()).isEqualTo(epochs * n);
            assertThat(c.path().size()).isEqualTo(epochs * n + 1);
            assertThat(c.path().at(0)).isEqualTo(c.start());
            assertThat(c.path().at(c.steps())).isEqualTo(c.end());
            for (int e = 0; e < epochs; e++) {
                List<Integer> order = new ArrayList<>();
                for (int s = 0; s < n; s++) {
                    int i = e * n + s;
                    Params from = c.path().at(i);
                    Params to = c.path().at(i + 1);
                    int row = -1;
                    for (int j = 0; j < n; j++) {
                        Params one = gdStep(from, new double[] {x[j]}, new double[] {y[j]}, ETA);
                        if (EngineFixtures.closeTo(one, to, 1e-12)) {
                            row = j;
                        }
                    }
                    assertThat(row).as("client %d, step %d is a one-row gradient step", c.client(), i + 1)
                            .isNotNegative();
                    order.add(row);
                }
                assertThat(order).as("client %d, epoch %d", c.client(), e + 1)
                        .containsExactlyInAnyOrderElementsOf(range(n));
                orders.add(order);
            }
        }
        // the orders are shuffled, not the stored order every time
        assertThat(orders).anySatisfy(o -> assertThat(o).isNotEqualTo(range(o.size())));
    }

    /**
     * With standardisation on, records hold training-space (z-score) parameters while losses are in original units.
     * The z-score map is computed here from DESIGN.md's description (population standard deviation of the pooled
     * training rows), not taken from the engine.
     */
    @Test
    void withStandardisationTrainingHappensInZScoresAndLossesAreReportedInOriginalUnits() {
        FederatedData data = EngineFixtures.unequalClients(10, 8, 12, 5);
        double eta = 0.1;
        RoundEngine engine = engine(settings().standardize(true).epochs(2).learningRate(eta), data);
        double[] poolX = EngineFixtures.pooledTrainX(data);
        double[] poolY = EngineFixtures.pooledTrainY(data);
        double mx = mean(poolX);
        double my = mean(poolY);
        double sx = popSd(poolX, mx);
        double sy = popSd(poolY, my);
        engine.runRounds(4);
        for (int t = 1; t <= 4; t++) {
            RoundDetail d = engine.detail(t);
            for (ClientTraining c : d.localTraining().clients()) {
                double[] x = data.client(c.client()).trainX();
                double[] y = data.client(c.client()).trainY();
                double[] zx = new double[x.length];
                double[] zy = new double[y.length];
                for (int i = 0; i < x.length; i++) {
                    zx[i] = (x[i] - mx) / sx;
                    zy[i] = (y[i] - my) / sy;
                }
                assertThat(EngineFixtures.closeTo(c.end(), gd(c.start(), zx, zy, eta, 2), 1e-12)).isTrue();
                Params endOriginal = toOriginal(c.end(), mx, sx, my, sy);
                assertThat(c.lossAfter()).isCloseTo(mse(endOriginal, x, y), withinPercentage(1e-9));
            }
            Params g = toOriginal(d.update().global(), mx, sx, my, sy);
            Evaluation e = d.update().evaluation();
            assertThat(EngineFixtures.closeTo(e.globalOriginal(), g, 1e-10)).isTrue();
            assertThat(e.trainLoss()).isCloseTo(mse(g, poolX, poolY), withinPercentage(1e-9));
            Params optimum = leastSquares(poolX, poolY);
            assertThat(e.distanceToOptimum()).isCloseTo(Math.hypot(g.w() - optimum.w(), g.b() - optimum.b()),
                    within(1e-9));
        }
        // the training-space line really is in z-scores: after a few rounds its slope is near the correlation,
        // far from the original-units slope (about 2 to 2.6 here)
        assertThat(engine.summary(4).global().w()).isLessThan(1.0);
    }

    /**
     * FedProx (DESIGN.md): the client minimises F_k(w) + (mu/2) ||w - theta_t||^2, so every local gradient gains
     * mu (w - theta_t). Each step of the recorded path is checked against that gradient written out here.
     */
    @Test
    void fedProxPathsFollowTheProximalGradient() {
        FederatedData data = EngineFixtures.unequalClients(12, 6, 10, 4);
        double mu = 0.5;
        RoundEngine engine = engine(settings().strategy("fedprox").mu(mu).epochs(4).learningRate(ETA), data);
        engine.runRounds(3);
        for (int t = 1; t <= 3; t++) {
            for (ClientTraining c : engine.detail(t).localTraining().clients()) {
                double[] x = data.client(c.client()).trainX();
                double[] y = data.client(c.client()).trainY();
                Params theta = c.start();
                for (int i = 0; i + 1 < c.path().size(); i++) {
                    Params p = c.path().at(i);
                    Params plain = gdStep(p, x, y, ETA); // p - eta grad F_k(p)
                    Params expected = new Params(plain.w() - ETA * mu * (p.w() - theta.w()),
                            plain.b() - ETA * mu * (p.b() - theta.b()));
                    assertThat(EngineFixtures.closeTo(c.path().at(i + 1), expected, 1e-12))
                            .as("round %d, client %d, step %d", t, c.client(), i + 1).isTrue();
                }
                // from the second step on, the proximal term pulls back: the path differs from plain GD
                if (t == 1) {
                    assertThat(EngineFixtures.closeTo(c.end(), gd(theta, x, y, ETA, 4), 1e-9)).isFalse();
                }
            }
        }
    }

    /** A z-score line y' = w' x' + b' in original units: w = w' sy / sx, b = my + sy b' - w mx. */
    private static Params toOriginal(Params z, double mx, double sx, double my, double sy) {
        double w = z.w() * sy / sx;
        return new Params(w, my + sy * z.b() - w * mx);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s / v.length;
    }

    private static double popSd(double[] v, double m) {
        double s = 0;
        for (double d : v) {
            s += (d - m) * (d - m);
        }
        return Math.sqrt(s / v.length);
    }

    private static List<Integer> range(int n) {
        List<Integer> r = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            r.add(i);
        }
        return r;
    }
}
