package org.fedstep.core.fl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.fedstep.core.data.ClientData;
import org.fedstep.core.data.FederatedData;
import org.fedstep.core.model.Params;
import org.fedstep.core.settings.StrategySettings;
import org.junit.jupiter.api.Test;

/**
 * Where SCAFFOLD settles with every client taking part and full-batch local steps: its control variates remove client
 * drift, so it stops exactly at the minimiser of the objective its control variate averages. Weighted by samples that
 * is the pooled least-squares line; with the paper's uniform weights it is the minimiser of (1/K) sum_k J_k, a line
 * that weighs every client equally whatever its size. Both references are computed here in closed form.
 */
class ScaffoldFixedPointTest {

    /** Three unlike clients (different lines, 10, 30 and 60 rows): FedAvg with E = 5 drifts on them. */
    private static final FederatedData DATA = EngineFixtures.unequalClients(11, 10, 30, 60);

    private static Params run(String weighting) {
        RoundEngine e = EngineFixtures.engine(EngineFixtures.settings().strategy(StrategySettings.SCAFFOLD)
                .weighting(weighting).epochs(5).learningRate(0.004), DATA);
        e.runRounds(3000);
        return e.summary(3000).global();
    }

    @Test
    void scaffoldWeightedBySamplesSettlesOnThePooledLeastSquaresLine() {
        Params expected = EngineFixtures.leastSquares(DATA.pooledTrainX(), DATA.pooledTrainY());
        Params got = run(StrategySettings.WEIGHT_BY_SAMPLES);
        assertThat(got.w()).isCloseTo(expected.w(), within(1e-9));
        assertThat(got.b()).isCloseTo(expected.b(), within(1e-9));
    }

    @Test
    void scaffoldWithUniformWeightsSettlesOnTheMinimiserOfTheUnweightedMeanOfClientLosses() {
        Params expected = equalClientWeightLeastSquares();
        Params pooled = EngineFixtures.leastSquares(DATA.pooledTrainX(), DATA.pooledTrainY());
        Params got = run(StrategySettings.WEIGHT_UNIFORM);
        assertThat(got.w()).isCloseTo(expected.w(), within(1e-9));
        assertThat(got.b()).isCloseTo(expected.b(), within(1e-9));
        // and that is a different line from the pooled one, so the two tests tell the weightings apart
        assertThat(Math.hypot(expected.w() - pooled.w(), expected.b() - pooled.b())).isGreaterThan(1e-3);
    }

    /** argmin (1/K) sum_k (1/n_k) sum_i (w x + b - y)^2: least squares with row weights 1/n_k. */
    private static Params equalClientWeightLeastSquares() {
        double sw = 0;
        double sx = 0;
        double sy = 0;
        for (ClientData c : DATA.clients()) {
            double weight = 1.0 / c.trainSize();
            for (int i = 0; i < c.trainSize(); i++) {
                sw += weight;
                sx += weight * c.trainX(i);
                sy += weight * c.trainY(i);
            }
        }
        double mx = sx / sw;
        double my = sy / sw;
        double sxy = 0;
        double sxx = 0;
        for (ClientData c : DATA.clients()) {
            double weight = 1.0 / c.trainSize();
            for (int i = 0; i < c.trainSize(); i++) {
                sxy += weight * (c.trainX(i) - mx) * (c.trainY(i) - my);
                sxx += weight * (c.trainX(i) - mx) * (c.trainX(i) - mx);
            }
        }
        double w = sxy / sxx;
        return new Params(w, my - w * mx);
    }
}
