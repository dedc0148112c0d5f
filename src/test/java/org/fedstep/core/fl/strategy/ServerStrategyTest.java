package org.fedstep.core.fl.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.assertj.core.data.Offset;
import org.fedstep.core.model.Params;
import org.fedstep.core.settings.StrategySettings;
import org.junit.jupiter.api.Test;

/**
 * The server rules, each checked on a small case worked by hand from the papers' formulas (DESIGN.md, "Algorithm facts
 * to get right"), never from the implementation's arithmetic:
 * <ul>
 *   <li>FedAvg (McMahan et al. 2017): theta_{t+1} = theta_t + sum_k p_k delta_k = sum_k p_k theta_k.</li>
 *   <li>FedAvgM (Hsu et al. 2019): v = beta v + Delta, theta += eta_g v.</li>
 *   <li>FedAdam / FedYogi / FedAdagrad (Reddi et al. 2021): m = b1 m + (1 - b1) Delta; v per rule, starting at tau^2;
 *       theta += eta m / (sqrt(v) + tau); no bias correction.</li>
 *   <li>SCAFFOLD (Karimireddy et al. 2020), server: theta += eta_g mean(delta_y), c += (|S| / N) mean(delta_c);
 *       weighted by samples, c += (n_S / n_all) sum_k p_k delta_c_k.</li>
 * </ul>
 * The weights p_k are the caller's (the engine's); here they are chosen by hand. Exact doubles are asserted where every
 * operation is exact in binary (sums and products of dyadic numbers); otherwise within 1e-12.
 */
class ServerStrategyTest {

    private static final Offset<Double> TOL = within(1e-12);

    // ---------------------------------------------------------------- FedAvg, FedProx, FedSGD

    /**
     * theta_t = (1, 2). Clients with n = 10, 30, 60 (sum 100) so p = 0.1, 0.3, 0.6.
     * theta_1 = (2, 1), theta_2 = (0, 3), theta_3 = (1.5, 2.5), so delta_k = theta_k - theta_t:
     * delta_1 = (1, -1), delta_2 = (-1, 1), delta_3 = (0.5, 0.5).
     */
    private static List<ClientUpload> threeClientsWeightedBySamples() {
        return List.of(
                upload(1, 1.0, -1.0, 10, 0.1),
                upload(2, -1.0, 1.0, 30, 0.3),
                upload(3, 0.5, 0.5, 60, 0.6));
    }

    private static final Params THETA_T = new Params(1.0, 2.0);

    @Test
    void fedAvgAddsTheSampleWeightedMeanUpdate() {
        List<ClientUpload> uploads = threeClientsWeightedBySamples();
        // p_k = n_k / sum n: 10/100 = 0.1, 30/100 = 0.3, 60/100 = 0.6; 0.1 + 0.3 + 0.6 = 1
        assertThat(uploads.get(0).weight()).isCloseTo(10.0 / 100, TOL);
        assertThat(uploads.get(1).weight()).isCloseTo(30.0 / 100, TOL);
        assertThat(uploads.get(2).weight()).isCloseTo(60.0 / 100, TOL);
        assertThat(uploads.stream().mapToDouble(ClientUpload::weight).sum()).isCloseTo(1.0, TOL);

        ServerState state = ServerState.ZERO;
        Aggregation a = new FedAvg().aggregate(THETA_T, uploads, state, 3);

        List<WeightedTerm> terms = a.terms();
        assertThat(terms).hasSize(3);
        assertThat(terms).extracting(WeightedTerm::client).containsExactly(1, 2, 3);
        // each term keeps p_k and delta_k as given
        assertThat(terms).extracting(WeightedTerm::weight).containsExactly(0.1, 0.3, 0.6);
        assertThat(terms).extracting(WeightedTerm::delta)
                .containsExactly(new Params(1.0, -1.0), new Params(-1.0, 1.0), new Params(0.5, 0.5));
        // weighted_1 = 0.1 * (1, -1) = (0.1, -0.1)
        assertClose(terms.get(0).weighted(), 0.1, -0.1);
        // weighted_2 = 0.3 * (-1, 1) = (-0.3, 0.3)
        assertClose(terms.get(1).weighted(), -0.3, 0.3);
        // weighted_3 = 0.6 * (0.5, 0.5) = (0.3, 0.3)
        assertClose(terms.get(2).weighted(), 0.3, 0.3);

        // Delta = (0.1 - 0.3 + 0.3, -0.1 + 0.3 + 0.3) = (0.1, 0.5)
        assertClose(a.meanUpdate(), 0.1, 0.5);
        // FedAvg adds Delta itself: serverStep = (0.1, 0.5)
        assertClose(a.serverStep(), 0.1, 0.5);
        // theta_{t+1} = (1 + 0.1, 2 + 0.5) = (1.1, 2.5)
        assertClose(a.newGlobal(), 1.1, 2.5);
        // and it is the weighted average of the client models, sum p_k theta_k:
        // w: 0.1*2 + 0.3*0 + 0.6*1.5 = 0.2 + 0 + 0.9 = 1.1;  b: 0.1*1 + 0.3*3 + 0.6*2.5 = 0.1 + 0.9 + 1.5 = 2.5
        assertClose(a.newGlobal(), 0.1 * 2 + 0.3 * 0 + 0.6 * 1.5, 0.1 * 1 + 0.3 * 3 + 0.6 * 2.5);
        // FedAvg keeps no server memory and has no control variates
        assertThat(a.stateBefore()).isEqualTo(state);
        assertThat(a.stateAfter()).isEqualTo(state);
        assertThat(a.controlMean()).isNull();
    }

