package org.fedstep.app.inspector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fedstep.app.i18n.I18n;
import org.fedstep.app.run.Snapshot;
import org.fedstep.core.fl.ClientTraining;
import org.fedstep.core.fl.Phase;
import org.fedstep.core.fl.RoundEngine;
import org.fedstep.core.fl.strategy.Aggregation;
import org.fedstep.core.fl.strategy.ClientUpload;
import org.fedstep.core.fl.strategy.WeightedTerm;
import org.fedstep.core.model.Params;
import org.fedstep.core.settings.StrategySettings;
import org.fedstep.core.settings.TrainingSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The inspector's numbers are the engine's numbers: every term of a written-out sum is checked against the records,
 * and the arithmetic the line shows is redone here from the printed numbers.
 */
class PhaseExplainerTest {

    @BeforeEach
    void english() {
        I18n.use(Locale.ENGLISH, false);
    }

    @AfterEach
    void back() {
        I18n.use(Locale.ENGLISH, false);
    }

    // ------------------------------------------------------------------ aggregate

    @Test
    void fedAvgAggregationLineListsEveryTermAndAddsUpToTheNewGlobal() {
        Snapshot s = TestRuns.of(StrategySettings.FEDAVG).snapshotAt(2, Phase.AGGREGATE);
        Explanation e = PhaseExplainer.explain(s, -1);
        Aggregation a = s.detail().aggregate().aggregation();
        String line = line(e, "  θ_{t+1} = θ_t + Σ_k p_k Δ_k = ");
        String[] sides = splitLast(line.substring("  θ_{t+1} = θ_t + Σ_k p_k Δ_k = ".length()), " = ");
        assertEquals(Numbers.pair(s.original(a.newGlobal())), sides[1]);
        String[] parts = sides[0].split(" \\+ ");
        assertEquals(a.terms().size() + 1, parts.length, "θ_t and one term per upload");
        assertEquals(Numbers.pair(s.original(s.detail().broadcast().global())), parts[0]);
        double[] sum = pair(parts[0]);
        for (int i = 0; i < a.terms().size(); i++) {
            WeightedTerm t = a.terms().get(i);
            String[] fp = parts[i + 1].split("·", 2);
            assertEquals(Numbers.format(t.weight()), fp[0]);
            assertEquals(Numbers.pair(s.run().units().deltaToOriginal(t.delta())), fp[1]);
            double[] d = pair(fp[1]);
            sum[0] += number(fp[0]) * d[0];
            sum[1] += number(fp[0]) * d[1];
        }
        double[] shown = pair(sides[1]);
        assertEquals(shown[0], sum[0], 1e-5 * (1 + Math.abs(shown[0])));
        assertEquals(shown[1], sum[1], 1e-5 * (1 + Math.abs(shown[1])));
    }

    @Test
    void fedAvgWeightsAreSampleCountsOverTheirSumAndAddUpToOne() {
        TestRuns runs = TestRuns.of(StrategySettings.FEDAVG);
        Snapshot s = runs.snapshotAt(1, Phase.AGGREGATE);
        Explanation e = PhaseExplainer.explain(s, -1);
        int total = 0;
        for (int n : runs.sizes) {
            total += n;
        }
        double pSum = 0;
        for (int k = 0; k < runs.sizes.length; k++) {
            String expected = "  p_" + (k + 1) + " = n_" + (k + 1) + " / Σ n = " + runs.sizes[k] + " / " + total + " = "
                    + Numbers.format((double) runs.sizes[k] / total);
            assertTrue(e.formulas().contains(expected), "missing " + expected + " in\n" + e.formulaText());
            Explanation.Row row = e.rows().get(k);
            assertEquals(k, row.client());
            assertEquals(Numbers.format((double) runs.sizes[k] / total), row.cells().get(0));
            WeightedTerm term = s.detail().aggregate().aggregation().terms().get(k);
            assertEquals(Numbers.pair(term.weighted()), row.cells().get(1), "p_k·Δ_k");
            assertEquals(Numbers.pair(term.delta()), row.cells().get(2), "Δ_k");
            pSum += number(row.cells().get(0));
        }
        assertEquals(1.0, pSum, 1e-5);
        Explanation.Row total_ = e.rows().get(e.rows().size() - 1);
        assertEquals(Explanation.Kind.TOTAL, total_.kind());
        assertEquals("1", total_.cells().get(0));
        assertEquals(Numbers.pair(s.run().units().deltaToOriginal(s.detail().aggregate().aggregation().meanUpdate())),
                total_.cells().get(1));
    }

