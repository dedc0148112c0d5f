package org.fedstep.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fedstep.core.data.DataSets;
import org.fedstep.core.data.FederatedData;
import org.fedstep.core.fl.RoundEngine;
import org.fedstep.core.model.Params;
import org.fedstep.core.settings.Settings;
import org.fedstep.io.SettingsFiles;
import org.junit.jupiter.api.Test;

/** The engine's answers agree with independent arithmetic on the same data. */
class AnswersTest {

    private static Settings preset(String name) throws IOException {
        return SettingsFiles.parse(name + ".json",
                new StringReader(Files.readString(Path.of("sample-data/configs", name + ".json"))));
    }

    private static Answer answer(Settings s, AnswerKey key, Integer round, Integer client) {
        return Answers.compute(s, null, new Lesson.AnswerRef(key, round, client, null));
    }

    @Test
    void weightOfAClientIsItsSampleCountOverAllUploadedSamples() throws IOException {
        Settings s = preset("quickstart");
        FederatedData data = DataSets.build(s, null);
        int total = 0;
        for (int k = 0; k < data.clientCount(); k++) {
            total += data.client(k).trainX().length;
        }
        for (int k = 0; k < data.clientCount(); k++) {
            Answer a = answer(s, AnswerKey.WEIGHT_OF_CLIENT, 1, k + 1);
            assertThat(a.value()).isCloseTo((double) data.client(k).trainX().length / total, within(1e-15));
        }
        assertThat(answer(s, AnswerKey.WEIGHT_OF_CLIENT, 1, 3).explanation().en())
                .isEqualTo("p₃ = n₃ / Σ n = 20 / (40 + 80 + 20 + 60 + 100) = 20 / 300 = 0.0667 (Σ over the 5 uploads of "
                        + "round 1)");
    }

    @Test
    void globalSlopeAndInterceptAfterARoundAreTheEnginesHistory() throws IOException {
        Settings s = preset("quickstart");
        FederatedData data = DataSets.build(s, null);
        RoundEngine engine = new RoundEngine(s, data);
        engine.runRounds(3);
        for (int t = 0; t <= 3; t++) {
            Params g = engine.units().toOriginal(engine.summary(t).global());
            assertThat(answer(s, AnswerKey.GLOBAL_SLOPE_AFTER_ROUND, t, null).value()).isEqualTo(g.w());
            assertThat(answer(s, AnswerKey.GLOBAL_INTERCEPT_AFTER_ROUND, t, null).value()).isEqualTo(g.b());
            assertThat(answer(s, AnswerKey.TRAIN_LOSS_AFTER_ROUND, t, null).value())
                    .isEqualTo(engine.summary(t).trainLoss());
        }
    }

    @Test
    void globalSlopeAfterRoundOneIsTheWeightedMeanOfTheClientsSlopes() throws IOException {
        // FedAvg by hand from the round's records: w_1 = sum_k (n_k / sum n) w_k
        Settings s = preset("quickstart");
        double byHand = 0;
        int total = 300;
        int[] n = {40, 80, 20, 60, 100};
        for (int k = 0; k < 5; k++) {
            double wk = answer(s, AnswerKey.CLIENT_SLOPE_AFTER_TRAINING, 1, k + 1).value();
            byHand += (double) n[k] / total * wk;
        }
        Answer a = answer(s, AnswerKey.GLOBAL_SLOPE_AFTER_ROUND, 1, null);
        assertThat(a.value()).isCloseTo(byHand, within(1e-12));
        assertThat(a.explanation().en()).startsWith("w₁ = Σ p_k w_k = 0.1333 × ").endsWith(")");
    }

    @Test
    void aStandardisedRunAnswersInOriginalUnits() throws IOException {
        Settings s = preset("penguins");
        FederatedData data = DataSets.build(s, null);
        RoundEngine engine = new RoundEngine(DataSets.effective(s, data), data);
        engine.runRounds(2);
        Params g = engine.units().toOriginal(engine.summary(2).global());
        assertThat(answer(s, AnswerKey.GLOBAL_SLOPE_AFTER_ROUND, 2, null).value()).isCloseTo(g.w(), within(1e-9));
        assertThat(answer(s, AnswerKey.GLOBAL_INTERCEPT_AFTER_ROUND, 2, null).value()).isCloseTo(g.b(), within(1e-9));
    }