    @Test
    void fedAvgWithUniformWeightsIsThePlainMean() {
        // three clients of very different sizes, but p_k = 1/3 each (uniform weighting); 3 * (1/3) = 1
        double third = 1.0 / 3;
        List<ClientUpload> uploads = List.of(
                upload(0, 3.0, 0.0, 5, third),
                upload(1, 0.0, 6.0, 50, third),
                upload(2, -6.0, 3.0, 500, third));
        assertThat(uploads.stream().mapToDouble(ClientUpload::weight).sum()).isCloseTo(1.0, TOL);

        Aggregation a = new FedAvg().aggregate(new Params(0.5, -0.5), uploads, ServerState.ZERO, 3);

        // Delta = ((3 + 0 - 6) / 3, (0 + 6 + 3) / 3) = (-3/3, 9/3) = (-1, 3)
        assertClose(a.meanUpdate(), -1.0, 3.0);
        // theta_{t+1} = (0.5 - 1, -0.5 + 3) = (-0.5, 2.5)
        assertClose(a.newGlobal(), -0.5, 2.5);
        // terms: (1/3) * (3, 0) = (1, 0); (1/3) * (0, 6) = (0, 2); (1/3) * (-6, 3) = (-2, 1)
        assertClose(a.terms().get(0).weighted(), 1.0, 0.0);
        assertClose(a.terms().get(1).weighted(), 0.0, 2.0);
        assertClose(a.terms().get(2).weighted(), -2.0, 1.0);
    }

    @Test
    void fedAvgWithNoUploadsKeepsTheModelAndState() {
        Params global = new Params(1.5, -2.0);
        ServerState state = new ServerState(new Params(0.25, 0.5), new Params(1.0, 2.0), new Params(-1.0, 3.0));

        Aggregation a = new FedAvg().aggregate(global, List.of(), state, 5);

        // nothing arrived: theta_{t+1} = theta_t = (1.5, -2), no terms, zero update and step, memory unchanged
        assertThat(a.newGlobal()).isEqualTo(global);
        assertThat(a.terms()).isEmpty();
        assertThat(a.meanUpdate()).isEqualTo(Params.ZERO);
        assertThat(a.serverStep()).isEqualTo(Params.ZERO);
        assertThat(a.stateBefore()).isEqualTo(state);
        assertThat(a.stateAfter()).isEqualTo(state);
    }

    @Test
    void everyStrategyWithNoUploadsKeepsTheModelAndItsMemory() {
        Params global = new Params(1.5, -2.0);
        ServerState state = new ServerState(new Params(0.25, 0.5), new Params(1.0, 2.0), new Params(-1.0, 3.0));
        for (String kind : StrategySettings.KINDS) {
            ServerStrategy strategy = Strategies.create(StrategySettings.of(kind));

            Aggregation a = strategy.aggregate(global, List.of(), state, 5);

            // no momentum decay, no variance change, no control change when every sampled client dropped out
            assertThat(a.newGlobal()).as(kind).isEqualTo(global);
            assertThat(a.stateAfter()).as(kind).isEqualTo(state);
            assertThat(a.terms()).as(kind).isEmpty();
        }
    }

    @Test
    void fedProxAggregatesLikeFedAvgAndReportsItsMu() {
        FedProx prox = new FedProx(0.05);

        Aggregation a = prox.aggregate(THETA_T, threeClientsWeightedBySamples(), ServerState.ZERO, 3);

        // the proximal term only changes local training; the server rule is FedAvg's:
        // Delta = 0.1*(1,-1) + 0.3*(-1,1) + 0.6*(0.5,0.5) = (0.1, 0.5); theta_{t+1} = (1.1, 2.5)
        assertClose(a.meanUpdate(), 0.1, 0.5);
        assertClose(a.newGlobal(), 1.1, 2.5);
        assertThat(a.stateAfter()).isEqualTo(ServerState.ZERO);
        // mu = 0.05 is what clients add to their gradient as mu * (w - theta_t); FedAvg's is 0
        assertThat(prox.proximalMu()).isEqualTo(0.05);
        assertThat(new FedAvg().proximalMu()).isEqualTo(0.0);
        assertThat(prox.usesControlVariates()).isFalse();
        assertThat(prox.key()).isEqualTo("fedprox");
    }

    @Test
    void fedSgdAggregatesLikeFedAvg() {
        FedSgd sgd = new FedSgd();

        Aggregation a = sgd.aggregate(THETA_T, threeClientsWeightedBySamples(), ServerState.ZERO, 3);

        // each delta_k is one full-batch gradient step; the server sums p_k delta_k exactly as FedAvg:
        // Delta = (0.1, 0.5); theta_{t+1} = (1 + 0.1, 2 + 0.5) = (1.1, 2.5)
        assertClose(a.meanUpdate(), 0.1, 0.5);
        assertClose(a.serverStep(), 0.1, 0.5);
        assertClose(a.newGlobal(), 1.1, 2.5);
        assertThat(sgd.proximalMu()).isEqualTo(0.0);
        assertThat(sgd.key()).isEqualTo("fedsgd");
    }

    // ---------------------------------------------------------------- FedAvgM