    @Test
    void aHundredClientsShowTheFirstThreeTermsAndTheLastButTheTableListsAll() {
        int[] sizes = new int[100];
        java.util.Arrays.fill(sizes, 20);
        Snapshot s = TestRuns.of(StrategySettings.FEDAVG).sizes(sizes).epochs(1).snapshotAt(1, Phase.AGGREGATE);
        Explanation e = PhaseExplainer.explain(s, -1);
        String line = line(e, "  θ_{t+1} = θ_t + Σ_k p_k Δ_k = ");
        String[] parts = splitLast(line.substring("  θ_{t+1} = θ_t + Σ_k p_k Δ_k = ".length()), " = ")[0]
                .split(" \\+ ");
        assertEquals(6, parts.length, "θ_t, three terms, …, the last term: " + line);
        assertEquals("…", parts[4]);
        WeightedTerm last = s.detail().aggregate().aggregation().terms().get(99);
        assertEquals(Numbers.format(last.weight()) + "·" + Numbers.pair(last.delta()), parts[5]);
        assertEquals(101, e.rows().size(), "100 clients and the sum");
        assertTrue(e.formulas().stream().filter(f -> f.startsWith("  p_")).count() == 4, e.formulaText());
    }

    @Test
    void standardisedFedAvgStillAddsUpInOriginalUnits() {
        Snapshot s = TestRuns.of(StrategySettings.FEDAVG).standardize().snapshotAt(1, Phase.AGGREGATE);
        Explanation e = PhaseExplainer.explain(s, -1);
        String line = line(e, "  θ_{t+1} = θ_t + Σ_k p_k Δ_k = ");
        String[] sides = splitLast(line.substring("  θ_{t+1} = θ_t + Σ_k p_k Δ_k = ".length()), " = ");
        Params next = s.original(s.detail().aggregate().aggregation().newGlobal());
        assertEquals(Numbers.pair(next), sides[1]);
        String[] parts = sides[0].split(" \\+ ");
        double[] sum = pair(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            String[] fp = parts[i].split("·", 2);
            double[] d = pair(fp[1]);
            sum[0] += number(fp[0]) * d[0];
            sum[1] += number(fp[0]) * d[1];
        }
        assertEquals(next.w(), sum[0], 1e-4 * (1 + Math.abs(next.w())));
        assertEquals(next.b(), sum[1], 1e-4 * (1 + Math.abs(next.b())));
        assertTrue(e.warnings().contains(I18n.t("insp.units.standardised")));
    }

    @Test
    void fedAvgMShowsTheVelocityAndTheServerStep() {
        Snapshot s = TestRuns.of(StrategySettings.FEDAVGM).snapshotAt(2, Phase.AGGREGATE);
        Explanation e = PhaseExplainer.explain(s, -1);
        Aggregation a = s.detail().aggregate().aggregation();
        double beta = s.run().settings().strategy().serverMomentum();
        String v = line(e, "  v_t = β v_{t−1} + Δ_t = ");
        assertEquals("  v_t = β v_{t−1} + Δ_t = " + Numbers.format(beta) + "·" + Numbers.pair(a.stateBefore().momentum())
                + " + " + Numbers.pair(a.meanUpdate()) + " = " + Numbers.pair(a.stateAfter().momentum()), v);
        String step = line(e, "  θ_{t+1} = θ_t + η_g v_t = ");
        assertTrue(step.endsWith(" = " + Numbers.pair(a.newGlobal())), step);
        // round 2: the velocity remembers round 1, so it is not just the mean update
        assertFalse(a.stateBefore().momentum().equals(Params.ZERO));
    }

