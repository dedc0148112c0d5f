package org.fedstep.core.fl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;
import static org.fedstep.core.fl.EngineFixtures.gdStep;
import static org.fedstep.core.fl.EngineFixtures.mse;
import static org.fedstep.core.fl.EngineFixtures.settings;

import org.fedstep.core.data.FederatedData;
import org.fedstep.core.model.Params;
import org.fedstep.core.settings.StrategySettings;
import org.junit.jupiter.api.Test;

/**
 * A run that leaves the finite numbers stops where it happened, says so ("diverged in round t, phase p"), keeps every
 * round before it, and refuses to step past it. Where and when it must stop is worked out here by an independent
 * simulation of the same arithmetic (full-batch gradient descent per client, p_k-weighted mean), with overflow checked
 * exactly as DESIGN.md's phases order it: a client's model or its loss in local training, then the server's step, then
 * the new global model's loss.
 */
class DivergenceTest {

    private static final double HUGE_RATE = 10; // x in [0, 10): about 20 E[x^2] ~ 660 times too large per step

    private record Expected(int round, Phase phase, int client, Params[] globals) { }

    /** Simulates FedAvg (C = 1, E = 1, full batch) from w = b = 0 until something is not finite. */
    private static Expected simulate(FederatedData data, double eta) {
        int clients = data.clientCount();
        int total = data.trainSize();
        Params theta = Params.ZERO;
        Params[] globals = new Params[1000];
        globals[0] = theta;
        for (int t = 1; t < globals.length; t++) {
            double w = 0;
            double b = 0;
            for (int k = 0; k < clients; k++) {
                double[] x = data.client(k).trainX();
                double[] y = data.client(k).trainY();
                Params end = gdStep(theta, x, y, eta);
                if (!end.isFinite() || !Double.isFinite(mse(end, x, y))) {
                    return new Expected(t, Phase.LOCAL_TRAINING, k, globals);
                }
                double p = (double) x.length / total;
                w += p * end.w();
                b += p * end.b();
            }
            Params next = new Params(w, b);
            if (!next.isFinite()) {
                return new Expected(t, Phase.AGGREGATE, -1, globals);
            }
            if (!Double.isFinite(mse(next, EngineFixtures.pooledTrainX(data), EngineFixtures.pooledTrainY(data)))) {
                return new Expected(t, Phase.UPDATE, -1, globals);
            }
            theta = next;
            globals[t] = theta;
        }
        throw new AssertionError("the simulation did not diverge");
    }

    private static FederatedData twoClients() {
        return EngineFixtures.unequalClients(31, 6, 9);
    }

    private static EngineFixtures.SettingsBuilder hugeRate() {
        return settings().learningRate(HUGE_RATE);
    }

