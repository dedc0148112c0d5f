package org.fedstep.core.fl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.fedstep.core.data.FederatedData;
import org.fedstep.core.fl.strategy.FedAsync;
import org.fedstep.core.model.Params;
import org.fedstep.core.settings.BatchSize;
import org.fedstep.core.settings.ClientSettings;
import org.fedstep.core.settings.DatasetSettings;
import org.fedstep.core.settings.InvalidSettingsException;
import org.fedstep.core.settings.ModelSettings;
import org.fedstep.core.settings.PrivacySettings;
import org.fedstep.core.settings.Settings;
import org.fedstep.core.settings.SettingsValidator;
import org.fedstep.core.settings.StrategySettings;
import org.fedstep.core.settings.TrainingSettings;
import org.junit.jupiter.api.Test;

/** Asynchronous FedAsync: the order of arrivals, staleness and mixing, worked by hand with plain gradient steps. */
class FedAsyncTest {

    private static Settings settings(List<Double> durations, Double fraction, String staleness, PrivacySettings p) {
        return SettingsValidator.validate(new Settings(null, 3L, 5, DatasetSettings.synthetic(2, 1, 0.5, 0, 10),
                new ClientSettings(3, null, 10, null, null, null, durations, null), null,
                new ModelSettings(0.0, 0.0, false),
                new TrainingSettings(1, BatchSize.FULL, 0.01, TrainingSettings.SGD, null, null, null, null),
                new StrategySettings(StrategySettings.FEDASYNC, fraction, null, null, null, null, null, null, null,
                        null, null, null, null, 0.6, staleness, null, null),
                p, null, null, null));
    }