    @Test
    void fedAvgMAccumulatesServerMomentumOverTwoRounds() {
        // eta_g = 0.5, beta = 0.75; two clients with n = 10, 30 so p = 0.25, 0.75 (sum 1)
        FedAvgM avgm = new FedAvgM(0.5, 0.75);
        ServerState s0 = avgm.initialState();
        // the server's velocity starts at zero
        assertThat(s0.momentum()).isEqualTo(Params.ZERO);

        // Round 1: theta_0 = (0, 0); delta_1 = (2, -4), delta_2 = (6, 4)
        List<ClientUpload> round1 = List.of(upload(0, 2.0, -4.0, 10, 0.25), upload(1, 6.0, 4.0, 30, 0.75));
        assertThat(0.25 + 0.75).isEqualTo(1.0);
        Aggregation r1 = avgm.aggregate(Params.ZERO, round1, s0, 2);
        // Delta_1 = (0.25*2 + 0.75*6, 0.25*(-4) + 0.75*4) = (0.5 + 4.5, -1 + 3) = (5, 2)
        assertThat(r1.meanUpdate()).isEqualTo(new Params(5.0, 2.0));
        // v_1 = 0.75 * (0, 0) + (5, 2) = (5, 2)
        assertThat(r1.stateAfter().momentum()).isEqualTo(new Params(5.0, 2.0));
        // step = 0.5 * (5, 2) = (2.5, 1)
        assertThat(r1.serverStep()).isEqualTo(new Params(2.5, 1.0));
        // theta_1 = (0 + 2.5, 0 + 1) = (2.5, 1)
        assertThat(r1.newGlobal()).isEqualTo(new Params(2.5, 1.0));

        // Round 2 starts from round 1's memory: theta_1 = (2.5, 1); delta_1 = (-2, 0), delta_2 = (2, -4)
        List<ClientUpload> round2 = List.of(upload(0, -2.0, 0.0, 10, 0.25), upload(1, 2.0, -4.0, 30, 0.75));
        Aggregation r2 = avgm.aggregate(r1.newGlobal(), round2, r1.stateAfter(), 2);
        assertThat(r2.stateBefore()).isEqualTo(r1.stateAfter());
        // Delta_2 = (0.25*(-2) + 0.75*2, 0.25*0 + 0.75*(-4)) = (-0.5 + 1.5, 0 - 3) = (1, -3)
        assertThat(r2.meanUpdate()).isEqualTo(new Params(1.0, -3.0));
        // v_2 = 0.75 * (5, 2) + (1, -3) = (3.75 + 1, 1.5 - 3) = (4.75, -1.5)
        assertThat(r2.stateAfter().momentum()).isEqualTo(new Params(4.75, -1.5));
        // step = 0.5 * (4.75, -1.5) = (2.375, -0.75)
        assertThat(r2.serverStep()).isEqualTo(new Params(2.375, -0.75));
        // theta_2 = (2.5 + 2.375, 1 - 0.75) = (4.875, 0.25)
        assertThat(r2.newGlobal()).isEqualTo(new Params(4.875, 0.25));
    }

    @Test
    void fedAvgMWithZeroMomentumAndUnitRateIsFedAvg() {
        FedAvgM avgm = new FedAvgM(1.0, 0.0);
        // an old velocity (7, -7) is forgotten entirely when beta = 0
        ServerState before = ServerState.ZERO.withMomentum(new Params(7.0, -7.0));

        Aggregation a = avgm.aggregate(THETA_T, threeClientsWeightedBySamples(), before, 3);

        // Delta = 0.1*(1,-1) + 0.3*(-1,1) + 0.6*(0.5,0.5) = (0.1, 0.5)
        // v = 0 * (7, -7) + (0.1, 0.5) = (0.1, 0.5); step = 1 * v = (0.1, 0.5)
        assertClose(a.stateAfter().momentum(), 0.1, 0.5);
        assertClose(a.serverStep(), 0.1, 0.5);
        // theta_{t+1} = (1.1, 2.5), FedAvg's answer
        assertClose(a.newGlobal(), 1.1, 2.5);
        Aggregation plain = new FedAvg().aggregate(THETA_T, threeClientsWeightedBySamples(), ServerState.ZERO, 3);
        assertClose(a.newGlobal(), plain.newGlobal().w(), plain.newGlobal().b());
    }

    // ---------------------------------------------------------------- FedOpt: FedAdam, FedYogi, FedAdagrad

    @Test
    void fedOptStartsWithVarianceTauSquared() {
        // Reddi et al. 2021 ask v_{-1} >= tau^2; the server starts at exactly tau^2 with zero momentum
        // tau = 0.5: tau^2 = 0.25
        assertThat(new FedAdam(0.1, 0.9, 0.99, 0.5).initialState())
                .isEqualTo(new ServerState(Params.ZERO, new Params(0.25, 0.25), Params.ZERO));
        // tau = 3: tau^2 = 9
        assertThat(new FedYogi(0.1, 0.9, 0.99, 3.0).initialState())
                .isEqualTo(new ServerState(Params.ZERO, new Params(9.0, 9.0), Params.ZERO));
        // tau = 0.125: tau^2 = 0.015625
        assertThat(new FedAdagrad(0.1, 0.9, 0.125).initialState())
                .isEqualTo(new ServerState(Params.ZERO, new Params(0.015625, 0.015625), Params.ZERO));
        // tau = 1e-3 (the default): tau^2 = 1e-6
        ServerState dflt = new FedAdam(0.1, 0.9, 0.99, 1e-3).initialState();
        assertThat(dflt.variance().w()).isCloseTo(1e-6, within(1e-20));
        assertThat(dflt.variance().b()).isCloseTo(1e-6, within(1e-20));
    }

