package org.fedstep.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.util.List;
import org.fedstep.core.data.DataSets;
import org.fedstep.core.data.FederatedData;
import org.fedstep.core.fl.RoundEngine;
import org.fedstep.core.settings.InvalidSettingsException;
import org.fedstep.core.settings.PrivacySettings;
import org.fedstep.core.settings.Settings;
import org.fedstep.core.settings.StrategySettings;
import org.fedstep.io.SettingsFiles;
import org.junit.jupiter.api.Test;

/** The privacy-utility sweep: its numbers are those of separate runs and of the accountant. */
class PrivacySweepTest {

    private static Settings settings(String strategy) throws Exception {
        return SettingsFiles.parse("sweep.json", new StringReader("""
                { "seed": 4, "rounds": 8,
                  "dataset": { "kind": "synthetic-linear", "slope": 2, "intercept": 1, "noise": 0.3 },
                  "clients": { "count": 8, "samplesPerClient": 25, "testFraction": 0.2 },
                  "training": { "localEpochs": 1, "batchSize": "full", "learningRate": 0.3 },
                  "strategy": %s }""".formatted(strategy)));
    }

    @Test
    void multipliersAreReadAsWritten() {
        assertThat(PrivacySweep.parseMultipliers("0.5, 1;2  3")).containsExactly(0.5, 1.0, 2.0, 3.0);
        assertThat(PrivacySweep.parseMultipliers(" default ")).isEqualTo(PrivacySweep.DEFAULT_MULTIPLIERS);
        assertThat(PrivacySweep.parseMultipliers("1, -2")).isNull();
        assertThat(PrivacySweep.parseMultipliers("1, two")).isNull();
        assertThat(PrivacySweep.parseMultipliers(" , ")).isNull();
        assertThat(PrivacySweep.parseMultipliers("Infinity")).isNull();
    }

    @Test
    void aRunWithoutNoiseIsMadePrivateWithCentralNoiseOnClippedUpdatesAndEqualWeights() throws Exception {
        Settings base = PrivacySweep.baseOf(settings("{ \"kind\": \"fedavg\", \"clientFraction\": 0.5 }"));
        PrivacySettings p = base.privacyOrOff();
        assertThat(p.clipping()).isEqualTo(PrivacySettings.FIXED);
        assertThat(p.clipNorm()).isEqualTo(1.0);
        assertThat(p.noise()).isEqualTo(PrivacySettings.CENTRAL);
        assertThat(base.strategy().weighting()).isEqualTo(StrategySettings.WEIGHT_UNIFORM);
        assertThat(base.strategy().clientFraction()).isEqualTo(0.5);
        assertThatThrownBy(() -> PrivacySweep.baseOf(settings("{ \"kind\": \"scaffold\" }")))
                .isInstanceOf(InvalidSettingsException.class);
    }

    @Test
    void eachPointIsTheMeanOfSeparateRunsAndItsEpsilonTheAccountants() throws Exception {
        Settings base = PrivacySweep.baseOf(settings("{ \"kind\": \"fedavg\", \"clientFraction\": 0.5 }"));
        FederatedData data = DataSets.build(base, null);
        int[] progress = {0};
        PrivacySweep.Result r = PrivacySweep.run(base, data, List.of(0.0, 1.0, 2.0), 2, n -> progress[0] = n);
        assertThat(progress[0]).isEqualTo(4 * 2);
        assertThat(r.points()).hasSize(3);

        for (PrivacySweep.Point p : r.points()) {
            double[] train = new double[2];
            for (int s = 0; s < 2; s++) {
                Settings one = PrivacySweep.withMultiplier(base, p.noiseMultiplier()).withSeed(base.seed() + s);
                RoundEngine e = new RoundEngine(one, data);
                e.runRounds(8);
                train[s] = e.summary(8).trainLoss();
            }
            assertEquals((train[0] + train[1]) / 2, p.trainLoss(), 1e-12);
            assertEquals(Math.abs(train[0] - train[1]) / Math.sqrt(2), p.trainLossSd(), 1e-12);
            assertThat(p.runs()).isEqualTo(2);
            assertThat(p.rounds()).isEqualTo(8);
        }
        // z = 0 gives no guarantee; z > 0: eight compositions of the sampled Gaussian with q = 4/8
        assertThat(r.points().get(0).epsilon()).isInfinite();
        for (int i = 1; i < 3; i++) {
            double z = r.points().get(i).noiseMultiplier();
            double[] rdp = new double[RdpAccountant.ORDERS.size()];
            for (int o = 0; o < rdp.length; o++) {
                rdp[o] = 8 * RdpAccountant.sampledGaussian(0.5, z, RdpAccountant.ORDERS.get(o));
            }
            assertEquals(RdpAccountant.epsilon(RdpAccountant.ORDERS, rdp, 1e-5).epsilon(), r.points().get(i).epsilon(),
                    1e-12);
        }
        // more noise, less privacy spent
        assertThat(r.points().get(2).epsilon()).isLessThan(r.points().get(1).epsilon());
        // z = 0 with clipping is the clean run with the same clipping
        assertEquals(r.withoutNoise().trainLoss(), r.points().get(0).trainLoss(), 1e-12);
        assertThat(r.withoutNoise().delta()).isNaN();
        assertThat(r.optimumLoss()).isPositive().isLessThan(r.withoutNoise().trainLoss());
    }
}
