package org.fedstep.core.fl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.fedstep.core.fl.EngineFixtures.engine;
import static org.fedstep.core.fl.EngineFixtures.gd;
import static org.fedstep.core.fl.EngineFixtures.settings;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.fedstep.core.data.FederatedData;
import org.fedstep.core.fl.strategy.ClientUpload;
import org.fedstep.core.fl.strategy.WeightedTerm;
import org.fedstep.core.model.Params;
import org.fedstep.core.settings.BatchSize;
import org.fedstep.core.settings.StrategySettings;
import org.junit.jupiter.api.Test;

/**
 * Who takes part and with what weight: m = max(round(C K), 1) sampled clients; FedAvg's p_k = n_k / sum n over this
 * round's uploads (or 1/m unweighted); clients that drop out after training carry no weight and no term.
 */
class WeightsAndDropoutTest {

    private static final int[] SIZES = {3, 11, 6, 20, 8, 15, 4};

    @Test
    void sampleWeightsSumToOneAndAreEachClientsShareOfTheUploadedRows() {
        FederatedData data = EngineFixtures.unequalClients(5, SIZES);
        RoundEngine engine = engine(settings().fraction(0.5).epochs(2).learningRate(0.01), data);
        assertThat(engine.sampledPerRound()).isEqualTo(4); // round(0.5 * 7) = round(3.5) = 4
        engine.runRounds(25);
        Set<List<Integer>> distinctSamples = new HashSet<>();
        for (int t = 1; t <= 25; t++) {
            RoundDetail d = engine.detail(t);
            List<Integer> recipients = d.broadcast().recipients();
            distinctSamples.add(recipients);
            assertThat(recipients).hasSize(4).isSorted().doesNotHaveDuplicates()
                    .allSatisfy(k -> assertThat(k).isBetween(0, SIZES.length - 1));
            List<ClientUpload> uploads = d.upload().uploads();
            assertThat(uploads).extracting(ClientUpload::client).containsExactlyElementsOf(recipients);
            int rows = 0;
            for (int k : recipients) {
                rows += SIZES[k];
            }
            double sum = 0;
            for (ClientUpload u : uploads) {
                assertThat(u.samples()).isEqualTo(SIZES[u.client()]);
                assertThat(u.weight()).as("p_%d in round %d", u.client(), t)
                        .isCloseTo((double) SIZES[u.client()] / rows, within(1e-15));
                sum += u.weight();
            }
            assertThat(sum).as("sum of p_k in round %d", t).isCloseTo(1.0, within(1e-15));
        }
        // C < 1 really samples: not the same four clients every round
        assertThat(distinctSamples.size()).isGreaterThan(1);
    }

    @Test
    void uniformWeightingGivesEachUploadOneOverM() {
        FederatedData data = EngineFixtures.unequalClients(5, SIZES);
        RoundEngine engine = engine(settings().fraction(0.5).weighting(StrategySettings.WEIGHT_UNIFORM), data);
        engine.runRounds(10);
        for (int t = 1; t <= 10; t++) {
            List<ClientUpload> uploads = engine.detail(t).upload().uploads();
            assertThat(uploads).hasSize(4);
            double sum = 0;
            for (ClientUpload u : uploads) {
                assertThat(u.weight()).isCloseTo(1.0 / 4, within(1e-15));
                sum += u.weight();
            }
            assertThat(sum).isCloseTo(1.0, within(1e-15));
        }
    }