    @Test
    void fedAdamShowsItsMomentsFromTheRecordAndSaysStandardisedRunsUseZScores() {
        Snapshot s = TestRuns.of(StrategySettings.FEDADAM).standardize().snapshotAt(2, Phase.AGGREGATE);
        Explanation e = PhaseExplainer.explain(s, -1);
        Aggregation a = s.detail().aggregate().aggregation();
        assertTrue(e.formulas().contains("  " + I18n.t("insp.aggregate.fedoptZ")), e.formulaText());
        assertTrue(line(e, "  m_t = β1 m_{t−1} + (1 − β1) Δ_t = ").endsWith(" = " + Numbers.pair(a.stateAfter().momentum())));
        assertTrue(line(e, "  v_t = β2 v_{t−1} + (1 − β2) Δ_t² = ").endsWith(" = " + Numbers.pair(a.stateAfter().variance())));
        assertTrue(line(e, "    w: ").endsWith(" = " + Numbers.format(a.serverStep().w())));
        // the step per coordinate is eta m / (sqrt(v) + tau), recomputed from the record
        double eta = s.run().settings().strategy().serverLearningRate();
        double tau = s.run().settings().strategy().tau();
        Params m = a.stateAfter().momentum();
        Params vv = a.stateAfter().variance();
        assertEquals(a.serverStep().w(), eta * m.w() / (Math.sqrt(vv.w()) + tau), 1e-12);
        assertTrue(e.formulaText().contains(Numbers.pair(s.original(a.newGlobal()))), "the original-units result");
    }

    @Test
    void fedYogiAndFedAdagradWriteTheirOwnSecondMoment() {
        Snapshot yogi = TestRuns.of(StrategySettings.FEDYOGI).snapshotAt(2, Phase.AGGREGATE);
        Aggregation a = yogi.detail().aggregate().aggregation();
        assertTrue(line(PhaseExplainer.explain(yogi, -1), "  v_t = v_{t−1} − (1 − β2) Δ_t² sign(v_{t−1} − Δ_t²) = ")
                .endsWith(" = " + Numbers.pair(a.stateAfter().variance())));
        Snapshot ada = TestRuns.of(StrategySettings.FEDADAGRAD).snapshotAt(2, Phase.AGGREGATE);
        Aggregation b = ada.detail().aggregate().aggregation();
        assertTrue(line(PhaseExplainer.explain(ada, -1), "  v_t = v_{t−1} + Δ_t² = ")
                .endsWith(" = " + Numbers.pair(b.stateAfter().variance())));
    }

    @Test
    void scaffoldShowsTheModelStepAndTheControlUpdate() {
        Snapshot s = TestRuns.of(StrategySettings.SCAFFOLD).fraction(0.5).snapshotAt(2, Phase.AGGREGATE);
        Explanation e = PhaseExplainer.explain(s, -1);
        Aggregation a = s.detail().aggregate().aggregation();
        assertTrue(line(e, "  θ_{t+1} = θ_t + η_g Σ_k p_k Δy_k = ").endsWith(" = " + Numbers.pair(a.newGlobal())));
        String c = line(e, "  c ← c + (|S|/N)·mean(Δc_k) = ");
        assertEquals("  c ← c + (|S|/N)·mean(Δc_k) = " + Numbers.pair(a.stateBefore().control()) + " + (2/4)·"
                + Numbers.pair(a.controlMean()) + " = " + Numbers.pair(a.stateAfter().control()), c);
    }

    @Test
    void scaffoldWeightedBySamplesShowsTheRowShareOfItsControlUpdate() {
        // clients of 30, 50, 70 and 100 rows (250 in all); with C = 0.5 two of them upload
        Snapshot s = TestRuns.of(StrategySettings.SCAFFOLD).weighting(StrategySettings.WEIGHT_BY_SAMPLES).fraction(0.5)
                .snapshotAt(2, Phase.AGGREGATE);
        Aggregation a = s.detail().aggregate().aggregation();
        int[] sizes = {30, 50, 70, 100};
        int rows = 0;
        for (WeightedTerm t : a.terms()) {
            rows += sizes[t.client()];
        }
        String c = line(PhaseExplainer.explain(s, -1), "  c ← c + (n_S/n_all)·Σ_k p_k Δc_k = ");
        assertEquals("  c ← c + (n_S/n_all)·Σ_k p_k Δc_k = " + Numbers.pair(a.stateBefore().control()) + " + ("
                + rows + "/250)·" + Numbers.pair(a.controlMean()) + " = " + Numbers.pair(a.stateAfter().control()), c);
    }

    // ------------------------------------------------------------------ local training

