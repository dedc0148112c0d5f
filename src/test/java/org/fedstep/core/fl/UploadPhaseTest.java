package org.fedstep.core.fl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.fedstep.core.data.FederatedData;
import org.fedstep.core.fl.strategy.ClientUpload;
import org.fedstep.core.model.Params;
import org.fedstep.core.privacy.Clipping;
import org.fedstep.core.settings.AttackSettings;
import org.fedstep.core.settings.CompressionSettings;
import org.fedstep.core.settings.InvalidSettingsException;
import org.fedstep.core.settings.PrivacySettings;
import org.fedstep.core.settings.SecureAggregationSettings;
import org.fedstep.core.settings.StrategySettings;
import org.junit.jupiter.api.Test;

/**
 * The upload phase with its options, checked on the engine: DP-FedAvg's clipping and noise, compression, bad clients
 * and secure aggregation, each against plain FedAvg or arithmetic done here.
 */
class UploadPhaseTest {

    private static final FederatedData DATA = EngineFixtures.unequalClients(21, 20, 30, 40, 50, 60);

    private static EngineFixtures.SettingsBuilder base() {
        return EngineFixtures.settings().epochs(2).learningRate(0.005).weighting(StrategySettings.WEIGHT_UNIFORM);
    }

    private static RoundEngine run(EngineFixtures.SettingsBuilder s, int rounds) {
        RoundEngine e = EngineFixtures.engine(s, DATA);
        e.runRounds(rounds);
        return e;
    }

    private static PrivacySettings fixed(double s, String noise, Double z) {
        return new PrivacySettings(PrivacySettings.FIXED, s, null, null, noise,
                PrivacySettings.NONE.equals(noise) ? null : z, null);
    }

    @Test
    void withNoNoiseAndAnUnreachableBoundDpFedAvgIsFedAvg() {
        RoundEngine plain = run(base(), 10);
        RoundEngine dp = run(base().privacy(fixed(1e300, PrivacySettings.CENTRAL, 0.0)), 10);
        for (int t = 0; t <= 10; t++) {
            assertThat(dp.summary(t).global()).as("round %d", t).isEqualTo(plain.summary(t).global());
        }
        UploadProcessing p = dp.detail(3).upload().processing().get(0);
        assertThat(p.clipped()).isFalse();
        assertThat(dp.detail(3).aggregate().aggregation().noise()).isEqualTo(new Params(0.0, 0.0));
    }

    @Test
    void clippingBoundsEveryUpdateAndReportsItsScale() {
        RoundEngine e = run(base().privacy(fixed(0.05, PrivacySettings.NONE, null)), 5);
        int clipped = 0;
        for (int t = 1; t <= 5; t++) {
            UploadRecord u = e.detail(t).upload();
            assertThat(u.clipNorm()).isEqualTo(0.05);
            for (int i = 0; i < u.uploads().size(); i++) {
                UploadProcessing p = u.processing().get(i);
                ClientUpload up = u.uploads().get(i);
                assertThat(up.delta().norm()).isLessThanOrEqualTo(0.05 + 1e-15);
                // the scale is min(1, S / ||delta||), and the sent update is the trained one scaled by it
                assertThat(p.clipScale()).isCloseTo(Math.min(1, 0.05 / p.trained().norm()), within(1e-15));
                assertThat(up.delta().w()).isCloseTo(p.trained().w() * p.clipScale(), within(1e-15));
                clipped += p.clipped() ? 1 : 0;
            }
        }
        assertThat(clipped).as("the bound is small enough to clip").isGreaterThan(0);
    }

    @Test
    void centralNoiseHasStandardDeviationZSOverM() {
        // 2,000 rounds of 5 uploads with S = 0.02 and z = 1.5: the noise per coordinate has sd 1.5 * 0.02 / 5
        RoundEngine e = run(base().privacy(fixed(0.02, PrivacySettings.CENTRAL, 1.5)), 2000);
        double sd = 1.5 * 0.02 / 5;
        double sumSquares = 0;
        int n = 0;
        for (int t = 1; t <= 2000; t++) {
            Params noise = e.detail(t).aggregate().aggregation().noise();
            sumSquares += noise.w() * noise.w() + noise.b() * noise.b();
            n += 2;
        }
        assertThat(Math.sqrt(sumSquares / n)).isCloseTo(sd, within(sd * 0.05));
        // and it is part of the step: mean update = (1/m) sum clipped deltas + noise
        var a = e.detail(7).aggregate().aggregation();
        Params mean = Params.ZERO;
        for (ClientUpload u : e.detail(7).upload().uploads()) {
            mean = mean.plus(u.delta().times(0.2));
        }
        assertThat(a.meanUpdate().w()).isCloseTo(mean.w() + a.noise().w(), within(1e-15));
    }