    @Test
    void aHugeLearningRateStopsInTheRoundAndPhaseWhereTheNumbersOverflow() {
        FederatedData data = twoClients();
        Expected expected = simulate(data, HUGE_RATE);
        assertThat(expected.round()).as("the simulation needs a few rounds to overflow").isGreaterThan(5);

        RoundEngine engine = EngineFixtures.engine(hugeRate(), data);
        engine.runRounds(1000); // stops early, without throwing
        Divergence d = engine.divergence();
        assertThat(d).isNotNull();
        assertThat(d.round()).isEqualTo(expected.round());
        assertThat(d.phase()).isEqualTo(expected.phase());
        assertThat(d.client()).isEqualTo(expected.client());
        assertThat(d.message()).contains("diverged in round " + expected.round() + ", phase " + expected.phase().key())
                .contains("(client " + (expected.client() + 1) + ")")
                .contains("learning rate");

        // every round before it is kept, with finite numbers that follow the simulation
        assertThat(engine.completedRounds()).isEqualTo(expected.round() - 1);
        assertThat(engine.history()).hasSize(expected.round());
        for (int t = 0; t < expected.round(); t++) {
            RoundSummary s = engine.summary(t);
            assertThat(s.divergence()).isNull();
            assertThat(s.global().isFinite()).as("global of round %d", t).isTrue();
            assertThat(s.trainLoss()).as("train loss of round %d", t).isFinite();
            for (int k = 0; k < s.clientCount(); k++) {
                assertThat(s.lossUnderGlobal(k)).isFinite();
            }
            if (t > 0) {
                assertThat(s.global().w()).isCloseTo(expected.globals()[t].w(), withinPercentage(1e-8));
                assertThat(s.global().b()).isCloseTo(expected.globals()[t].b(), withinPercentage(1e-8));
            }
        }
        // the diverged round is there to explore, up to the phase where it stopped
        Position stop = new Position(expected.round(), Phase.LOCAL_TRAINING);
        assertThat(engine.position()).isEqualTo(stop);
        assertThat(engine.frontier()).isEqualTo(stop);
        RoundDetail detail = engine.detail(expected.round());
        assertThat(detail.divergence()).isEqualTo(d);
        assertThat(detail.lastPhase()).isEqualTo(Phase.LOCAL_TRAINING);
        assertThat(detail.broadcast()).isNotNull();
        assertThat(detail.localTraining()).isNotNull();
        assertThat(detail.upload()).isNull();
        assertThat(detail.aggregate()).isNull();
        assertThat(detail.update()).isNull();
        ClientTraining culprit = detail.localTraining().clients().get(expected.client());
        assertThat(culprit.end().isFinite() && Double.isFinite(culprit.lossAfter())).isFalse();

        // and the engine refuses to go on, saying why
        assertThat(engine.canStepForward()).isFalse();
        assertThatThrownBy(engine::stepPhase).isInstanceOf(RunDivergedException.class)
                .hasMessageContaining("diverged in round " + expected.round() + ", phase local-training")
                .satisfies(e -> assertThat(((RunDivergedException) e).divergence()).isEqualTo(d));
        assertThatThrownBy(engine::stepRound).isInstanceOf(RunDivergedException.class)
                .hasMessage(d.message());
        assertThatThrownBy(() -> engine.runRounds(1)).isInstanceOf(RunDivergedException.class);
        assertThat(engine.completedRounds()).isEqualTo(expected.round() - 1);

        // going back is still possible, and stepping forward again stops at the same place
        engine.goTo(new Position(expected.round() - 1, Phase.UPDATE));
        assertThat(engine.canStepForward()).isTrue();
        assertThat(engine.stepPhase()).isInstanceOf(BroadcastRecord.class);
        assertThat(engine.stepPhase()).isInstanceOf(LocalTrainingRecord.class);
        assertThat(engine.position()).isEqualTo(stop);
        assertThatThrownBy(engine::stepPhase).isInstanceOf(RunDivergedException.class);
    }

    @Test
    void steppingPhaseByPhaseOrRoundByRoundStopsAtTheSamePlace() {
        FederatedData data = twoClients();
        Expected expected = simulate(data, HUGE_RATE);

        RoundEngine byPhase = EngineFixtures.engine(hugeRate(), data);
        Position last = byPhase.position();
        RunDivergedException stop = null;
        for (int i = 0; i < 5 * 1000 && stop == null; i++) {
            try {
                byPhase.stepPhase();
                last = byPhase.position();
            } catch (RunDivergedException e) {
                stop = e;
            }
        }
        assertThat(stop).isNotNull();
        assertThat(last).isEqualTo(new Position(expected.round(), Phase.LOCAL_TRAINING));
        assertThat(stop.getMessage()).contains("diverged in round " + expected.round() + ", phase local-training");

        RoundEngine byRound = EngineFixtures.engine(hugeRate(), data);
        for (int t = 1; t < expected.round(); t++) {
            assertThat(byRound.stepRound().divergence()).isNull();
        }
        RoundDetail diverged = byRound.stepRound(); // stops inside the round and returns what there is
        assertThat(diverged.divergence()).isEqualTo(stop.divergence());
        assertThatThrownBy(byRound::stepRound).isInstanceOf(RunDivergedException.class);
        assertThat(byRound.history()).isEqualTo(byPhase.history());
    }

