package org.fedstep.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.fedstep.core.data.DataSets;
import org.fedstep.core.fl.RoundEngine;
import org.fedstep.core.fl.UploadProcessing;
import org.fedstep.core.fl.UploadRecord;
import org.fedstep.core.fl.strategy.ClientUpload;
import org.fedstep.core.privacy.RdpAccountant;
import org.fedstep.core.settings.Settings;
import org.fedstep.io.SettingsFiles;
import org.junit.jupiter.api.Test;

/**
 * The answer keys for privacy, traffic and bad clients, against hand formulas and against the records of an engine of
 * our own (never against what Answers printed).
 */
class SafeguardAnswersTest {

    private static final String BASE = """
            "seed": 9, "rounds": 4,
            "dataset": { "kind": "synthetic-linear", "slope": 2, "intercept": 1, "noise": 0.5, "xMin": 0, "xMax": 4,
                         "slopeSpread": 1.0, "interceptSpread": 1.0 },
            "clients": { "count": 6, "samplesPerClient": 20, "testFraction": 0 },
            "training": { "localEpochs": 2, "batchSize": "full", "learningRate": 0.05 },
            """;

    private static Settings settings(String json) throws Exception {
        return SettingsFiles.parse("test.json", new StringReader("{" + BASE + json + "}"));
    }

    private static RoundEngine run(Settings s, int rounds) {
        RoundEngine e = new RoundEngine(s, DataSets.build(s, null));
        e.runRounds(rounds);
        return e;
    }

    private static Answer answer(Settings s, AnswerKey key, Integer round, Integer client) {
        return Answers.compute(s, null, new Lesson.AnswerRef(key, round, client, null));
    }

    private static final String PRIVATE = """
            "strategy": { "kind": "fedavg", "weighting": "uniform", "clientFraction": 0.5 },
            "privacy": { "clipping": "fixed", "clipNorm": 0.3, "noise": "central", "noiseMultiplier": 0.8,
              "delta": 0.001 }""";

    @Test
    void clippingAndNoiseAnswersFollowTheirFormulas() throws Exception {
        Settings s = settings(PRIVATE);
        RoundEngine e = run(s, 2);
        UploadRecord up = e.detail(2).upload();
        int clipped = 0;
        List<Integer> clippedClients = new ArrayList<>();
        for (UploadProcessing p : up.processing()) {
            double norm = Math.hypot(p.trained().w(), p.trained().b());
            assertEquals(norm, answer(s, AnswerKey.UPDATE_NORM_OF_CLIENT, 2, p.client() + 1).value(), 1e-12);
            if (norm > 0.3) {
                clipped++;
                clippedClients.add(p.client());
            }
        }
        assertThat(clipped).isPositive();
        assertEquals(clipped, answer(s, AnswerKey.CLIPPED_IN_ROUND, 2, null).value());
        assertThat(answer(s, AnswerKey.CLIENT_CLIPPED, 2, null).clients()).isEqualTo(clippedClients);
        // m = round(0.5 * 6) = 3 uploads: sigma = z S / m
        assertEquals(0.8 * 0.3 / 3, answer(s, AnswerKey.CENTRAL_NOISE_SD, 2, null).value(), 1e-15);

        // the mean update: the uniform mean of the sent updates plus the noise the server recorded
        double w = 0;
        for (ClientUpload u : up.uploads()) {
            w += u.delta().w() / 3;
        }
        w += e.detail(2).aggregate().aggregation().noise().w();
        assertEquals(w, answer(s, AnswerKey.MEAN_UPDATE_SLOPE, 2, null).value(), 1e-12);

        // epsilon: two rounds of the sampled Gaussian with q = 3/6, z = 0.8, straight from the accountant
        double[] rdp = new double[RdpAccountant.ORDERS.size()];
        for (int i = 0; i < rdp.length; i++) {
            rdp[i] = 2 * RdpAccountant.sampledGaussian(0.5, 0.8, RdpAccountant.ORDERS.get(i));
        }
        double expected = RdpAccountant.epsilon(RdpAccountant.ORDERS, rdp, 0.001).epsilon();
        assertEquals(expected, answer(s, AnswerKey.EPSILON_AFTER_ROUND, 2, null).value(), 1e-12);
        assertEquals(0, answer(s, AnswerKey.EPSILON_AFTER_ROUND, 0, null).value());
    }

    @Test
    void trafficAnswersCountFloatsAndCounts() throws Exception {
        // 3 of 6 clients each round, no drop-outs: 2 floats down (8 bytes), 2 floats and a count up (12 bytes)
        Settings s = settings(PRIVATE);
        assertEquals(3 * 8, answer(s, AnswerKey.BYTES_DOWN_IN_ROUND, 1, null).value());
        assertEquals(3 * 12, answer(s, AnswerKey.BYTES_UP_IN_ROUND, 1, null).value());
        assertEquals(4 * 3 * 12, answer(s, AnswerKey.BYTES_UP_UNTIL_ROUND, 4, null).value());
        // 2-bit quantisation: a 32-bit scale and 2 x 2 bits = 36 bits = 5 bytes, plus the 4-byte count
        Settings q = settings("""
                "strategy": { "kind": "fedavg" },
                "compression": { "kind": "quantize", "bits": 2 }""");
        assertEquals(6 * (5 + 4), answer(q, AnswerKey.BYTES_UP_IN_ROUND, 1, null).value());
    }

    @Test
    void aScalingBadClientHasTheLargestUpdateAndTheMedianLeavesItOut() throws Exception {
        Settings s = settings("""
                "strategy": { "kind": "median" },
                "attack": { "clients": [4], "kind": "scale", "factor": -20 }""");
        assertThat(answer(s, AnswerKey.CLIENT_LARGEST_UPDATE, 1, null).clients()).containsExactly(3);
        assertThat(answer(s, AnswerKey.CLIENT_LEFT_OUT_BY_RULE, 1, null).clients()).contains(3);
        // the median of six values is the mean of the middle two
        RoundEngine e = run(s, 1);
        double[] v = e.detail(1).upload().uploads().stream().mapToDouble(u -> u.delta().w()).sorted().toArray();
        assertEquals((v[2] + v[3]) / 2, answer(s, AnswerKey.MEAN_UPDATE_SLOPE, 1, null).value(), 1e-12);
    }

    @Test
    void keysThatDoNotApplySaySo() throws Exception {
        Settings plain = settings("\"strategy\": { \"kind\": \"fedavg\" }");
        assertThatThrownBy(() -> answer(plain, AnswerKey.EPSILON_AFTER_ROUND, 1, null))
                .isInstanceOf(Answers.Unavailable.class).hasMessageContaining("no noise");
        assertThatThrownBy(() -> answer(plain, AnswerKey.CLIPPED_IN_ROUND, 1, null))
                .isInstanceOf(Answers.Unavailable.class).hasMessageContaining("do not clip");
        assertThatThrownBy(() -> answer(plain, AnswerKey.CENTRAL_NOISE_SD, 1, null))
                .isInstanceOf(Answers.Unavailable.class).hasMessageContaining("no central noise");
        assertThatThrownBy(() -> answer(plain, AnswerKey.CLIENT_LEFT_OUT_BY_RULE, 1, null))
                .isInstanceOf(Answers.Unavailable.class).hasMessageContaining("uses every upload");
    }
}
