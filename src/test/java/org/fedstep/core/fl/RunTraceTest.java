package org.fedstep.core.fl;

import static org.assertj.core.api.Assertions.assertThat;

import org.fedstep.core.data.FederatedData;
import org.fedstep.core.model.Params;
import org.fedstep.core.settings.Settings;
import org.junit.jupiter.api.Test;

/** A trace is the run's history in original units, round by round, and stops at a divergence. */
class RunTraceTest {

    @Test
    void aTraceHoldsEveryRoundsGlobalModelAndLossesInOriginalUnits() {
        FederatedData data = EngineFixtures.unequalClients(5, 20, 40, 60);
        EngineFixtures.SettingsBuilder b = EngineFixtures.settings().epochs(2).standardize(true).learningRate(0.1);
        Settings s = b.buildFor(data);
        RunTrace trace = RunTrace.of(s, data);
        RoundEngine e = new RoundEngine(s, data);
        e.runRounds(s.rounds());
        assertThat(trace.lastRound()).isEqualTo(s.rounds());
        assertThat(trace.divergence()).isNull();
        for (int t = 0; t <= s.rounds(); t++) {
            Params g = e.units().toOriginal(e.summary(t).global());
            assertThat(trace.global(t)).isEqualTo(g);
            assertThat(trace.trainLoss(t)).isEqualTo(e.summary(t).trainLoss());
            assertThat(trace.testLoss(t)).isEqualTo(e.summary(t).testLoss());
            assertThat(trace.distanceToOptimum(t)).isEqualTo(e.summary(t).distanceToOptimum());
        }
    }

    @Test
    void aPrivateRunsTraceCarriesTheMetersEpsilonAfterEachRound() {
        FederatedData data = EngineFixtures.unequalClients(5, 20, 40, 60);
        Settings s = EngineFixtures.settings().weighting(org.fedstep.core.settings.StrategySettings.WEIGHT_UNIFORM)
                .privacy(new org.fedstep.core.settings.PrivacySettings("fixed", 1.0, null, null, "central", 1.0, 1e-3))
                .buildFor(data);
        RunTrace trace = RunTrace.of(s, data);
        RoundEngine e = new RoundEngine(s, data);
        e.runRounds(s.rounds());
        assertThat(trace.isPrivate()).isTrue();
        for (int t = 0; t <= s.rounds(); t++) {
            assertThat(trace.epsilon(t)).isEqualTo(e.privacyAfter(t).epsilon());
        }
        // without noise there is no guarantee
        RunTrace plain = RunTrace.of(EngineFixtures.settings().buildFor(data), data);
        assertThat(plain.isPrivate()).isFalse();
        assertThat(plain.epsilon(3)).isInfinite();
    }

    @Test
    void aDivergingRunIsTracedUpToTheRoundBeforeAndSaysWhere() {
        FederatedData data = EngineFixtures.unequalClients(5, 20, 40, 60);
        // x up to 10 in raw units: a learning rate of 1e8 overflows within the 20 rounds
        Settings s = EngineFixtures.settings().learningRate(1e8).buildFor(data);
        RunTrace trace = RunTrace.of(s, data);
        assertThat(trace.divergence()).isNotNull();
        assertThat(trace.lastRound()).isEqualTo(trace.divergence().round() - 1);
        for (int t = 0; t <= trace.lastRound(); t++) {
            assertThat(Double.isFinite(trace.trainLoss(t))).isTrue();
        }
    }
}