    @Test
    void theWorkedFirstStepIsTheEnginesFirstStep() {
        for (String strategy : List.of(StrategySettings.FEDAVG, StrategySettings.FEDPROX, StrategySettings.FEDSGD)) {
            for (boolean standardise : new boolean[] {false, true}) {
                TestRuns runs = TestRuns.of(strategy);
                if (standardise) {
                    runs.standardize();
                }
                checkFirstSteps(runs.snapshotAt(2, Phase.LOCAL_TRAINING), 1e-12);
            }
        }
        checkFirstSteps(TestRuns.of(StrategySettings.FEDAVG).optimizer(TrainingSettings.MOMENTUM)
                .snapshotAt(1, Phase.LOCAL_TRAINING), 1e-12);
        checkFirstSteps(TestRuns.of(StrategySettings.FEDAVG).optimizer(TrainingSettings.ADAM)
                .snapshotAt(1, Phase.LOCAL_TRAINING), 1e-12);
    }

    @Test
    void scaffoldsFirstStepCarriesTheControlCorrection() {
        // round 2: the controls are no longer zero
        Snapshot s = TestRuns.of(StrategySettings.SCAFFOLD).snapshotAt(2, Phase.LOCAL_TRAINING);
        ClientTraining t = s.detail().localTraining().clients().get(0);
        assertFalse(t.controlBefore().equals(Params.ZERO));
        checkFirstSteps(s, 1e-12);
        Explanation e = PhaseExplainer.explain(s, t.client());
        assertTrue(e.formulaText().contains("− c_" + (t.client() + 1) + " + c = "), e.formulaText());
    }

    @Test
    void miniBatchFirstStepReadsTheGradientOffThePath() {
        Snapshot s = TestRuns.of(StrategySettings.FEDAVG).batch(10).snapshotAt(1, Phase.LOCAL_TRAINING);
        ClientTraining t = s.detail().localTraining().clients().get(1);
        PhaseExplainer.FirstStep step = PhaseExplainer.firstStepOf(s, t.client());
        double eta = s.run().settings().training().learningRate();
        Params back = t.path().at(0).minus(step.gradient().times(eta));
        assertEquals(t.path().at(1).w(), back.w(), 1e-12);
        assertEquals(t.path().at(1).b(), back.b(), 1e-12);
        assertTrue(step.lines().get(step.lines().size() - 1).endsWith(" = " + Numbers.pair(t.path().at(1))));
    }

    @Test
    void localTrainingTableHasEachSampledClientsNumbersAndTheFocusedClientIsWorkedOut() {
        Snapshot s = TestRuns.of(StrategySettings.FEDAVG).fraction(0.75).snapshotAt(1, Phase.LOCAL_TRAINING);
        List<ClientTraining> clients = s.detail().localTraining().clients();
        int focus = clients.get(clients.size() - 1).client();
        Explanation e = PhaseExplainer.explain(s, focus);
        assertEquals(focus, e.example());
        assertEquals(clients.size(), e.rows().size());
        for (int i = 0; i < clients.size(); i++) {
            ClientTraining t = clients.get(i);
            Explanation.Row row = e.rows().get(i);
            assertEquals(t.client(), row.client());
            assertEquals(List.of(Integer.toString(t.samples()), Integer.toString(t.steps()),
                    Numbers.format(t.lossBefore()) + " → " + Numbers.format(t.lossAfter()),
                    Numbers.pair(s.original(t.start())), Numbers.pair(s.original(t.end()))), row.cells());
        }
        assertTrue(e.formulas().contains(I18n.t("insp.training.example", s.run().clientName(focus),
                Integer.toString(focus + 1))));
    }

    private static void checkFirstSteps(Snapshot s, double tol) {
        for (ClientTraining t : s.detail().localTraining().clients()) {
            PhaseExplainer.FirstStep step = PhaseExplainer.firstStepOf(s, t.client());
            assertNotNull(step.computed(), "full batch: the step is worked out from the data");
            assertEquals(t.path().at(1).w(), step.computed().w(), tol * (1 + Math.abs(t.path().at(1).w())));
            assertEquals(t.path().at(1).b(), step.computed().b(), tol * (1 + Math.abs(t.path().at(1).b())));
            assertTrue(step.lines().get(step.lines().size() - 1).endsWith(" = " + Numbers.pair(t.path().at(1))));
        }
    }

    // ------------------------------------------------------------------ broadcast, upload, update