    @Test
    void droppedClientsCarryNoWeightAndTheGlobalIsTheWeightedMeanOfTheUploadersOnly() {
        FederatedData data = EngineFixtures.unequalClients(6, SIZES);
        double eta = 0.01;
        int epochs = 2;
        RoundEngine engine = engine(settings().seed(11).dropout(0.4).epochs(epochs).batch(BatchSize.FULL)
                .learningRate(eta), data);
        int rounds = 30;
        engine.runRounds(rounds);
        int roundsWithDropouts = 0;
        int roundsWithUploads = 0;
        for (int t = 1; t <= rounds; t++) {
            RoundDetail d = engine.detail(t);
            Params theta = d.broadcast().global();
            assertThat(theta).isEqualTo(engine.summary(t - 1).global());
            List<Integer> recipients = d.broadcast().recipients();
            List<Integer> dropped = d.upload().droppedOut();
            List<Integer> uploaders = new ArrayList<>(recipients);
            uploaders.removeAll(dropped);
            assertThat(recipients).containsAll(dropped);
            // each sampled client trained; its dropsOut flag says whether it is in the dropped list
            assertThat(d.localTraining().clients()).extracting(ClientTraining::client)
                    .containsExactlyElementsOf(recipients);
            for (ClientTraining c : d.localTraining().clients()) {
                assertThat(c.dropsOut()).isEqualTo(dropped.contains(c.client()));
            }
            // only the uploaders sent something and got a term
            assertThat(d.upload().uploads()).extracting(ClientUpload::client).containsExactlyElementsOf(uploaders);
            assertThat(d.aggregate().aggregation().terms()).extracting(WeightedTerm::client)
                    .containsExactlyElementsOf(uploaders);
            assertThat(engine.summary(t).uploaded()).containsExactly(uploaders.stream().mapToInt(i -> i).toArray());

            // independently: each uploader does E full-batch GD steps from theta; p_k = n_k / sum over uploaders
            Params expected;
            if (uploaders.isEmpty()) {
                expected = theta; // nothing arrived: the model stays
            } else {
                int rows = 0;
                for (int k : uploaders) {
                    rows += SIZES[k];
                }
                double w = 0;
                double b = 0;
                for (int k : uploaders) {
                    Params local = gd(theta, data.client(k).trainX(), data.client(k).trainY(), eta, epochs);
                    double p = (double) SIZES[k] / rows;
                    w += p * local.w();
                    b += p * local.b();
                }
                expected = new Params(w, b);
                // the engine's p_k are over the uploaders' rows only, and add up to 1
                double sum = 0;
                for (ClientUpload u : d.upload().uploads()) {
                    assertThat(u.weight()).isCloseTo((double) SIZES[u.client()] / rows, within(1e-15));
                    sum += u.weight();
                }
                assertThat(sum).isCloseTo(1.0, within(1e-15));
            }
            Params global = d.update().global();
            assertThat(global.w()).as("w, round %d", t).isCloseTo(expected.w(), within(1e-12));
            assertThat(global.b()).as("b, round %d", t).isCloseTo(expected.b(), within(1e-12));
            if (!dropped.isEmpty()) {
                roundsWithDropouts++;
            }
            if (!uploaders.isEmpty() && !dropped.isEmpty()) {
                roundsWithUploads++;
            }
        }
        // the test exercised what it claims: rounds where some, but not all, sampled clients dropped out
        assertThat(roundsWithDropouts).isGreaterThan(0);
        assertThat(roundsWithUploads).isGreaterThan(0);
    }

    @Test
    void whenEverySampledClientDropsOutTheGlobalModelStays() {
        FederatedData data = EngineFixtures.unequalClients(6, SIZES);
        // one client per round, dropping out with probability 0.9: most rounds have no upload at all
        RoundEngine engine = engine(settings().fraction(0.1).dropout(0.9), data);
        engine.runRounds(20);
        int empty = 0;
        for (int t = 1; t <= 20; t++) {
            RoundDetail d = engine.detail(t);
            if (d.upload().uploads().isEmpty()) {
                empty++;
                assertThat(d.upload().droppedOut()).isEqualTo(d.broadcast().recipients());
                assertThat(d.aggregate().aggregation().terms()).isEmpty();
                assertThat(d.update().global()).isEqualTo(d.broadcast().global());
                assertThat(engine.summary(t).global()).isEqualTo(engine.summary(t - 1).global());
            }
        }
        assertThat(empty).isGreaterThan(0);
    }

    @Test
    void atLeastOneClientTakesPartEvenWhenCTimesKRoundsToZero() {
        FederatedData data = EngineFixtures.unequalClients(7, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5);
        // K = 10: C = 0.01 and 0.04 give round(0.1) = round(0.4) = 0, so max(0, 1) = 1; 0.05 gives round(0.5) = 1;
        // 0.15 gives round(1.5) = 2; 1.0 gives all 10
        double[] fractions = {0.01, 0.04, 0.05, 0.15, 1.0};
        int[] expected = {1, 1, 1, 2, 10};
        for (int i = 0; i < fractions.length; i++) {
            RoundEngine engine = engine(settings().fraction(fractions[i]), data);
            assertThat(engine.sampledPerRound()).as("C = %s", fractions[i]).isEqualTo(expected[i]);
            engine.runRounds(8);
            for (int t = 1; t <= 8; t++) {
                RoundDetail d = engine.detail(t);
                assertThat(d.broadcast().recipients()).as("C = %s, round %d", fractions[i], t)
                        .hasSize(expected[i]);
                assertThat(d.broadcast().notSampled()).hasSize(10 - expected[i]);
                assertThat(d.upload().uploads()).hasSize(expected[i]);
            }
        }
    }
}