    @Test
    void anOverflowingServerStepStopsInTheAggregatePhase() {
        FederatedData data = twoClients();
        double eta = 0.01;
        // precondition worked out independently: the mean update's slope part exceeds 1, so MAX_VALUE times it overflows
        double meanDeltaW = 0;
        for (int k = 0; k < 2; k++) {
            Params end = gdStep(Params.ZERO, data.client(k).trainX(), data.client(k).trainY(), eta);
            meanDeltaW += (double) data.client(k).trainSize() / data.trainSize() * end.w();
        }
        assertThat(Math.abs(meanDeltaW)).isGreaterThan(1.0);

        RoundEngine engine = EngineFixtures.engine(settings().strategy(StrategySettings.FEDAVGM).learningRate(eta)
                .server(Double.MAX_VALUE, 0.0), data);
        engine.runRounds(5);
        Divergence d = engine.divergence();
        assertThat(d).isNotNull();
        assertThat(d.round()).isEqualTo(1);
        assertThat(d.phase()).isEqualTo(Phase.AGGREGATE);
        assertThat(d.client()).isEqualTo(-1);
        assertThat(d.message()).startsWith("diverged in round 1, phase aggregate: ")
                .contains("server learning rate");
        assertThat(engine.completedRounds()).isZero();
        assertThat(engine.position()).isEqualTo(new Position(1, Phase.AGGREGATE));
        RoundDetail detail = engine.detail(1);
        assertThat(detail.upload()).isNotNull();
        assertThat(detail.aggregate().aggregation().newGlobal().isFinite()).isFalse();
        assertThat(detail.update()).isNull();
        assertThatThrownBy(engine::stepPhase).isInstanceOf(RunDivergedException.class)
                .hasMessageContaining("diverged in round 1, phase aggregate");
    }

    /**
     * A finite new global model whose loss overflows stops in the update phase. That round's summary is kept (the
     * update was reached) but it carries the divergence, so its infinite loss is never silent.
     */
    @Test
    void aFiniteModelWithAnOverflowingLossStopsInTheUpdatePhase() {
        FederatedData data = twoClients();
        RoundEngine engine = EngineFixtures.engine(settings().strategy(StrategySettings.FEDAVGM).learningRate(0.01)
                .server(1e300, 0.0), data);
        engine.runRounds(5);
        Divergence d = engine.divergence();
        assertThat(d).isNotNull();
        assertThat(d.round()).isEqualTo(1);
        assertThat(d.phase()).isEqualTo(Phase.UPDATE);
        assertThat(d.message()).startsWith("diverged in round 1, phase update: ");
        RoundDetail detail = engine.detail(1);
        assertThat(detail.update().global().isFinite()).isTrue();
        assertThat(detail.update().evaluation().trainLoss()).isInfinite();
        assertThat(engine.position()).isEqualTo(new Position(1, Phase.UPDATE));
        for (RoundSummary s : engine.history()) {
            boolean allFinite = s.global().isFinite() && Double.isFinite(s.trainLoss());
            assertThat(allFinite || s.divergence() != null)
                    .as("round %d has a non-finite number but no divergence", s.round()).isTrue();
        }
        assertThat(engine.summary(1).divergence()).isEqualTo(d);
        assertThatThrownBy(engine::stepPhase).isInstanceOf(RunDivergedException.class)
                .hasMessageContaining("diverged in round 1, phase update");
    }

    @Test
    void anInitialModelWithAnInfiniteLossRefusesToStart() {
        RoundEngine engine = EngineFixtures.engine(settings().initial(1e200, 0), twoClients());
        assertThat(engine.divergence()).isNotNull();
        assertThat(engine.canStepForward()).isFalse();
        assertThatThrownBy(engine::stepPhase).isInstanceOf(RunDivergedException.class)
                .hasMessageContaining("diverged in round 0")
                .hasMessageContaining("initial model");
        assertThat(engine.completedRounds()).isZero();
    }
}