    @Test
    void fedAdamFirstRoundMatchesHandComputation() {
        // eta = 0.75, beta1 = 0.5, beta2 = 0.5, tau = 1 -> v_{-1} = tau^2 = 1
        FedAdam adam = new FedAdam(0.75, 0.5, 0.5, 1.0);
        ServerState s0 = adam.initialState();
        assertThat(s0.variance()).isEqualTo(new Params(1.0, 1.0));

        // p = 0.25, 0.75 (n = 10, 30); delta_1 = (4, 2), delta_2 = (8, -2)
        Aggregation r1 = adam.aggregate(new Params(1.0, 1.0), adamRound1(), s0, 2);

        // Delta_1 = (0.25*4 + 0.75*8, 0.25*2 + 0.75*(-2)) = (1 + 6, 0.5 - 1.5) = (7, -1)
        assertThat(r1.meanUpdate()).isEqualTo(new Params(7.0, -1.0));
        // m_1 = 0.5*(0, 0) + 0.5*(7, -1) = (3.5, -0.5)
        assertThat(r1.stateAfter().momentum()).isEqualTo(new Params(3.5, -0.5));
        // v_1 = 0.5*(1, 1) + 0.5*(49, 1) = (0.5 + 24.5, 0.5 + 0.5) = (25, 1)
        assertThat(r1.stateAfter().variance()).isEqualTo(new Params(25.0, 1.0));
        // step = 0.75 * (3.5 / (sqrt(25) + 1), -0.5 / (sqrt(1) + 1)) = 0.75 * (3.5/6, -0.5/2) = (0.4375, -0.1875)
        // (no bias correction: with it, m_hat = m/(1-0.5) = (7, -1) and the step would differ)
        assertClose(r1.serverStep(), 0.4375, -0.1875);
        // theta_1 = (1 + 0.4375, 1 - 0.1875) = (1.4375, 0.8125)
        assertClose(r1.newGlobal(), 1.4375, 0.8125);
    }

    @Test
    void fedAdamSecondRoundUsesBothMomentsOfTheFirst() {
        FedAdam adam = new FedAdam(0.75, 0.5, 0.5, 1.0);
        Aggregation r1 = adam.aggregate(new Params(1.0, 1.0), adamRound1(), adam.initialState(), 2);

        // Round 2: one upload, p = 1; delta = (-5, 7) so Delta_2 = (-5, 7)
        List<ClientUpload> round2 = List.of(upload(0, -5.0, 7.0, 10, 1.0));
        Aggregation r2 = adam.aggregate(r1.newGlobal(), round2, r1.stateAfter(), 2);

        assertThat(r2.stateBefore()).isEqualTo(r1.stateAfter());
        // m_2 = 0.5*(3.5, -0.5) + 0.5*(-5, 7) = (1.75 - 2.5, -0.25 + 3.5) = (-0.75, 3.25)
        assertThat(r2.stateAfter().momentum()).isEqualTo(new Params(-0.75, 3.25));
        // v_2 = 0.5*(25, 1) + 0.5*(25, 49) = (12.5 + 12.5, 0.5 + 24.5) = (25, 25)
        assertThat(r2.stateAfter().variance()).isEqualTo(new Params(25.0, 25.0));
        // step = 0.75 * (-0.75 / (5 + 1), 3.25 / (5 + 1)) = (-0.5625/6, 2.4375/6) = (-0.09375, 0.40625)
        assertClose(r2.serverStep(), -0.09375, 0.40625);
        // theta_2 = (1.4375 - 0.09375, 0.8125 + 0.40625) = (1.34375, 1.21875)
        assertClose(r2.newGlobal(), 1.34375, 1.21875);
    }

    @Test
    void fedAdamWithDefaultSettingsTakesTheHandComputedFirstStep() {
        // defaults: eta = 0.1, beta1 = 0.9, beta2 = 0.99, tau = 1e-3 -> v_{-1} = 1e-6
        ServerStrategy adam = Strategies.create(StrategySettings.of(StrategySettings.FEDADAM));
        // p = 0.5, 0.5; delta_1 = (0.3, -0.2), delta_2 = (-0.1, 0) -> Delta = (0.15 - 0.05, -0.1 + 0) = (0.1, -0.1)
        List<ClientUpload> uploads = List.of(upload(0, 0.3, -0.2, 20, 0.5), upload(1, -0.1, 0.0, 20, 0.5));

        Aggregation a = adam.aggregate(Params.ZERO, uploads, adam.initialState(), 2);

        assertClose(a.meanUpdate(), 0.1, -0.1);
        // m = 0.9*0 + 0.1*(0.1, -0.1) = (0.01, -0.01)
        assertClose(a.stateAfter().momentum(), 0.01, -0.01);
        // v = 0.99*0.000001 + 0.01*0.01 = 0.00000099 + 0.0001 = 0.00010099 (both coordinates)
        assertClose(a.stateAfter().variance(), 0.00010099, 0.00010099);
        // sqrt(0.00010099) = 0.0100493780902103588...;
        // step = 0.1 * 0.01 / (0.0100493780902103588 + 0.001) = 0.001 / 0.0110493780902103588 = 0.0905028311852221110
        assertClose(a.serverStep(), 0.0905028311852221110, -0.0905028311852221110);
        assertClose(a.newGlobal(), 0.0905028311852221110, -0.0905028311852221110);
    }

    @Test
    void fedYogiSecondMomentRule() {
        // eta = 1, beta1 = 0.5, beta2 = 0.5 (so 1 - beta2 = 0.5), tau = 2
        FedYogi yogi = new FedYogi(1.0, 0.5, 0.5, 2.0);
        // previous moments: m = (2, 4), v = (4, 11)
        ServerState before = new ServerState(new Params(2.0, 4.0), new Params(4.0, 11.0), Params.ZERO);
        // p = 0.5, 0.5; delta_1 = (10, 0), delta_2 = (6, 4) -> Delta = (5 + 3, 0 + 2) = (8, 2); Delta^2 = (64, 4)
        List<ClientUpload> uploads = List.of(upload(0, 10.0, 0.0, 10, 0.5), upload(1, 6.0, 4.0, 10, 0.5));

        Aggregation a = yogi.aggregate(Params.ZERO, uploads, before, 2);

        assertThat(a.meanUpdate()).isEqualTo(new Params(8.0, 2.0));
        // w: v - Delta^2 = 4 - 64 = -60 < 0, sign = -1: v = 4 - 0.5*64*(-1) = 4 + 32 = 36  (v grows)
        // b: v - Delta^2 = 11 - 4 = 7 > 0, sign = +1:  v = 11 - 0.5*4*(+1) = 11 - 2 = 9    (v shrinks)
        // (Adam's rule would give b: 0.5*11 + 0.5*4 = 7.5 instead)
        assertThat(a.stateAfter().variance()).isEqualTo(new Params(36.0, 9.0));
        // m = 0.5*(2, 4) + 0.5*(8, 2) = (1 + 4, 2 + 1) = (5, 3)
        assertThat(a.stateAfter().momentum()).isEqualTo(new Params(5.0, 3.0));
        // step = 1 * (5 / (sqrt(36) + 2), 3 / (sqrt(9) + 2)) = (5/8, 3/5) = (0.625, 0.6)
        assertClose(a.serverStep(), 0.625, 0.6);
        // theta_{t+1} = (0, 0) + (0.625, 0.6)
        assertClose(a.newGlobal(), 0.625, 0.6);
    }

