package org.fedstep.core.fl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.fedstep.core.fl.EngineFixtures.gd;
import static org.fedstep.core.fl.EngineFixtures.settings;

import java.util.List;
import org.fedstep.core.data.FederatedData;
import org.fedstep.core.model.Params;
import org.fedstep.core.settings.BatchSize;
import org.junit.jupiter.api.Test;

/**
 * The non-federated references (DESIGN.md, "Centralised references"): the closed-form least-squares line on all
 * training data, centralised gradient descent with the same steps, and each client training alone.
 */
class BaselinesTest {

    private static final int[] SIZES = {5, 14, 8, 21};
    private static final double ETA = 0.01;

    @Test
    void theOptimumIsTheClosedFormLeastSquaresLineOnThePooledTrainingRows() {
        FederatedData data = EngineFixtures.unequalClients(41, SIZES);
        double[] x = EngineFixtures.pooledTrainX(data);
        double[] y = EngineFixtures.pooledTrainY(data);
        // slope = cov(x, y) / var(x), intercept = mean(y) - slope * mean(x), written out once more here
        int n = x.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i] / n;
            my += y[i] / n;
        }
        double cov = 0;
        double var = 0;
        for (int i = 0; i < n; i++) {
            cov += (x[i] - mx) * (y[i] - my) / n;
            var += (x[i] - mx) * (x[i] - mx) / n;
        }
        double slope = cov / var;
        double intercept = my - slope * mx;
        for (boolean standardize : new boolean[] {false, true}) {
            RoundEngine engine = EngineFixtures.engine(settings().standardize(standardize), data);
            Params optimum = engine.optimum();
            assertThat(optimum.w()).as("slope, standardize %s", standardize).isCloseTo(slope, within(1e-12));
            assertThat(optimum.b()).as("intercept, standardize %s", standardize).isCloseTo(intercept, within(1e-12));
            // the optimum is at distance 0 from itself, and the initial model's distance is measured to it
            assertThat(engine.summary(0).distanceToOptimum()).isCloseTo(Math.hypot(slope, intercept), within(1e-12));
        }
        // sanity: the data's lines (slopes 2 to 2.9) pool to a slope in that range
        assertThat(slope).isBetween(1.5, 3.5);
    }

    @Test
    void centralisedTrainingTakesTheSameStepsOnThePooledData() {
        FederatedData data = EngineFixtures.unequalClients(42, SIZES);
        int epochs = 3;
        Params initial = new Params(0.5, -1.0);
        RoundEngine engine = EngineFixtures.engine(settings().epochs(epochs).batch(BatchSize.FULL).learningRate(ETA)
                .initial(initial.w(), initial.b()), data);
        Baselines baselines = engine.baselines();
        assertThat(baselines.centralised(0)).isEqualTo(initial);
        double[] x = EngineFixtures.pooledTrainX(data);
        double[] y = EngineFixtures.pooledTrainY(data);
        // asked out of order: later rounds first, then earlier ones from what was kept
        for (int t : new int[] {12, 3, 7, 1, 12}) {
            Params expected = gd(initial, x, y, ETA, epochs * t);
            Params c = baselines.centralised(t);
            assertThat(c.w()).as("round %d", t).isCloseTo(expected.w(), within(1e-12));
            assertThat(c.b()).as("round %d", t).isCloseTo(expected.b(), within(1e-12));
        }
        // computed on demand without running the federation
        assertThat(engine.completedRounds()).isZero();
    }

    @Test
    void localOnlyTrainingOfAClientIsThatClientTrainingAloneWithTheSameSteps() {
        FederatedData data = EngineFixtures.unequalClients(43, SIZES);
        int epochs = 2;
        Params initial = new Params(1.0, 0.25);
        RoundEngine engine = EngineFixtures.engine(settings().epochs(epochs).batch(BatchSize.FULL).learningRate(ETA)
                .initial(initial.w(), initial.b()), data);
        for (int k = 0; k < SIZES.length; k++) {
            assertThat(engine.baselines().localOnly(0, k)).isEqualTo(initial);
            double[] x = data.client(k).trainX();
            double[] y = data.client(k).trainY();
            for (int t = 1; t <= 10; t++) {
                Params expected = gd(initial, x, y, ETA, epochs * t);
                Params alone = engine.baselines().localOnly(t, k);
                assertThat(alone.w()).as("client %d, round %d", k, t).isCloseTo(expected.w(), within(1e-12));
                assertThat(alone.b()).as("client %d, round %d", k, t).isCloseTo(expected.b(), within(1e-12));
            }
        }
        // clients with different data end in different places (non-IID)
        assertThat(engine.baselines().localOnly(10, 0)).isNotEqualTo(engine.baselines().localOnly(10, 3));
    }

    @Test
    void localOnlyTrainingEqualsAFederationOfThatClientAlone() {
        FederatedData data = EngineFixtures.unequalClients(44, SIZES);
        int k = 2;
        FederatedData alone = new FederatedData("client 3 alone", "x", "y", List.of(data.client(k)), 0);
        EngineFixtures.SettingsBuilder s = settings().epochs(4).batch(BatchSize.FULL).learningRate(ETA);
        RoundEngine federation = EngineFixtures.engine(s, data);
        RoundEngine single = EngineFixtures.engine(s, alone);
        single.runRounds(8);
        for (int t = 1; t <= 8; t++) {
            Params a = federation.baselines().localOnly(t, k);
            Params b = single.summary(t).global();
            assertThat(a.w()).isCloseTo(b.w(), within(1e-12));
            assertThat(a.b()).isCloseTo(b.b(), within(1e-12));
        }
    }
}