    @Test
    void optimumIsTheClosedFormLeastSquaresLineOfThePooledData() throws IOException {
        Settings s = preset("quickstart");
        FederatedData data = DataSets.build(s, null);
        double[] x = data.pooledTrainX();
        double[] y = data.pooledTrainY();
        // normal equations: [sum x^2, sum x; sum x, n] (w, b) = (sum xy, sum y)
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (int i = 0; i < x.length; i++) {
            sx += x[i];
            sy += y[i];
            sxx += x[i] * x[i];
            sxy += x[i] * y[i];
        }
        double det = sxx * x.length - sx * sx;
        double w = (sxy * x.length - sx * sy) / det;
        double b = (sxx * sy - sx * sxy) / det;
        assertThat(answer(s, AnswerKey.OPTIMUM_SLOPE, null, null).value()).isCloseTo(w, within(1e-9));
        assertThat(answer(s, AnswerKey.OPTIMUM_INTERCEPT, null, null).value()).isCloseTo(b, within(1e-9));
        double j = 0;
        for (int i = 0; i < x.length; i++) {
            j += (w * x[i] + b - y[i]) * (w * x[i] + b - y[i]);
        }
        assertThat(answer(s, AnswerKey.OPTIMUM_LOSS, null, null).value()).isCloseTo(j / x.length, within(1e-9));
    }

    @Test
    void theLargestWeightGoesToTheClientWithTheMostData() throws IOException {
        Answer a = answer(preset("quickstart"), AnswerKey.CLIENT_LARGEST_WEIGHT, 1, null);
        assertThat(a.clients()).containsExactly(4);
        assertThat(a.value()).isCloseTo(100.0 / 300, within(1e-15));
    }