    @Test
    void fedYogiLeavesVarianceUnchangedWhenItEqualsDeltaSquared() {
        // sign(0) = 0: v = v - (1 - beta2) * Delta^2 * 0 = v
        FedYogi yogi = new FedYogi(1.0, 0.5, 0.5, 2.0);
        ServerState before = new ServerState(Params.ZERO, new Params(9.0, 4.0), Params.ZERO);
        // Delta = (3, -2): Delta^2 = (9, 4) = v, so v stays (9, 4)
        Aggregation a = yogi.aggregate(Params.ZERO, List.of(upload(0, 3.0, -2.0, 10, 1.0)), before, 1);

        assertThat(a.stateAfter().variance()).isEqualTo(new Params(9.0, 4.0));
        // m = 0.5*(0,0) + 0.5*(3, -2) = (1.5, -1); step = (1.5 / (3 + 2), -1 / (2 + 2)) = (0.3, -0.25)
        assertClose(a.serverStep(), 0.3, -0.25);
    }

    @Test
    void fedAdagradAccumulatesSquaredUpdates() {
        // eta = 1, beta1 = 0.5, tau = 3 -> v_{-1} = 9
        FedAdagrad adagrad = new FedAdagrad(1.0, 0.5, 3.0);
        ServerState s0 = adagrad.initialState();
        assertThat(s0.variance()).isEqualTo(new Params(9.0, 9.0));

        // Round 1: one upload, p = 1, Delta_1 = (4, 0)
        Aggregation r1 = adagrad.aggregate(Params.ZERO, List.of(upload(0, 4.0, 0.0, 10, 1.0)), s0, 1);
        // v_1 = (9 + 16, 9 + 0) = (25, 9)
        assertThat(r1.stateAfter().variance()).isEqualTo(new Params(25.0, 9.0));
        // m_1 = 0.5*(0, 0) + 0.5*(4, 0) = (2, 0)
        assertThat(r1.stateAfter().momentum()).isEqualTo(new Params(2.0, 0.0));
        // step = (2 / (5 + 3), 0 / (3 + 3)) = (0.25, 0); theta_1 = (0.25, 0)
        assertClose(r1.serverStep(), 0.25, 0.0);
        assertClose(r1.newGlobal(), 0.25, 0.0);

        // Round 2: p = 0.5, 0.5; delta_1 = (10, 2), delta_2 = (14, 6) -> Delta_2 = (5 + 7, 1 + 3) = (12, 4)
        List<ClientUpload> round2 = List.of(upload(0, 10.0, 2.0, 10, 0.5), upload(1, 14.0, 6.0, 10, 0.5));
        Aggregation r2 = adagrad.aggregate(r1.newGlobal(), round2, r1.stateAfter(), 2);
        assertThat(r2.meanUpdate()).isEqualTo(new Params(12.0, 4.0));
        // v_2 = (25 + 144, 9 + 16) = (169, 25): it only ever grows
        assertThat(r2.stateAfter().variance()).isEqualTo(new Params(169.0, 25.0));
        // m_2 = 0.5*(2, 0) + 0.5*(12, 4) = (1 + 6, 0 + 2) = (7, 2)
        assertThat(r2.stateAfter().momentum()).isEqualTo(new Params(7.0, 2.0));
        // step = (7 / (13 + 3), 2 / (5 + 3)) = (0.4375, 0.25)
        assertClose(r2.serverStep(), 0.4375, 0.25);
        // theta_2 = (0.25 + 0.4375, 0 + 0.25) = (0.6875, 0.25)
        assertClose(r2.newGlobal(), 0.6875, 0.25);
    }

    // ---------------------------------------------------------------- SCAFFOLD