    @Test
    void stalenessWeightsFollowTheirFormulas() {
        FedAsync poly = new FedAsync(0.6, StrategySettings.STALENESS_POLYNOMIAL, 0.5, null);
        assertEquals(0.6, poly.weight(0), 1e-15);
        assertEquals(0.6 * 0.5, poly.weight(3), 1e-15); // (1 + 3)^-0.5 = 1/2
        FedAsync hinge = new FedAsync(0.6, StrategySettings.STALENESS_HINGE, 0.5, 2);
        assertEquals(1.0, hinge.stalenessFactor(2), 0);
        assertEquals(0.5, hinge.stalenessFactor(4), 1e-15); // 1 / (0.5 (4 - 2) + 1)
        assertEquals(1.0, new FedAsync(0.6, StrategySettings.STALENESS_CONSTANT, null, null).stalenessFactor(9), 0);
        assertThatThrownBy(() -> poly.weight(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void updatesArriveInTheOrderTheirJobsFinishAndAreMixedByStaleness() {
        // durations 1, 2, 3: client 1 at times 1, 2 (before client 2 on the tie), client 2 at 2, client 1 at 3
        // (before client 3), client 3 at 3
        FederatedData data = EngineFixtures.unequalClients(5, 20, 30, 40);
        Settings s = settings(List.of(1.0, 2.0, 3.0), null, null, null);
        RoundEngine e = new RoundEngine(s, data);
        e.runRounds(5);
        int[] client = {0, 0, 1, 0, 2};
        int[] origin = {0, 1, 0, 2, 0};
        int[] stale = {0, 0, 2, 1, 4};
        double[] time = {1, 2, 2, 3, 3};

        // the reference: theta_t = (1 - a_t) theta_{t-1} + a_t (one gradient step of the client from theta_origin)
        Params[] theta = new Params[6];
        theta[0] = Params.ZERO;
        for (int t = 1; t <= 5; t++) {
            int k = client[t - 1];
            Params trained = EngineFixtures.gdStep(theta[origin[t - 1]], data.client(k).trainX(),
                    data.client(k).trainY(), 0.01);
            double a = 0.6 * Math.pow(1 + stale[t - 1], -0.5);
            theta[t] = theta[t - 1].times(1 - a).plus(trained.times(a));

            RoundDetail d = e.detail(t);
            UploadRecord.Arrival arrival = d.upload().arrival();
            assertThat(d.upload().uploads()).singleElement().satisfies(u -> assertThat(u.client()).isEqualTo(k));
            assertEquals(origin[t - 1], arrival.originRound(), "round " + t);
            assertEquals(stale[t - 1], arrival.staleness(), "round " + t);
            assertEquals(time[t - 1], arrival.time(), 0, "round " + t);
            assertEquals(a, d.aggregate().aggregation().terms().get(0).weight(), 1e-15);
            assertEquals(theta[t].w(), e.summary(t).global().w(), 1e-12, "w after round " + t);
            assertEquals(theta[t].b(), e.summary(t).global().b(), 1e-12, "b after round " + t);
        }
        // round 1 broadcasts to everyone, later rounds to the client whose update arrived in the round before
        assertThat(e.detail(1).broadcast().recipients()).containsExactly(0, 1, 2);
        assertThat(e.detail(3).broadcast().recipients()).containsExactly(0);
        assertThat(e.detail(4).broadcast().recipients()).containsExactly(1);
        // so the model goes down three times in round 1 and once after; one update of 2 floats and a count goes up
        assertThat(e.traffic().totals(e.summary(1))).containsExactly(3 * 8, 12);
        assertThat(e.traffic().totals(e.summary(4))).containsExactly(8, 12);
    }

    @Test
    void theExportsSayWhenEachUpdateArrivedAndHowStaleItWas(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        FederatedData data = EngineFixtures.unequalClients(5, 20, 30, 40);
        Settings s = settings(List.of(1.0, 2.0, 3.0), null, null, null);
        RoundEngine e = new RoundEngine(s, data);
        e.runRounds(5);
        java.io.StringWriter rounds = new java.io.StringWriter();
        org.fedstep.io.Exports.rounds(rounds, e);
        List<String> lines = rounds.toString().lines().toList();
        List<String> header = List.of(lines.get(0).split(","));
        int time = header.indexOf("time");
        int stale = header.indexOf("staleness");
        int weight = header.indexOf("mixing_weight");
        String[] expectedTime = {"1.0", "2.0", "2.0", "3.0", "3.0"};
        int[] expectedStale = {0, 0, 2, 1, 4};
        for (int t = 1; t <= 5; t++) {
            String[] row = lines.get(t + 1).split(",", -1);
            assertEquals(expectedTime[t - 1], row[time]);
            assertEquals(Integer.toString(expectedStale[t - 1]), row[stale]);
            assertEquals(0.6 * Math.pow(1 + expectedStale[t - 1], -0.5), Double.parseDouble(row[weight]), 1e-15);
        }
        // round 0 (the starting model) has no arrival
        assertEquals("", lines.get(1).split(",", -1)[stale]);
        java.io.StringWriter clients = new java.io.StringWriter();
        org.fedstep.io.Exports.clientRounds(clients, e);
        List<String> c = clients.toString().lines().toList();
        List<String> ch = List.of(c.get(0).split(","));
        // round 3 (rows 7 to 9): client 2 trained from theta_0, so its start is the starting line
        String[] client2 = c.get(1 + 2 * 3 + 1).split(",", -1);
        assertEquals("3", client2[ch.indexOf("round")]);
        assertEquals("2", client2[ch.indexOf("client")]);
        assertEquals("0", client2[ch.indexOf("origin_round")]);
        assertEquals("2", client2[ch.indexOf("staleness")]);
        assertEquals(0.0, Double.parseDouble(client2[ch.indexOf("start_slope")]), 0);
        // client 1 did not upload in round 3: no origin, no staleness
        assertEquals("", c.get(1 + 2 * 3).split(",", -1)[ch.indexOf("origin_round")]);
    }

    @Test
    void theAnswerKeysReadAnAsynchronousRoundAsFedAsyncDoes() {
        Settings s = settings(List.of(1.0, 2.0, 3.0), null, null, null);
        RoundEngine e = new RoundEngine(s, org.fedstep.core.data.DataSets.build(s, null));
        e.runRounds(3);
        // round 3: client 2 (staleness 2) is mixed in with alpha = 0.6 / sqrt(3)
        double alpha = 0.6 / Math.sqrt(3);
        assertEquals(alpha, answer(s, org.fedstep.lesson.AnswerKey.WEIGHT_OF_CLIENT, 3, 2), 1e-12);
        assertEquals(0, answer(s, org.fedstep.lesson.AnswerKey.WEIGHT_OF_CLIENT, 3, 1), 0);
        double stepW = e.summary(3).global().w() - e.summary(2).global().w();
        assertEquals(stepW, answer(s, org.fedstep.lesson.AnswerKey.MEAN_UPDATE_SLOPE, 3, null), 1e-12);
        assertEquals(e.summary(3).global().w(), answer(s, org.fedstep.lesson.AnswerKey.GLOBAL_SLOPE_AFTER_ROUND, 3,
                null), 1e-12);
        assertEquals(1, answer(s, org.fedstep.lesson.AnswerKey.UPLOADS_IN_ROUND, 3, null), 0);
        // the model goes to all three clients in round 1, to one after
        assertEquals(3 * 8, answer(s, org.fedstep.lesson.AnswerKey.BYTES_DOWN_IN_ROUND, 1, null), 0);
        assertEquals(8, answer(s, org.fedstep.lesson.AnswerKey.BYTES_DOWN_IN_ROUND, 3, null), 0);
    }

    private static double answer(Settings s, org.fedstep.lesson.AnswerKey key, Integer round, Integer client) {
        return org.fedstep.lesson.Answers.compute(s, null, new org.fedstep.lesson.Lesson.AnswerRef(key, round, client,
                null)).value();
    }

    @Test
    void anAsynchronousRunSavesAndRestoresExactly() {
        FederatedData data = EngineFixtures.unequalClients(5, 20, 30, 40);
        Settings s = settings(null, null, StrategySettings.STALENESS_HINGE, null);
        RoundEngine e = new RoundEngine(s, data);
        e.runRounds(4);
        RoundEngine again = RoundEngine.restore(s, data, e.history(), e.frontier(), e.position());
        assertThat(again.history()).isEqualTo(e.history());
        // and through a session file: the jobs, their origins and finish times come back exactly
        java.io.StringWriter file = new java.io.StringWriter();
        try {
            org.fedstep.io.Sessions.write(file, e);
            RoundEngine read = org.fedstep.io.Sessions.read("async.fedstep", new java.io.StringReader(file.toString()));
            assertThat(read.history()).isEqualTo(e.history());
            assertThat(read.summary(4).async()).isEqualTo(e.summary(4).async());
        } catch (java.io.IOException io) {
            throw new java.io.UncheckedIOException(io);
        }
        // the spread-drawn durations differ between clients and are positive
        assertThat(java.util.Arrays.stream(e.durations()).boxed().toList()).allMatch(d -> d > 0)
                .doesNotHaveDuplicates();
    }

    @Test
    void whatAnAsynchronousRunCannotDoIsNamed() {
        assertThatThrownBy(() -> settings(null, 0.5, null, null)).isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("strategy.clientFraction must be 1");
        assertThatThrownBy(() -> settings(List.of(1.0, 2.0), null, null, null))
                .hasMessageContaining("clients.durations must give one duration for each of the 3 clients");
        assertThatThrownBy(() -> settings(null, null, null,
                new PrivacySettings("fixed", 1.0, null, null, "central", 1.0, 1e-5)))
                .hasMessageContaining("use privacy.noise local");
    }
}