    @Test
    void equalWeightsAreATieThatAcceptsEveryClient() throws IOException {
        Answer a = answer(preset("article"), AnswerKey.CLIENT_LARGEST_WEIGHT, 1, null);
        assertThat(a.clients()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(a.explanation().en()).contains("tied");
    }

    @Test
    void largestDriftIsTheLargestDistanceAClientMovedInLocalTraining() throws IOException {
        Settings s = preset("quickstart");
        RoundEngine engine = new RoundEngine(s, DataSets.build(s, null));
        engine.runRounds(2);
        double best = -1;
        int who = -1;
        for (org.fedstep.core.fl.ClientTraining c : engine.detail(2).localTraining().clients()) {
            double d = Math.hypot(c.end().w() - c.start().w(), c.end().b() - c.start().b());
            if (d > best) {
                best = d;
                who = c.client();
            }
        }
        Answer a = answer(s, AnswerKey.CLIENT_LARGEST_DRIFT, 2, null);
        assertThat(a.clients()).containsExactly(who);
        assertThat(a.value()).isCloseTo(best, within(1e-12));
        assertThat(a.explanation().en()).contains("‖θ_k − θ₁‖");
    }

    @Test
    void lowestLossUnderTheGlobalModelIsTheEnginesPerClientLoss() throws IOException {
        Settings s = preset("quickstart");
        FederatedData data = DataSets.build(s, null);
        RoundEngine engine = new RoundEngine(s, data);
        engine.runRounds(2);
        int best = 0;
        for (int k = 1; k < 5; k++) {
            if (engine.summary(2).lossUnderGlobal(k) < engine.summary(2).lossUnderGlobal(best)) {
                best = k;
            }
        }
        Answer a = answer(s, AnswerKey.CLIENT_LOWEST_LOSS_UNDER_GLOBAL, 2, null);
        assertThat(a.clients()).containsExactly(best);
        assertThat(a.value()).isEqualTo(engine.summary(2).lossUnderGlobal(best));
    }

    @Test
    void fedSgdWithEveryClientEqualsCentralisedGradientDescent() throws IOException {
        String json = Files.readString(Path.of("sample-data/configs/quickstart.json"))
                .replace("\"localEpochs\": 3", "\"localEpochs\": 1").replace("\"fedavg\"", "\"fedsgd\"");
        Settings s = SettingsFiles.parse("fedsgd.json", new StringReader(json));
        for (int t = 1; t <= 3; t++) {
            double fed = answer(s, AnswerKey.GLOBAL_SLOPE_AFTER_ROUND, t, null).value();
            Answer central = answer(s, AnswerKey.CENTRALISED_SLOPE_AFTER_ROUND, t, null);
            assertThat(central.value()).isCloseTo(fed, within(1e-12));
            assertThat(central.explanation().en()).contains("− η (2/N) Σ (ŷ − y) x");
        }
    }

    @Test
    void uploadsSamplesAndRoundsToReachALoss() throws IOException {
        Settings s = preset("quickstart");
        assertThat(answer(s, AnswerKey.UPLOADS_IN_ROUND, 1, null).value()).isEqualTo(5);
        assertThat(answer(s, AnswerKey.SAMPLES_OF_CLIENT, null, 5).value()).isEqualTo(100);
        FederatedData data = DataSets.build(s, null);
        RoundEngine engine = new RoundEngine(s, data);
        engine.runRounds(s.rounds());
        double target = engine.summary(5).trainLoss();
        Answer a = Answers.compute(s, null, new Lesson.AnswerRef(AnswerKey.ROUNDS_TO_REACH_LOSS, null, null, target));
        int first = 0;
        while (engine.summary(first).trainLoss() > target) {
            first++;
        }
        assertThat(a.value()).isEqualTo(first);
        assertThatThrownBy(() -> Answers.compute(s, null,
                new Lesson.AnswerRef(AnswerKey.ROUNDS_TO_REACH_LOSS, null, null, 1e-9)))
                .isInstanceOf(Answers.Unavailable.class).hasMessageContaining("does not reach");
    }

    @Test
    void aClientsGradientIsTheMseGradientOfItsOwnRowsAtTheBroadcastModel() throws IOException {
        Settings s = preset("quickstart");
        FederatedData data = DataSets.build(s, null);
        RoundEngine engine = new RoundEngine(s, data);
        engine.runRounds(2);
        Params at = engine.summary(1).global();
        double[] x = data.client(1).trainX();
        double[] y = data.client(1).trainY();
        double gw = 0;
        double gb = 0;
        for (int i = 0; i < x.length; i++) {
            double r = at.w() * x[i] + at.b() - y[i];
            gw += 2 * r * x[i] / x.length;
            gb += 2 * r / x.length;
        }
        assertThat(answer(s, AnswerKey.CLIENT_GRADIENT_SLOPE, 2, 2).value()).isCloseTo(gw, within(1e-12));
        assertThat(answer(s, AnswerKey.CLIENT_GRADIENT_INTERCEPT, 2, 2).value()).isCloseTo(gb, within(1e-12));
        // at theta_0 = (0, 0) the slope gradient is -(2/n) sum x y
        double sxy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += x[i] * y[i];
        }
        assertThat(answer(s, AnswerKey.CLIENT_GRADIENT_SLOPE, 1, 2).value())
                .isCloseTo(-2 * sxy / x.length, within(1e-12));
    }

    @Test
    void thePooledMeanIsTheSampleWeightedMeanOfTheClientsMeans() throws IOException {
        Settings s = preset("penguins");
        FederatedData data = DataSets.build(s, null);
        double[] x = data.pooledTrainX();
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        double[] own = data.client(1).trainX();
        double ownSum = 0;
        for (double v : own) {
            ownSum += v;
        }
        assertThat(answer(s, AnswerKey.CLIENT_MEAN_X, null, 2).value()).isCloseTo(ownSum / own.length, within(1e-9));
        Answer a = answer(s, AnswerKey.POOLED_MEAN_X, null, null);
        assertThat(a.value()).isCloseTo(sum / x.length, within(1e-9));
        assertThat(a.explanation().en()).startsWith("x̄ = Σ n_k x̄_k / Σ n_k = (");
    }