    @Test
    void localNoiseIsAddedByEachClientWithStandardDeviationZS() {
        RoundEngine e = run(base().privacy(fixed(0.1, PrivacySettings.LOCAL, 2.0)), 400);
        double sumSquares = 0;
        int n = 0;
        for (int t = 1; t <= 400; t++) {
            for (UploadProcessing p : e.detail(t).upload().processing()) {
                sumSquares += p.localNoise().w() * p.localNoise().w() + p.localNoise().b() * p.localNoise().b();
                n += 2;
                assertThat(p.sent()).isEqualTo(p.clippedUpdate().plus(p.localNoise()));
            }
        }
        assertThat(Math.sqrt(sumSquares / n)).isCloseTo(0.2, within(0.2 * 0.05));
    }

    @Test
    void adaptiveClippingMovesTheBoundTowardsTheTargetQuantile() {
        // start far too high: every update is within S, so S shrinks by exp(-0.2 (1 - 0.5)) each round until about
        // half the updates are clipped
        PrivacySettings adaptive = new PrivacySettings(PrivacySettings.ADAPTIVE, 100.0, 0.5, 0.2, null, null, null);
        RoundEngine e = run(base().privacy(adaptive), 80);
        assertThat(e.summary(0).server().clipNorm()).isEqualTo(100.0);
        assertThat(e.summary(1).server().clipNorm()).isCloseTo(100 * Math.exp(-0.2 * 0.5), within(1e-12));
        double late = e.summary(80).server().clipNorm();
        int within = 0;
        int all = 0;
        for (int t = 60; t <= 80; t++) {
            for (UploadProcessing p : e.detail(t).upload().processing()) {
                within += p.norm() <= p.clipNorm() ? 1 : 0;
                all++;
            }
        }
        assertThat(late).isLessThan(1);
        assertThat((double) within / all).isBetween(0.25, 0.75);
        // the round's bound is the one the server held before it
        assertThat(e.detail(5).upload().clipNorm()).isEqualTo(e.summary(4).server().clipNorm());
        assertThat(Clipping.nextBound(2, 1, 0.5, 0.2)).isCloseTo(2 * Math.exp(-0.1), within(1e-15));
    }

    @Test
    void topKOfBothCoordinatesIsNoCompressionAndErrorFeedbackKeepsWhatIsLeftOut() {
        RoundEngine plain = run(base(), 8);
        RoundEngine full = run(base().compression(new CompressionSettings(CompressionSettings.TOP_K, null, 2, true)), 8);
        for (int t = 0; t <= 8; t++) {
            assertThat(full.summary(t).global()).isEqualTo(plain.summary(t).global());
        }
        // top-1: one coordinate sent; with error feedback, what was sent plus what is kept is everything
        RoundEngine one = run(base().compression(new CompressionSettings(CompressionSettings.TOP_K, null, 1, true)), 8);
        for (int k = 0; k < 5; k++) {
            Params sent = Params.ZERO;
            Params input = Params.ZERO;
            for (int t = 1; t <= 8; t++) {
                UploadProcessing p = one.detail(t).upload().processingOf(k);
                assertThat(p.sent().w() == 0 || p.sent().b() == 0).isTrue();
                sent = sent.plus(p.sent());
                input = input.plus(p.clippedUpdate());
            }
            Params kept = one.summary(8).residual(k);
            assertThat(sent.plus(kept).w()).isCloseTo(input.w(), within(1e-12));
            assertThat(sent.plus(kept).b()).isCloseTo(input.b(), within(1e-12));
        }
    }

    @Test
    void stochasticQuantisationIsUnbiased() {
        RoundEngine e = run(base().compression(new CompressionSettings(CompressionSettings.QUANTIZE, 2, null, false)),
                1);
        // the same input quantised many times (one round replayed with many seeds) averages to itself
        UploadProcessing p = e.detail(1).upload().processing().get(0);
        double s = Math.max(Math.abs(p.compressed().w()), Math.abs(p.compressed().b()));
        double sum = 0;
        org.fedstep.core.random.Rng rng = new org.fedstep.core.random.Rng(3);
        for (int i = 0; i < 200_000; i++) {
            sum += org.fedstep.core.comm.Compressor.quantize(p.compressed().w(), s, 3, rng);
        }
        assertThat(sum / 200_000).isCloseTo(p.compressed().w(), within(s * 0.01));
        // and each value is one of the 2^2 levels -s, -s/3, s/3, s
        double q = p.sent().w() / s;
        assertThat(Math.min(Math.min(Math.abs(q + 1), Math.abs(q + 1.0 / 3)), Math.min(Math.abs(q - 1.0 / 3),
                Math.abs(q - 1)))).isLessThan(1e-12);
    }