    @Test
    void broadcastSendsTheGlobalModelToTheSampledAndListsTheOthersAsNotSampled() {
        Snapshot s = TestRuns.of(StrategySettings.FEDAVG).fraction(0.5).snapshotAt(2, Phase.BROADCAST);
        Explanation e = PhaseExplainer.explain(s, -1);
        assertEquals(s.run().clientCount(), e.rows().size());
        String theta = Numbers.pair(s.original(s.detail().broadcast().global()));
        int muted = 0;
        for (Explanation.Row r : e.rows()) {
            if (s.detail().broadcast().recipients().contains(r.client())) {
                assertEquals(theta, r.cells().get(1));
                assertEquals(Explanation.Kind.NORMAL, r.kind());
            } else {
                assertEquals(I18n.t("insp.notSampled"), r.cells().get(0));
                assertEquals(Explanation.Kind.MUTED, r.kind());
                muted++;
            }
        }
        assertEquals(2, muted);
        assertTrue(e.formulaText().contains("= 2   (2 of 4 clients)"), e.formulaText());
    }

    @Test
    void uploadShowsEachDeltaItsCountAndWeightAndMarksDroppedClients() {
        // find a seed-free setting where someone drops out: a high dropout probability over a few rounds
        Snapshot s = null;
        for (int round = 1; round <= 10; round++) {
            Snapshot c = TestRuns.of(StrategySettings.FEDAVG).dropout(0.5).snapshotAt(round, Phase.UPLOAD);
            if (!c.detail().upload().droppedOut().isEmpty() && !c.detail().upload().uploads().isEmpty()) {
                s = c;
                break;
            }
        }
        assertNotNull(s, "some round has both a dropout and an upload");
        Explanation e = PhaseExplainer.explain(s, -1);
        double sum = 0;
        int total = 0;
        for (ClientUpload u : s.detail().upload().uploads()) {
            total += u.samples();
        }
        for (Explanation.Row r : e.rows()) {
            ClientUpload u = s.detail().upload().uploads().stream().filter(x -> x.client() == r.client()).findFirst()
                    .orElse(null);
            if (u == null) {
                assertTrue(s.detail().upload().droppedOut().contains(r.client()));
                assertEquals(I18n.t("insp.dropped"), r.cells().get(0));
                assertEquals(Explanation.Kind.MUTED, r.kind());
            } else {
                assertEquals(List.of(Numbers.pair(s.run().units().deltaToOriginal(u.delta())),
                        Integer.toString(u.samples()), Numbers.format((double) u.samples() / total)), r.cells());
                sum += u.weight();
            }
        }
        assertEquals(1.0, sum, 1e-12);
        assertTrue(e.formulaText().contains(" = " + total + "\n"), "Σ n over the uploads that arrived");
    }

    @Test
    void updateShowsTheLossesAndTheDistanceOfTheRecord() {
        Snapshot s = TestRuns.of(StrategySettings.FEDAVG).snapshotAt(3, Phase.UPDATE);
        Explanation e = PhaseExplainer.explain(s, -1);
        var ev = s.detail().update().evaluation();
        for (int k = 0; k < s.run().clientCount(); k++) {
            Explanation.Row r = e.rows().get(k);
            assertEquals(Numbers.format(ev.clientLosses().get(k)), r.cells().get(2));
            assertEquals(Numbers.format(s.history().get(2).lossUnderGlobal(k)), r.cells().get(1));
        }
        assertTrue(line(e, "  J(θ_{t+1}) = (1/n) Σ ").endsWith(" = " + Numbers.format(ev.trainLoss())));
        assertTrue(line(e, "  ‖θ_{t+1} − θ*‖ = ").endsWith(" = " + Numbers.format(ev.distanceToOptimum())));
        assertTrue(e.formulaText().contains(Numbers.format(ev.testLoss())));
        // the distance is what it says: recomputed from the two pairs shown
        Params next = s.original(s.detail().update().global());
        assertEquals(ev.distanceToOptimum(), next.distanceTo(s.run().optimum()), 1e-9);
    }

    // ------------------------------------------------------------------ start, divergence, every case