    @Test
    void theLargestStableLearningRateIsTwoOverTheHessiansLargestEigenvalue() throws IOException {
        // raw units: H = (2/N) [[sum x^2, sum x], [sum x, N]]; its largest eigenvalue from the characteristic polynomial
        String json = Files.readString(Path.of("sample-data/configs/penguins.json"))
                .replace("\"standardize\": true", "\"standardize\": false");
        Settings raw = SettingsFiles.parse("raw.json", new StringReader(json));
        double[] x = DataSets.build(raw, null).pooledTrainX();
        double sx = 0;
        double sxx = 0;
        for (double v : x) {
            sx += v;
            sxx += v * v;
        }
        double a = 2 * sxx / x.length;
        double b = 2 * sx / x.length;
        double c = 2;
        double trace = a + c;
        double det = a * c - b * b;
        double lambda = (trace + Math.sqrt(trace * trace - 4 * det)) / 2;
        assertThat(answer(raw, AnswerKey.MAX_STABLE_LEARNING_RATE, null, null).value())
                .isCloseTo(2 / lambda, within(1e-12));
        // on z-scores H = 2 I, so the limit is exactly 1 (up to rounding)
        assertThat(answer(preset("penguins"), AnswerKey.MAX_STABLE_LEARNING_RATE, null, null).value())
                .isCloseTo(1.0, within(1e-9));
    }

    @Test
    void theArticlesRuleSubtractsTheMeanUpdateDividedByTheClientCountTimesTheLearningRate() throws IOException {
        // the article's example: 10 equal clients, alpha = 0.01, theta_0 = 0:
        // w = 0 - 0.01 * (sum dw_i / 10) / 10 = -0.001 * mean(dw), while FedAvg's w_1 = mean(dw)
        Settings s = preset("article");
        double fedAvg = answer(s, AnswerKey.GLOBAL_SLOPE_AFTER_ROUND, 1, null).value();
        Answer a = answer(s, AnswerKey.ARTICLE_RULE_SLOPE, 1, null);
        assertThat(a.value()).isCloseTo(-0.001 * fedAvg, within(1e-15));
        assertThat(a.explanation().zh()).startsWith("文章的公式：");
    }

    @Test
    void clientsNotSampledAndDroppedOutAreTheEnginesRecords() throws IOException {
        String json = Files.readString(Path.of("sample-data/configs/article.json"))
                .replace("\"clientFraction\": 1.0", "\"clientFraction\": 0.5, \"dropoutProbability\": 0.4");
        Settings s = SettingsFiles.parse("partial.json", new StringReader(json));
        RoundEngine engine = new RoundEngine(s, DataSets.build(s, null));
        engine.runRounds(3);
        for (int t = 1; t <= 3; t++) {
            var d = engine.detail(t);
            assertThat(answer(s, AnswerKey.CLIENT_NOT_SAMPLED, t, null).clients())
                    .containsExactlyElementsOf(d.broadcast().notSampled()).hasSize(5);
            if (!d.upload().droppedOut().isEmpty()) {
                assertThat(answer(s, AnswerKey.CLIENT_DROPPED_OUT, t, null).clients())
                        .containsExactlyElementsOf(d.upload().droppedOut());
            }
        }
        assertThatThrownBy(() -> answer(preset("article"), AnswerKey.CLIENT_NOT_SAMPLED, 1, null))
                .isInstanceOf(Answers.Unavailable.class).hasMessageContaining("every client is sampled");
    }

    @Test
    void everyExplanationHasItsChineseWordsAndTheSameFormula() throws IOException {
        Settings s = preset("quickstart");
        Answer w = answer(s, AnswerKey.WEIGHT_OF_CLIENT, 1, 3);
        assertThat(w.explanation().zh())
                .isEqualTo("p₃ = n₃ / Σ n = 20 / (40 + 80 + 20 + 60 + 100) = 20 / 300 = 0.0667（对第 1 轮的 5 个上传求和）");
        Answer drift = answer(s, AnswerKey.CLIENT_LARGEST_DRIFT, 1, null);
        assertThat(drift.explanation().zh()).contains("‖θ_k − θ₀‖").contains("最大：客户端");
    }