    @Test
    void theMedianHoldsWhereFedAvgIsPulledAwayByAScaledClient() {
        AttackSettings scale = new AttackSettings(List.of(3), AttackSettings.SCALE, -20.0, null);
        RoundEngine honest = run(base(), 30);
        RoundEngine avg = run(base().attack(scale), 30);
        RoundEngine median = run(base().attack(scale).strategy(StrategySettings.MEDIAN), 30);
        double dHonest = honest.summary(30).distanceToOptimum();
        double dAvg = avg.summary(30).distanceToOptimum();
        double dMedian = median.summary(30).distanceToOptimum();
        assertThat(dAvg).isGreaterThan(5 * dHonest);
        assertThat(dMedian).isLessThan(dAvg / 5);
        // the bad client's upload is -20 times what it trained
        UploadProcessing bad = avg.detail(2).upload().processingOf(2);
        assertThat(bad.attack()).isEqualTo(AttackSettings.SCALE);
        assertThat(bad.afterAttack()).isEqualTo(bad.trained().times(-20.0));
        assertThat(avg.detail(2).upload().processingOf(0).attack()).isNull();
    }

    @Test
    void aPoisoningClientTrainsOnShiftedYButIsJudgedOnItsTrueData() {
        AttackSettings poison = new AttackSettings(List.of(1), AttackSettings.POISON, null, 30.0);
        RoundEngine e = run(base().attack(poison), 3);
        RoundEngine honest = run(base(), 3);
        // the poisoner's trained model differs; an honest client's first round is the same
        assertThat(e.detail(1).upload().processingOf(0).trained())
                .isNotEqualTo(honest.detail(1).upload().processingOf(0).trained());
        assertThat(e.detail(1).upload().processingOf(1).trained())
                .isEqualTo(honest.detail(1).upload().processingOf(1).trained());
        assertThatThrownBy(() -> EngineFixtures.engine(base().attack(new AttackSettings(List.of(9),
                AttackSettings.FLIP, null, null)), DATA)).isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("attack.clients[0] names client 9, but there are 5 clients");
    }

    @Test
    void secureAggregationGivesFedAvgUpToQuantisationAndSurvivesADropOut() {
        SecureAggregationSettings on = new SecureAggregationSettings(true, 3, 48, 24);
        RoundEngine secure = run(base().weighting(StrategySettings.WEIGHT_BY_SAMPLES).dropout(0.3).secure(on), 12);
        boolean sawRecovery = false;
        boolean sawFailure = false;
        for (int t = 1; t <= 12; t++) {
            var record = secure.detail(t).upload().secure();
            var aggregation = secure.detail(t).aggregate().aggregation();
            if (!record.complete()) {
                // fewer than t = 3 survivors cannot rebuild the dropped clients' secrets: the model stays
                sawFailure = true;
                assertThat(record.survivors().size()).isLessThan(3);
                assertThat(aggregation.newGlobal()).isEqualTo(secure.summary(t - 1).global());
                continue;
            }
            sawRecovery |= !record.recoveries().isEmpty();
            for (var rec : record.recoveries()) {
                assertThat(rec.secretMatches()).isTrue();
            }
            // plain FedAvg of the same uploads, up to the 2^-24 of the fixed point
            Params fedAvg = Params.ZERO;
            for (ClientUpload u : secure.detail(t).upload().uploads()) {
                fedAvg = fedAvg.plus(u.delta().times(u.weight()));
            }
            Params got = aggregation.meanUpdate();
            assertThat(got.w()).isCloseTo(fedAvg.w(), within(1e-6));
            assertThat(got.b()).isCloseTo(fedAvg.b(), within(1e-6));
            // what the server saw of each client is not the client's input
            for (var m : record.masked()) {
                assertThat(m.masked()).isNotEqualTo(m.input());
            }
        }
        assertThat(sawRecovery).as("a drop-out happened and its masks were recovered").isTrue();
        // without drop-outs the whole run is FedAvg up to quantisation
        RoundEngine plain = run(base().weighting(StrategySettings.WEIGHT_BY_SAMPLES), 12);
        RoundEngine masked = run(base().weighting(StrategySettings.WEIGHT_BY_SAMPLES).secure(on), 12);
        assertThat(masked.summary(12).global().w()).isCloseTo(plain.summary(12).global().w(), within(1e-5));
        assertThat(masked.summary(12).global().b()).isCloseTo(plain.summary(12).global().b(), within(1e-5));
    }
}