    @Test
    void scaffoldMovesByServerRateTimesMeanAndUpdatesControlByFractionOfClients() {
        // eta_g = 0.5; N = 10 clients in the federation, |S| = 2 uploads, uniform p = 1/|S| = 0.5 each
        Scaffold scaffold = new Scaffold(0.5);
        assertThat(scaffold.usesControlVariates()).isTrue();
        Params theta = new Params(1.0, 1.0);
        ServerState before = ServerState.ZERO.withControl(new Params(0.5, -0.5));
        // client 3: delta_y = (2, -4), delta_c = (1, -2); client 7: delta_y = (4, 2), delta_c = (3, 6)
        List<ClientUpload> uploads = List.of(
                scaffoldUpload(3, 2.0, -4.0, 0.5, 1.0, -2.0),
                scaffoldUpload(7, 4.0, 2.0, 0.5, 3.0, 6.0));
        assertThat(0.5 + 0.5).isEqualTo(1.0);

        Aggregation a = scaffold.aggregate(theta, uploads, before, 10);

        // mean(delta_y) = ((2 + 4)/2, (-4 + 2)/2) = (3, -1)
        assertThat(a.meanUpdate()).isEqualTo(new Params(3.0, -1.0));
        // step = eta_g * mean(delta_y) = 0.5 * (3, -1) = (1.5, -0.5)
        assertThat(a.serverStep()).isEqualTo(new Params(1.5, -0.5));
        // theta_{t+1} = (1 + 1.5, 1 - 0.5) = (2.5, 0.5)
        assertThat(a.newGlobal()).isEqualTo(new Params(2.5, 0.5));
        // mean(delta_c) = ((1 + 3)/2, (-2 + 6)/2) = (2, 2)
        assertThat(a.controlMean()).isEqualTo(new Params(2.0, 2.0));
        // c <- c + (|S|/N) mean(delta_c) = (0.5, -0.5) + (2/10)*(2, 2) = (0.5 + 0.4, -0.5 + 0.4) = (0.9, -0.1)
        assertClose(a.stateAfter().control(), 0.9, -0.1);
        // SCAFFOLD keeps no momentum or variance
        assertThat(a.stateAfter().momentum()).isEqualTo(Params.ZERO);
        assertThat(a.stateAfter().variance()).isEqualTo(Params.ZERO);
    }

    @Test
    void scaffoldWithEveryClientUploadingAddsTheFullControlMean() {
        // eta_g = 1, N = |S| = 2: c <- c + (2/2) mean(delta_c)
        Scaffold scaffold = new Scaffold(1.0);
        ServerState before = ServerState.ZERO.withControl(new Params(1.0, 2.0));
        List<ClientUpload> uploads = List.of(
                scaffoldUpload(0, 1.0, 0.0, 0.5, -1.0, 4.0),
                scaffoldUpload(1, 3.0, 2.0, 0.5, -3.0, 0.0));

        Aggregation a = scaffold.aggregate(Params.ZERO, uploads, before, 2);

        // mean(delta_y) = (2, 1); theta_{t+1} = (0, 0) + 1 * (2, 1) = (2, 1)
        assertThat(a.newGlobal()).isEqualTo(new Params(2.0, 1.0));
        // mean(delta_c) = ((-1 - 3)/2, (4 + 0)/2) = (-2, 2); c = (1 - 2, 2 + 2) = (-1, 4)
        assertThat(a.controlMean()).isEqualTo(new Params(-2.0, 2.0));
        assertThat(a.stateAfter().control()).isEqualTo(new Params(-1.0, 4.0));
    }

    @Test
    void scaffoldAveragesControlDeltasUniformlyEvenWhenModelWeightsAreNot() {
        // the caller chose sample weights p = 0.25, 0.75 (n = 10, 30) for the model update;
        // the control update is still (|S|/N) * (1/|S|) sum delta_c, a plain mean
        Scaffold scaffold = new Scaffold(1.0);
        List<ClientUpload> uploads = List.of(
                scaffoldUpload(0, 4.0, 0.0, 0.25, 2.0, 0.0),
                scaffoldUpload(1, 0.0, 4.0, 0.75, 6.0, 8.0));

        Aggregation a = scaffold.aggregate(Params.ZERO, uploads, ServerState.ZERO, 4);

        // model: sum p_k delta_y_k = (0.25*4 + 0.75*0, 0.25*0 + 0.75*4) = (1, 3); theta_{t+1} = (1, 3)
        assertThat(a.newGlobal()).isEqualTo(new Params(1.0, 3.0));
        // mean(delta_c) = ((2 + 6)/2, (0 + 8)/2) = (4, 4), not the p-weighted (0.5 + 4.5, 0 + 6) = (5, 6)
        assertThat(a.controlMean()).isEqualTo(new Params(4.0, 4.0));
        // c = (0, 0) + (2/4) * (4, 4) = (2, 2)
        assertThat(a.stateAfter().control()).isEqualTo(new Params(2.0, 2.0));
    }

    @Test
    void scaffoldWeightedBySamplesMovesItsControlVariateBySampleShares() {
        // two uploads of n = 10 and 30 rows (p = 0.25, 0.75) from a federation of 80 rows in all:
        // c <- c + (n_S / n_all) * sum_k p_k delta_c_k
        Scaffold scaffold = new Scaffold(1.0, 80);
        assertThat(scaffold.weightsControlBySamples()).isTrue();
        List<ClientUpload> uploads = List.of(
                new ClientUpload(0, new Params(4.0, 0.0), 10, 0.25, new Params(2.0, 0.0)),
                new ClientUpload(1, new Params(0.0, 4.0), 30, 0.75, new Params(6.0, 8.0)));

        Aggregation a = scaffold.aggregate(Params.ZERO, uploads, new ServerState(null, null, new Params(1.0, 1.0)), 4);

        // model as before: (0.25*4 + 0.75*0, 0.25*0 + 0.75*4) = (1, 3)
        assertThat(a.newGlobal()).isEqualTo(new Params(1.0, 3.0));
        // sum p_k delta_c_k = (0.25*2 + 0.75*6, 0.25*0 + 0.75*8) = (5, 6)
        assertThat(a.controlMean()).isEqualTo(new Params(5.0, 6.0));
        // n_S / n_all = 40 / 80 = 0.5: c = (1, 1) + 0.5 * (5, 6) = (3.5, 4)
        assertThat(a.stateAfter().control()).isEqualTo(new Params(3.5, 4.0));
    }