    @Test
    void theLargestDistanceFromARoundOnIsTheMaximumOfTheHistory() throws IOException {
        Settings s = preset("hospitals");
        RoundEngine engine = new RoundEngine(s, DataSets.build(s, null));
        engine.runRounds(s.rounds());
        double max = 0;
        for (int t = 10; t <= s.rounds(); t++) {
            max = Math.max(max, engine.summary(t).distanceToOptimum());
        }
        assertThat(answer(s, AnswerKey.LARGEST_DISTANCE_FROM_ROUND, 10, null).value()).isEqualTo(max);
    }

    @Test
    void theMeanOfTheOwnFitsWeighsEachClientsLeastSquaresLineByItsRows() throws IOException {
        Settings s = preset("hospitals");
        FederatedData data = DataSets.build(s, null);
        double w = 0;
        double b = 0;
        for (int k = 0; k < data.clientCount(); k++) {
            double[] x = data.client(k).trainX();
            double[] y = data.client(k).trainY();
            double mx = 0, my = 0;
            for (int i = 0; i < x.length; i++) {
                mx += x[i] / x.length;
                my += y[i] / x.length;
            }
            double sxy = 0, sxx = 0;
            for (int i = 0; i < x.length; i++) {
                sxy += (x[i] - mx) * (y[i] - my);
                sxx += (x[i] - mx) * (x[i] - mx);
            }
            double p = (double) x.length / data.trainSize();
            w += p * sxy / sxx;
            b += p * (my - sxy / sxx * mx);
        }
        assertThat(answer(s, AnswerKey.OWN_FITS_MEAN_SLOPE, null, null).value()).isCloseTo(w, within(1e-9));
        assertThat(answer(s, AnswerKey.OWN_FITS_MEAN_INTERCEPT, null, null).value()).isCloseTo(b, within(1e-7));
    }

    @Test
    void answersAreDeterministic() throws IOException {
        Settings s = preset("hospitals");
        for (AnswerKey key : new AnswerKey[] {AnswerKey.GLOBAL_SLOPE_AFTER_ROUND, AnswerKey.CLIENT_LARGEST_DRIFT}) {
            Answer a = answer(s, key, 2, null);
            Answer b = answer(s, key, 2, null);
            assertThat(a).isEqualTo(b);
        }
    }

    @Test
    void toleranceAcceptsWithinAbsoluteOrRelative() {
        assertThat(new Lesson.Tolerance(0.01, null).accepts(0.594, 0.5841)).isTrue();
        assertThat(new Lesson.Tolerance(0.01, null).accepts(0.595, 0.5841)).isFalse();
        assertThat(new Lesson.Tolerance(null, 0.01).accepts(101, 100)).isTrue();
        assertThat(new Lesson.Tolerance(null, 0.01).accepts(101.5, 100)).isFalse();
        assertThat(new Lesson.Tolerance(0.0, null).accepts(0.1 + 0.2, 0.3)).isTrue();
        assertThat(new Lesson.Tolerance(0.0, null).accepts(Double.NaN, 0.3)).isFalse();
    }

    @Test
    void numbersInExplanationsAreRoundedForReading() {
        assertThat(Answers.fmt(0.13333333)).isEqualTo("0.1333");
        assertThat(Answers.fmt(2.0)).isEqualTo("2");
        assertThat(Answers.fmt(-0.5)).isEqualTo("-0.5");
        assertThat(Answers.fmt(0.00012345)).isEqualTo("0.000123");
        assertThat(Answers.fmt(5872.86531)).isEqualTo("5872.865");
        assertThat(Answers.fmt(81158.18981)).isEqualTo("81158.19");
        assertThat(Answers.fmt(8810953.7019)).isEqualTo("8810954");
        assertThat(Answers.fmt(1.1793e15)).isEqualTo("1.18e+15");
        assertThat(Answers.sub(12)).isEqualTo("₁₂");
    }
}