    @Test
    void startExplainsWhatWillHappenAndListsTheClients() {
        Snapshot s = TestRuns.snapshot(TestRuns.of(StrategySettings.FEDAVG).engine());
        Explanation e = PhaseExplainer.explain(s, -1);
        assertEquals(I18n.t("insp.start.title"), e.title());
        assertEquals(4, e.rows().size());
        assertTrue(e.formulaText().contains("θ_0 = (w, b) = (0, 0)"));
    }

    @Test
    void aDivergedRoundSaysWhereAndShowsTheHintWithoutThrowing() {
        TestRuns runs = TestRuns.of(StrategySettings.FEDAVG).learningRate(5.0).epochs(20);
        RoundEngine engine = runs.at(5, Phase.UPDATE);
        assertNotNull(engine.divergence(), "a learning rate of 5 on x in [0, 10) diverges");
        Snapshot s = TestRuns.snapshot(engine);
        Explanation e = PhaseExplainer.explain(s, -1);
        assertTrue(e.warnings().stream().anyMatch(w -> w.contains(engine.divergence().hint())), e.warnings().toString());
        assertTrue(e.title().contains(I18n.t("phase." + engine.divergence().phase().key())));
    }

    @Test
    void everyStrategyAndPhaseExplainsInBothLanguagesWithNoPlaceholderLeft() {
        for (Locale language : I18n.LANGUAGES) {
            I18n.use(language, false);
            for (String kind : StrategySettings.KINDS) {
                for (boolean standardise : new boolean[] {false, true}) {
                    // FedAsync has every client working at its own pace: no sampling, no drop-outs
                    boolean async = StrategySettings.FEDASYNC.equals(kind);
                    TestRuns runs = TestRuns.of(kind).fraction(async ? 1 : 0.75).dropout(
                            StrategySettings.FEDSGD.equals(kind) || async ? 0 : 0.3);
                    if (standardise) {
                        runs.standardize();
                    }
                    RoundEngine engine = runs.engine();
                    List<String> all = new ArrayList<>();
                    for (int i = 0; i < 11; i++) {
                        Snapshot s = TestRuns.snapshot(engine);
                        for (int focus = -1; focus < 4; focus++) {
                            Explanation e = PhaseExplainer.explain(s, focus);
                            all.add(e.title());
                            all.add(e.summary());
                            all.add(e.caption());
                            all.addAll(e.warnings());
                            all.addAll(e.formulas());
                            all.addAll(e.columns());
                            for (Explanation.Row r : e.rows()) {
                                assertEquals(e.columns().size() - 1, r.cells().size(), kind + " " + s.position());
                            }
                        }
                        engine.stepPhase();
                    }
                    for (String text : all) {
                        assertFalse(text.matches(".*\\{\\d.*"), "unfilled placeholder in " + text);
                        assertFalse(text.contains("NaN") || text.contains("Infinity"), text);
                    }
                }
            }
        }
    }

    @Test
    void bothBundlesHaveTheSameKeys() throws Exception {
        java.util.Properties en = new java.util.Properties();
        java.util.Properties zh = new java.util.Properties();
        try (var a = getClass().getResourceAsStream("/org/fedstep/app/i18n/inspector.properties");
             var b = new java.io.InputStreamReader(getClass().getResourceAsStream(
                     "/org/fedstep/app/i18n/inspector_zh.properties"), java.nio.charset.StandardCharsets.UTF_8)) {
            en.load(new java.io.InputStreamReader(a, java.nio.charset.StandardCharsets.UTF_8));
            zh.load(b);
        }
        assertEquals(en.keySet(), zh.keySet());
    }

    // ------------------------------------------------------------------ reading numbers back

    private static String line(Explanation e, String prefix) {
        return e.formulas().stream().filter(f -> f.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting \"" + prefix + "\" in\n" + e.formulaText()));
    }

    private static String[] splitLast(String s, String sep) {
        int i = s.lastIndexOf(sep);
        return new String[] {s.substring(0, i), s.substring(i + sep.length())};
    }

    static double number(String s) {
        String t = s.trim().replace('−', '-');
        if (t.startsWith("(") && t.endsWith(")")) {
            t = t.substring(1, t.length() - 1);
        }
        return Double.parseDouble(t);
    }

    static double[] pair(String s) {
        String t = s.trim();
        String[] p = t.substring(1, t.length() - 1).split(", ");
        return new double[] {number(p[0]), number(p[1])};
    }
}