    @Test
    void scaffoldIsWeightedBySamplesOnlyWhenTheSettingsSaySo() {
        StrategySettings uniform = StrategySettings.of(StrategySettings.SCAFFOLD);
        assertThat(((Scaffold) Strategies.create(uniform, 100)).weightsControlBySamples()).isFalse();
        StrategySettings samples = new StrategySettings(StrategySettings.SCAFFOLD, 1.0, 0.0,
                StrategySettings.WEIGHT_BY_SAMPLES, null, 1.0, null, null, null, null);
        assertThat(((Scaffold) Strategies.create(samples, 100)).weightsControlBySamples()).isTrue();
        assertThatThrownBy(() -> Strategies.create(samples, 0)).hasMessageContaining("total training rows");
    }

    // ---------------------------------------------------------------- robust rules

    /** Three honest updates near (1, 0) and client 9 scaled by 50: (50, 50). Weights given but not used. */
    private static List<ClientUpload> threeHonestOneScaled() {
        return List.of(
                upload(0, 1.0, -1.0, 10, 0.25),
                upload(1, 2.0, 0.0, 10, 0.25),
                upload(2, 3.0, 1.0, 10, 0.25),
                upload(9, 50.0, 50.0, 10, 0.25));
    }

    @Test
    void theCoordinateMedianResistsOneScaledUpdate() {
        Aggregation a = new CoordinateMedian().aggregate(THETA_T, threeHonestOneScaled(), ServerState.ZERO, 10);
        // w: sorted 1, 2, 3, 50: the middle two give (2 + 3) / 2 = 2.5; b: -1, 0, 1, 50: (0 + 1) / 2 = 0.5
        assertThat(a.meanUpdate()).isEqualTo(new Params(2.5, 0.5));
        assertThat(a.newGlobal()).isEqualTo(new Params(3.5, 2.5));
        assertThat(a.robust().usedForW()).containsExactly(1, 2);
        assertThat(a.robust().usedForB()).containsExactly(1, 2);
        // FedAvg is pulled far away: mean w = (1 + 2 + 3 + 50) / 4 = 14
        assertThat(new FedAvg().aggregate(THETA_T, threeHonestOneScaled(), ServerState.ZERO, 10).meanUpdate().w())
                .isEqualTo(14.0);
        // an odd number: the middle one
        Aggregation odd = new CoordinateMedian().aggregate(Params.ZERO, threeHonestOneScaled().subList(0, 3),
                ServerState.ZERO, 10);
        assertThat(odd.meanUpdate()).isEqualTo(new Params(2.0, 0.0));
    }

    @Test
    void theTrimmedMeanCutsTheExtremesOfEachCoordinate() {
        // trim 0.25 of 4: one value from each end; w: 1, [2, 3], 50 -> 2.5; b: -1, [0, 1], 50 -> 0.5
        TrimmedMean t = new TrimmedMean(0.25);
        assertThat(t.cut(4)).isEqualTo(1);
        Aggregation a = t.aggregate(Params.ZERO, threeHonestOneScaled(), ServerState.ZERO, 10);
        assertThat(a.meanUpdate()).isEqualTo(new Params(2.5, 0.5));
        assertThat(a.robust().usedForW()).containsExactly(1, 2);
        // trim 0 is the plain mean: (1 + 2 + 3 + 50) / 4 = 14, (-1 + 0 + 1 + 50) / 4 = 12.5
        assertThat(new TrimmedMean(0).aggregate(Params.ZERO, threeHonestOneScaled(), ServerState.ZERO, 10)
                .meanUpdate()).isEqualTo(new Params(14.0, 12.5));
    }

    @Test
    void krumPicksTheUpdateClosestToItsNeighboursAndMultiKrumAveragesTheBest() {
        // A (0,0), B (1,0), C (0,1), D (1,1), E (10,10); f = 1, m = 5: each score sums the 5 - 1 - 2 = 2 smallest
        // squared distances: A: 1 + 1 = 2, B: 1 + 1 = 2, C: 1 + 1 = 2, D: 1 + 1 = 2, E: 162 + 181 = 343
        List<ClientUpload> five = List.of(
                upload(0, 0.0, 0.0, 10, 0.2), upload(1, 1.0, 0.0, 10, 0.2), upload(2, 0.0, 1.0, 10, 0.2),
                upload(3, 1.0, 1.0, 10, 0.2), upload(4, 10.0, 10.0, 10, 0.2));
        Aggregation k = Krum.krum(1).aggregate(Params.ZERO, five, ServerState.ZERO, 5);
        assertThat(k.robust().scores()).containsExactly(2.0, 2.0, 2.0, 2.0, 343.0);
        // the lowest score, ties to the first: A
        assertThat(k.robust().chosen()).containsExactly(0);
        assertThat(k.meanUpdate()).isEqualTo(Params.ZERO);
        // Multi-Krum keeps m - f = 4: A, B, C, D, mean (0.5, 0.5); E is left out
        Aggregation mk = Krum.multiKrum(1, null).aggregate(Params.ZERO, five, ServerState.ZERO, 5);
        assertThat(mk.robust().chosen()).containsExactly(0, 1, 2, 3);
        assertThat(mk.meanUpdate()).isEqualTo(new Params(0.5, 0.5));
        assertThat(Krum.multiKrum(1, 2).aggregate(Params.ZERO, five, ServerState.ZERO, 5).robust().chosen())
                .containsExactly(0, 1);
    }

    @Test
    void centralNoiseIsAddedToTheMeanUpdateBeforeTheServersStep() {
        Params noise = new Params(0.25, -0.5);
        Aggregation a = new FedAvg().aggregate(THETA_T, threeClientsWeightedBySamples(), ServerState.ZERO, 3, noise);
        // sum p_k delta_k = (0.1 - 0.3 + 0.3, -0.1 + 0.3 + 0.3) = (0.1, 0.5); plus noise: (0.35, 0)
        assertClose(a.meanUpdate(), 0.35, 0.0);
        assertClose(a.newGlobal(), 1.35, 2.0);
        assertThat(a.noise()).isEqualTo(noise);
        assertThatThrownBy(() -> new CoordinateMedian().aggregate(THETA_T, threeClientsWeightedBySamples(),
                ServerState.ZERO, 3, noise)).hasMessageContaining("cannot add differential-privacy noise");
    }

    // ---------------------------------------------------------------- factory

    @Test
    void strategiesFactoryBuildsEachKind() {
        List<String> kinds = List.of("fedavg", "fedsgd", "fedprox", "fedavgm", "fedadam", "fedyogi", "fedadagrad",
                "scaffold", "median", "trimmed-mean", "krum", "multi-krum", "fedasync");
        assertThat(StrategySettings.KINDS).containsExactlyInAnyOrderElementsOf(kinds);
        for (String kind : kinds) {
            ServerStrategy s = Strategies.create(StrategySettings.of(kind));
            assertThat(s.key()).as(kind).isEqualTo(kind);
            // only SCAFFOLD corrects local gradients with control variates
            assertThat(s.usesControlVariates()).as(kind).isEqualTo(kind.equals("scaffold"));
            // only FedProx has a proximal term (default mu = 0.01)
            assertThat(s.proximalMu()).as(kind).isEqualTo(kind.equals("fedprox") ? 0.01 : 0.0);
        }
        assertThat(Strategies.create(StrategySettings.of("fedavg"))).isExactlyInstanceOf(FedAvg.class);
        assertThat(Strategies.create(StrategySettings.of("fedsgd"))).isExactlyInstanceOf(FedSgd.class);
        assertThat(Strategies.create(StrategySettings.of("fedprox"))).isExactlyInstanceOf(FedProx.class);
        assertThat(Strategies.create(StrategySettings.of("fedavgm"))).isExactlyInstanceOf(FedAvgM.class);
        assertThat(Strategies.create(StrategySettings.of("fedadam"))).isExactlyInstanceOf(FedAdam.class);
        assertThat(Strategies.create(StrategySettings.of("fedyogi"))).isExactlyInstanceOf(FedYogi.class);
        assertThat(Strategies.create(StrategySettings.of("fedadagrad"))).isExactlyInstanceOf(FedAdagrad.class);
        assertThat(Strategies.create(StrategySettings.of("scaffold"))).isExactlyInstanceOf(Scaffold.class);
    }

    @Test
    void strategiesFactoryPassesTheSettingsParameters() {
        // fedavgm defaults: eta_g = 1, beta = 0.9. v = 0.9*(1, 0) + (0.5, 0.5) = (1.4, 0.5); step = 1 * v
        ServerStrategy avgm = Strategies.create(StrategySettings.of("fedavgm"));
        Aggregation a = avgm.aggregate(Params.ZERO, List.of(upload(0, 0.5, 0.5, 10, 1.0)),
                ServerState.ZERO.withMomentum(new Params(1.0, 0.0)), 1);
        assertClose(a.stateAfter().momentum(), 1.4, 0.5);
        assertClose(a.newGlobal(), 1.4, 0.5);

        // FedOpt defaults: tau = 1e-3, so every one starts at v = tau^2 = 1e-6
        for (String kind : List.of("fedadam", "fedyogi", "fedadagrad")) {
            ServerState s0 = Strategies.create(StrategySettings.of(kind)).initialState();
            assertThat(s0.variance().w()).as(kind).isCloseTo(1e-6, within(1e-20));
            assertThat(s0.variance().b()).as(kind).isCloseTo(1e-6, within(1e-20));
            assertThat(s0.momentum()).as(kind).isEqualTo(Params.ZERO);
        }

        // scaffold default eta_g = 1: theta_{t+1} = (0, 0) + 1 * mean((2, 0), (0, 2)) = (1, 1);
        // N = 4, |S| = 2: c = (2/4) * mean((4, 0), (0, 4)) = 0.5 * (2, 2) = (1, 1)
        ServerStrategy scaffold = Strategies.create(StrategySettings.of("scaffold"));
        Aggregation sc = scaffold.aggregate(Params.ZERO, List.of(
                scaffoldUpload(0, 2.0, 0.0, 0.5, 4.0, 0.0),
                scaffoldUpload(1, 0.0, 2.0, 0.5, 0.0, 4.0)), ServerState.ZERO, 4);
        assertThat(sc.newGlobal()).isEqualTo(new Params(1.0, 1.0));
        assertThat(sc.stateAfter().control()).isEqualTo(new Params(1.0, 1.0));
    }

    @Test
    void strategiesFactoryRejectsAnUnknownKind() {
        StrategySettings bogus = new StrategySettings("fedmagic", 1.0, 0.0, "samples", null, null, null, null, null,
                null);
        assertThatThrownBy(() -> Strategies.create(bogus))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fedmagic");
    }

    // ---------------------------------------------------------------- helpers

    /** p = 0.25, 0.75 (n = 10, 30); delta_1 = (4, 2), delta_2 = (8, -2); Delta = (7, -1). */
    private static List<ClientUpload> adamRound1() {
        return List.of(upload(0, 4.0, 2.0, 10, 0.25), upload(1, 8.0, -2.0, 30, 0.75));
    }

    private static ClientUpload upload(int client, double dw, double db, int samples, double weight) {
        return new ClientUpload(client, new Params(dw, db), samples, weight, null);
    }

    private static ClientUpload scaffoldUpload(int client, double dw, double db, double weight, double cw, double cb) {
        return new ClientUpload(client, new Params(dw, db), 10, weight, new Params(cw, cb));
    }

    private static void assertClose(Params actual, double w, double b) {
        assertThat(actual.w()).as("w of %s", actual).isCloseTo(w, TOL);
        assertThat(actual.b()).as("b of %s", actual).isCloseTo(b, TOL);
    }
}
