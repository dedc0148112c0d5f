package org.fedstep.app.inspector;

import java.util.ArrayList;
import java.util.List;
import org.fedstep.app.i18n.I18n;
import org.fedstep.app.run.RunInfo;
import org.fedstep.app.run.Snapshot;
import org.fedstep.core.data.ClientData;
import org.fedstep.core.fl.AggregateRecord;
import org.fedstep.core.fl.BroadcastRecord;
import org.fedstep.core.fl.ClientTraining;
import org.fedstep.core.fl.Divergence;
import org.fedstep.core.fl.Evaluation;
import org.fedstep.core.fl.LocalTrainingRecord;
import org.fedstep.core.fl.Phase;
import org.fedstep.core.fl.RoundDetail;
import org.fedstep.core.fl.RoundSummary;
import org.fedstep.core.fl.UpdateRecord;
import org.fedstep.core.fl.UploadProcessing;
import org.fedstep.core.fl.UploadRecord;
import org.fedstep.core.fl.strategy.Aggregation;
import org.fedstep.core.fl.strategy.ClientUpload;
import org.fedstep.core.fl.strategy.WeightedTerm;
import org.fedstep.core.model.Mse;
import org.fedstep.core.model.Params;
import org.fedstep.core.model.Standardization;
import org.fedstep.core.privacy.SecureAggregationRecord;
import org.fedstep.core.settings.StrategySettings;
import org.fedstep.core.settings.TrainingSettings;

/**
 * Turns a snapshot into what the inspector shows: the phase's title and one plain sentence, the table of what crossed
 * the wire, and the phase's formulas written out with the run's own numbers, in DESIGN.md's notation. Pure: no
 * JavaFX, and nothing federated is computed here; the numbers come from the engine's records, converted to original
 * units (models with {@link Standardization#toOriginal}, updates with {@link Standardization#deltaToOriginal}). The one
 * piece of arithmetic it does itself is the worked first step of local training, written out from the client's data.
 */
public final class PhaseExplainer {

    private static final String DOT = "·";

    private final Snapshot s;
    private final RunInfo run;
    private final Standardization units;
    private final boolean standardised;
    private final int focused;
    private final List<String> warnings = new ArrayList<>();
    private final List<String> formulas = new ArrayList<>();
    private final List<Explanation.Row> rows = new ArrayList<>();
    private List<String> columns = List.of();
    private String caption = "";
    private int example = -1;

    private PhaseExplainer(Snapshot s, int focused) {
        this.s = s;
        this.run = s.run();
        this.units = run.units();
        this.standardised = !units.isIdentity();
        this.focused = focused;
    }

    /**
     * What to show for the snapshot's phase.
     *
     * @param focusedClient the client in focus (its numbers are worked out when it took part), or -1
     */
    public static Explanation explain(Snapshot s, int focusedClient) {
        return new PhaseExplainer(s, focusedClient).build();
    }

    private Explanation build() {
        if (s.atStart()) {
            start();
            return new Explanation(I18n.t("insp.start.title"), I18n.t("insp.start.summary"), warnings, caption,
                    columns, rows, formulas, example);
        }
        Phase phase = s.phase();
        RoundDetail d = s.detail();
        String title = I18n.t("insp.title", str(s.position().round()), str(phase.number()),
                I18n.t("phase." + phase.key()));
        String summaryKey = "insp.summary." + phase.key();
        String summary = I18n.t(I18n.has(summaryKey + run.phaseVariant()) ? summaryKey + run.phaseVariant() : summaryKey);
        Divergence div = d == null ? null : d.divergence();
        if (div != null && div.phase() == phase) {
            warnings.add(I18n.t("insp.diverged", str(div.round()), I18n.t("phase." + phase.key()),
                    div.client() >= 0 ? I18n.t("insp.diverged.client", run.clientName(div.client())) : "",
                    div.hint()));
        }
        if (d == null || d.record(phase) == null) {
            warnings.add(I18n.t("insp.noRecord"));
            return new Explanation(title, summary, warnings, caption, columns, rows, formulas, example);
        }
        if (standardised) {
            warnings.add(I18n.t("insp.units.standardised"));
        }
        switch (phase) {
            case BROADCAST -> broadcast(d.broadcast());
            case LOCAL_TRAINING -> localTraining(d.broadcast(), d.localTraining());
            case UPLOAD -> upload(d.broadcast(), d.upload());
            case AGGREGATE -> aggregate(d.broadcast(), d.upload(), d.aggregate());
            case UPDATE -> update(d.update());
            default -> { }
        }
        return new Explanation(title, summary, warnings, caption, columns, rows, formulas, example);
    }

    // ------------------------------------------------------------------ start

    private void start() {
        caption = I18n.t("insp.start.caption");
        columns = List.of(I18n.t("insp.col.client"), I18n.t("insp.col.rows"), ownFitColumn(run));
        for (int k = 0; k < run.clientCount(); k++) {
            var summary = run.summaries().get(k);
            rows.add(new Explanation.Row(k, run.clientName(k), List.of(str(summary.size()),
                    summary.ownFit() == null ? "–" : Numbers.pair(summary.ownFit())), Explanation.Kind.NORMAL));
        }
        Params initial = s.globalOriginal();
        formulas.add(I18n.t("insp.start.model"));
        formulas.add("  " + modelFormula(run.degree()) + ",   J = (1/n) Σ (ŷ − y)²");
        formulas.add("  θ_0 = " + Numbers.coordinateNames(initial.size()) + " = " + Numbers.pair(initial) + "   →   "
                + Numbers.line(initial));
        if (!s.history().isEmpty()) {
            formulas.add("  J(θ_0) = " + Numbers.format(s.history().get(0).trainLoss()));
        }
        formulas.add("");
        formulas.add(I18n.t("insp.start.strategy", strategyName()));
        formulas.add("  " + samplingLine());
        formulas.add("");
        formulas.add(I18n.t("insp.start.phases"));
        for (Phase p : Phase.values()) {
            formulas.add("  " + p.number() + ". " + I18n.t("phase." + p.key()) + ": "
                    + I18n.t("insp.summary." + p.key()));
        }
        formulas.add("");
        formulas.add(I18n.t("insp.start.next"));
    }

    private String samplingLine() {
        if (run.settings().strategy().isAsync()) {
            return I18n.t("insp.sampling.async", str(run.clientCount()));
        }
        double c = run.settings().strategy().clientFraction();
        int k = run.clientCount();
        return "m = max(round(C" + DOT + "K), 1) = max(round(" + Numbers.format(c) + DOT + k + "), 1) = "
                + run.sampledPerRound() + "   " + I18n.t("insp.sampling", str(run.sampledPerRound()), str(k));
    }

    // ------------------------------------------------------------------ 1. broadcast

    private void broadcast(BroadcastRecord b) {
        boolean scaffold = b.serverControl() != null;
        caption = I18n.t("insp.broadcast.caption");
        if (AsyncLines.applies(s)) {
            List<String> cols = new ArrayList<>();
            new AsyncLines(s).broadcast(b, cols, rows, formulas);
            columns = cols;
            return;
        }
        List<String> cols = new ArrayList<>(List.of(I18n.t("insp.col.client"), I18n.t("insp.col.receives"),
                "θ_t = " + Numbers.coordinateNames(run.degree() + 1)));
        if (scaffold) {
            cols.add("c");
        }
        columns = cols;
        String theta = Numbers.pair(s.original(b.global()));
        for (int k = 0; k < run.clientCount(); k++) {
            if (b.recipients().contains(k)) {
                List<String> cells = new ArrayList<>(List.of(I18n.t("insp.broadcast.sent"), theta));
                if (scaffold) {
                    cells.add(Numbers.pair(b.serverControl()));
                }
                rows.add(new Explanation.Row(k, run.clientName(k), cells, Explanation.Kind.NORMAL));
            } else {
                List<String> cells = new ArrayList<>(List.of(I18n.t("insp.notSampled"), "–"));
                if (scaffold) {
                    cells.add("–");
                }
                rows.add(new Explanation.Row(k, run.clientName(k), cells, Explanation.Kind.MUTED));
            }
        }
        Params g = s.original(b.global());
        formulas.add(I18n.t("insp.broadcast.model"));
        formulas.add("  θ_t = " + Numbers.coordinateNames(g.size()) + " = " + Numbers.pair(g) + "   →   "
                + Numbers.line(g));
        formulas.add("");
        formulas.add(I18n.t("insp.broadcast.sampling"));
        formulas.add("  " + samplingLine());
        if (!b.notSampled().isEmpty()) {
            formulas.add("  " + I18n.t("insp.broadcast.notSampled", names(b.notSampled())));
        }
        if (scaffold) {
            formulas.add("");
            formulas.add(I18n.t("insp.broadcast.control"));
            formulas.add("  c = " + Numbers.pair(b.serverControl()) + trainingSpaceTag());
        }
        formulas.add("");
        formulas.add(noDataLine(run));
    }

    // ------------------------------------------------------------------ 2. local training

    private void localTraining(BroadcastRecord b, LocalTrainingRecord lt) {
        caption = I18n.t("insp.training.caption");
        columns = List.of(I18n.t("insp.col.client"), "n_k", I18n.t("insp.col.steps"), "J_k: " + I18n.t("insp.col.beforeAfter"),
                I18n.t("insp.col.start"), I18n.t("insp.col.end"));
        for (ClientTraining t : lt.clients()) {
            rows.add(new Explanation.Row(t.client(), run.clientName(t.client()), List.of(str(t.samples()),
                    str(t.steps()), Numbers.format(t.lossBefore()) + " → " + Numbers.format(t.lossAfter()),
                    Numbers.pair(s.original(t.start())), Numbers.pair(s.original(t.end()))),
                    Explanation.Kind.NORMAL));
        }
        UploadRecord.Arrival arrival = s.detail().upload() == null ? null : s.detail().upload().arrival();
        if (arrival != null && !lt.clients().isEmpty()) {
            new AsyncLines(s).training(lt.clients().get(0).client(), arrival.originRound(), formulas);
        }
        TrainingSettings tr = run.settings().training();
        StrategySettings st = run.settings().strategy();
        double eta = tr.learningRate();
        String batch = tr.batchSize().isFull() ? I18n.t("insp.training.fullBatch") : str(tr.batchSize().size());
        formulas.add(I18n.t("insp.training.setup", str(tr.localEpochs()), batch, Numbers.format(eta)));
        formulas.add("  " + I18n.t("insp.training.steps"));
        formulas.add("");
        formulas.add(I18n.t("insp.training.loss"));
        formulas.add("  J_k(θ) = (1/n_k) Σ (ŷ − y)²,   " + modelFormula(run.degree()));
        formulas.add("  dJ/dw = (2/n) Σ (ŷ − y) x,   dJ/db = (2/n) Σ (ŷ − y)");
        if (run.degree() > 1) {
            formulas.add("  dJ/w_j = (2/n) Σ (ŷ − y) xʲ,   j = 2 … " + run.degree());
        }
        formulas.add("");
        formulas.add(I18n.t("insp.training.rule"));
        boolean prox = StrategySettings.FEDPROX.equals(st.kind());
        boolean scaffold = StrategySettings.SCAFFOLD.equals(st.kind());
        String g = "g = ∇J_k(θ)";
        if (prox) {
            g += " + μ (θ − θ_t),   μ = " + Numbers.format(st.mu());
        }
        if (scaffold) {
            g += " − c_k + c";
        }
        formulas.add("  " + g);
        String opt = tr.optimizer();
        if (TrainingSettings.MOMENTUM.equals(opt)) {
            formulas.add("  v ← β v + g,   θ ← θ − η v,   β = " + Numbers.format(tr.momentum()) + ",  η = "
                    + Numbers.format(eta) + "   " + I18n.t("insp.training.freshState"));
        } else if (TrainingSettings.ADAM.equals(opt)) {
            formulas.add("  m ← β1 m + (1 − β1) g,   v ← β2 v + (1 − β2) g²");
            formulas.add("  m̂ = m / (1 − β1^t),   v̂ = v / (1 − β2^t),   θ ← θ − η m̂ / (√v̂ + ε)");
            formulas.add("  β1 = " + Numbers.format(tr.beta1()) + ",  β2 = " + Numbers.format(tr.beta2())
                    + ",  ε = " + Numbers.format(tr.epsilon()) + ",  η = " + Numbers.format(eta) + "   "
                    + I18n.t("insp.training.freshState"));
        } else {
            formulas.add("  θ ← θ − η g,   η = " + Numbers.format(eta));
        }
        if (prox) {
            formulas.add("  " + I18n.t("insp.training.prox"));
        }
        if (scaffold) {
            formulas.add("  " + I18n.t("insp.training.scaffold"));
            formulas.add("  c_k⁺ = c_k − c + (θ_t − θ_k) / (K_steps" + DOT + "η)");
        }
        ClientTraining t = exampleTraining(lt);
        if (t == null) {
            return;
        }
        example = t.client();
        formulas.add("");
        formulas.add(I18n.t("insp.training.example", run.clientName(t.client()), str(t.client() + 1)));
        if (standardised) {
            formulas.add("  " + I18n.t("insp.training.zUnits"));
        }
        FirstStep step = firstStep(b, t);
        formulas.addAll(step.lines());
        if (scaffold && t.controlBefore() != null && t.controlAfter() != null) {
            formulas.add("  c_" + (t.client() + 1) + "⁺ = " + Numbers.pair(t.controlAfter()) + trainingSpaceTag());
        }
        formulas.add("  " + I18n.t("insp.training.after", str(t.steps()), Numbers.pair(t.end()),
                Numbers.format(t.lossBefore()), Numbers.format(t.lossAfter()))
                + (standardised ? "  " + I18n.t("insp.training.original", Numbers.pair(s.original(t.end()))) : ""));
    }

    private ClientTraining exampleTraining(LocalTrainingRecord lt) {
        if (lt.clients().isEmpty()) {
            return null;
        }
        for (ClientTraining t : lt.clients()) {
            if (t.client() == focused) {
                return t;
            }
        }
        return lt.clients().get(0);
    }

    /** The worked first step of a client in the snapshot's round (local training reached), for tests. */
    static FirstStep firstStepOf(Snapshot s, int client) {
        return new PhaseExplainer(s, client).firstStep(s.detail().broadcast(), s.training(client));
    }

    /**
     * The client's first step written out: with the full batch, the gradient from its own rows (in the training
     * space) and the optimiser's first step; with mini-batches, the batch is not recorded, so the step is read off the
     * path. The result shown is the engine's θ_1.
     */
    FirstStep firstStep(BroadcastRecord b, ClientTraining t) {
        List<String> lines = new ArrayList<>();
        TrainingSettings tr = run.settings().training();
        StrategySettings st = run.settings().strategy();
        double eta = tr.learningRate();
        String k = str(t.client() + 1);
        if (t.path() == null || t.path().size() < 2) {
            lines.add("  " + I18n.t("insp.training.noSteps"));
            return new FirstStep(lines, null, null);
        }
        Params p0 = t.path().at(0);
        Params p1 = t.path().at(1);
        boolean adam = TrainingSettings.ADAM.equals(tr.optimizer());
        Params g = null;
        Params computed = null;
        lines.add("  θ_0 = θ_t = " + Numbers.pair(p0));
        if (tr.batchSize().isFull()) {
            ClientData data = run.data().client(t.client());
            int n = data.trainSize();
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = units.toModelX(data.trainX(i));
                y[i] = units.toModelY(data.trainY(i));
            }
            // the loss's gradient as Mse states it; the engine's trainer has its own loop, so the two check each other
            Params grad = Mse.gradient(p0, x, y);
            lines.add("  dJ/dw = (2/" + n + ") Σ (ŷ − y) x = " + Numbers.format(grad.w()) + ",   dJ/db = (2/" + n
                    + ") Σ (ŷ − y) = " + Numbers.format(grad.b()));
            for (int j = 2; j < grad.size(); j++) {
                lines.add("  dJ/" + Numbers.coordinateName(j) + " = (2/" + n + ") Σ (ŷ − y) x"
                        + Numbers.superscript(j) + " = " + Numbers.format(grad.get(j)));
            }
            g = grad;
            if (StrategySettings.FEDPROX.equals(st.kind())) {
                lines.add("  μ (θ_0 − θ_t) = 0   " + I18n.t("insp.training.proxZero"));
            }
            if (StrategySettings.SCAFFOLD.equals(st.kind()) && t.controlBefore() != null
                    && b.serverControl() != null) {
                Params corr = b.serverControl().minus(t.controlBefore());
                lines.add("  − c_" + k + " + c = −" + Numbers.pair(t.controlBefore()) + " + "
                        + Numbers.pair(b.serverControl()) + " = " + Numbers.pair(corr));
                g = grad.plus(corr);
                lines.add("  g = " + Numbers.pair(grad) + " + " + Numbers.pair(corr) + " = " + Numbers.pair(g));
            } else {
                lines.add("  g = ∇J_" + k + "(θ_0) = " + Numbers.pair(g));
            }
            if (adam) {
                double e = tr.epsilon();
                Params direction = g.map(gi -> gi / (Math.abs(gi) + e));
                computed = p0.minus(direction.times(eta));
                lines.add("  " + I18n.t("insp.training.adamFirst"));
                lines.add("  θ_1 = θ_0 − η g / (|g| + ε) = " + Numbers.pair(p0) + " − " + Numbers.format(eta)
                        + DOT + Numbers.pair(direction) + " = " + Numbers.pair(p1));
            } else {
                computed = p0.minus(g.times(eta));
                if (TrainingSettings.MOMENTUM.equals(tr.optimizer())) {
                    lines.add("  " + I18n.t("insp.training.momentumFirst"));
                }
                lines.add("  θ_1 = θ_0 − η g = " + Numbers.pair(p0) + " − " + Numbers.format(eta) + DOT
                        + Numbers.pair(g) + " = " + Numbers.pair(p1));
            }
        } else {
            lines.add("  " + I18n.t("insp.training.miniBatch", str(tr.batchSize().forRows(t.samples()))));
            if (adam) {
                lines.add("  " + I18n.t("insp.training.adamFirst"));
                lines.add("  θ_1 = θ_0 − η g / (|g| + ε) = " + Numbers.pair(p0) + " + "
                        + Numbers.pair(p1.minus(p0)) + " = " + Numbers.pair(p1));
            } else {
                g = p0.minus(p1).times(1 / eta);
                if (TrainingSettings.MOMENTUM.equals(tr.optimizer())) {
                    lines.add("  " + I18n.t("insp.training.momentumFirst"));
                }
                lines.add("  g = (θ_0 − θ_1) / η = " + Numbers.pair(g));
                lines.add("  θ_1 = θ_0 − η g = " + Numbers.pair(p0) + " − " + Numbers.format(eta) + DOT
                        + Numbers.pair(g) + " = " + Numbers.pair(p1));
            }
        }
        return new FirstStep(lines, g, computed);
    }

    /**
     * The worked first step.
     *
     * @param gradient the g of the first step in the training space (null when it cannot be known)
     * @param computed θ_1 as worked out here from the client's rows (null with mini-batches); the lines show the
     *                 engine's θ_1, and tests check that the two agree
     */
    record FirstStep(List<String> lines, Params gradient, Params computed) { }

    // ------------------------------------------------------------------ 3. upload

    private void upload(BroadcastRecord b, UploadRecord u) {
        boolean scaffold = u.uploads().stream().anyMatch(x -> x.controlDelta() != null);
        Safeguards guard = new Safeguards(s);
        boolean secure = u.secure() != null;
        caption = I18n.t("insp.upload.caption");
        List<String> cols = new ArrayList<>(List.of(I18n.t("insp.col.client"),
                guard.changesUpdates() ? I18n.t("insp.col.trained", Numbers.deltaNames(run.degree() + 1))
                        + guard.columnTag() : "Δ_k = " + Numbers.deltaNames(run.degree() + 1)));
        List<String> extra = guard.uploadColumns();
        cols.addAll(extra);
        // FedAsync weighs by staleness, not p_k: its weight comes in the aggregate phase
        boolean async = u.arrival() != null;
        cols.add("n_k");
        if (!async) {
            cols.add("p_k");
        }
        if (scaffold) {
            cols.add("Δc_k");
        }
        if (secure) {
            cols.add(Safeguards.maskedColumn(u.secure()));
        }
        if (u.arrival() != null) {
            cols.addAll(AsyncLines.uploadColumns());
        }
        columns = cols;
        // the clients that trained this round: the broadcast's, or in an asynchronous round the one that finished
        List<Integer> senders = u.arrival() != null ? u.uploads().stream().map(ClientUpload::client).toList()
                : b.recipients();
        for (int k : senders) {
            ClientUpload up = uploadOf(u, k);
            if (up != null) {
                UploadProcessing p = u.processingOf(k);
                Params trained = p == null ? up.delta() : p.trained();
                List<String> cells = new ArrayList<>(List.of(Numbers.pair(guard.changesUpdates()
                        ? guard.shown(trained) : delta(trained))));
                cells.addAll(guard.uploadCells(p, up));
                cells.add(str(up.samples()));
                if (!async) {
                    cells.add(Numbers.format(up.weight()));
                }
                if (scaffold) {
                    cells.add(up.controlDelta() == null ? "–" : Numbers.pair(up.controlDelta()));
                }
                if (secure) {
                    cells.add(Safeguards.maskedCell(u.secure(), k));
                }
                if (u.arrival() != null) {
                    cells.addAll(new AsyncLines(s).uploadCells(u.arrival()));
                }
                rows.add(new Explanation.Row(k, run.clientName(k), cells, Safeguards.flagged(p)
                        ? Explanation.Kind.FLAGGED : Explanation.Kind.NORMAL));
            } else if (u.droppedOut().contains(k)) {
                List<String> cells = new ArrayList<>(List.of(I18n.t("insp.dropped")));
                while (cells.size() < cols.size() - 1) {
                    cells.add("–");
                }
                rows.add(new Explanation.Row(k, run.clientName(k), cells, Explanation.Kind.MUTED));
            }
        }
        // the model the update is measured from: the broadcast's, or the older one an asynchronous client trained from
        Params theta = s.original(u.arrival() != null ? u.arrival().origin() : b.global());
        String from = u.arrival() != null ? "θ" + Numbers.subscript(u.arrival().originRound()) : "θ_t";
        formulas.add(I18n.t("insp.upload.delta"));
        // the client worked out: the one in focus, else the first a safeguard acted on (the interesting case), else
        // the first upload
        ClientUpload ex = null;
        for (ClientUpload up : u.uploads()) {
            if (up.client() == focused) {
                ex = up;
                break;
            }
            if (ex == null || (focused < 0 && Safeguards.flagged(u.processingOf(up.client()))
                    && !Safeguards.flagged(u.processingOf(ex.client())))) {
                ex = up;
            }
        }
        if (ex != null) {
            example = ex.client();
            String k = str(ex.client() + 1);
            ClientTraining t = s.training(ex.client());
            UploadProcessing p = u.processingOf(ex.client());
            // the update as trained: what is sent may differ (a bad client, clipping, noise, compression)
            Params trained = delta(p == null ? ex.delta() : p.trained());
            Params end = t == null ? theta.plus(trained) : s.original(t.end());
            formulas.add("  Δ_" + k + " = θ_" + k + " − " + from + " = " + Numbers.pair(end) + " − "
                    + Numbers.pair(theta) + " = " + Numbers.pair(trained));
        } else {
            formulas.add("  " + I18n.t("insp.upload.none"));
        }
        guard.uploadSteps(u, ex, formulas);
        // the robust rules and FedAsync use no weights p_k: the values decide, or the staleness
        boolean robust = run.settings().strategy().isRobust();
        boolean weighted = !robust && u.arrival() == null;
        if (u.arrival() != null && ex != null) {
            new AsyncLines(s).upload(u.arrival(), ex.client(), formulas);
        } else if (robust && !u.uploads().isEmpty()) {
            formulas.add("");
            formulas.add(I18n.t("insp.upload.weightsRobust"));
        }
        if (weighted && !u.uploads().isEmpty()) {
            formulas.add("");
            formulas.add(I18n.t(secure ? "insp.upload.weightsSecure" : "insp.upload.weights"));
            List<String> ns = new ArrayList<>();
            List<String> ps = new ArrayList<>();
            int total = 0;
            double sum = 0;
            for (ClientUpload up : u.uploads()) {
                ns.add(str(up.samples()));
                ps.add(Numbers.format(up.weight()));
                total += up.samples();
                sum += up.weight();
            }
            if (weightBySamples()) {
                formulas.add("  Σ n = " + Numbers.terms(ns, "+") + " = " + total);
                formulas.add("  p_k = n_k / Σ n   " + I18n.t("insp.upload.bySamples"));
                ClientUpload up = ex;
                formulas.add("  p_" + (up.client() + 1) + " = " + up.samples() + " / " + total + " = "
                        + Numbers.format(up.weight()));
            } else {
                formulas.add("  p_k = 1 / |S| = 1 / " + u.uploads().size() + " = "
                        + Numbers.format(1.0 / u.uploads().size()) + "   " + I18n.t("insp.upload.uniform"));
            }
            formulas.add("  Σ p_k = " + Numbers.terms(ps, "+") + " = " + Numbers.format(sum));
        }
        if (scaffold) {
            formulas.add("");
            formulas.add(I18n.t("insp.upload.control"));
            formulas.add("  Δc_k = c_k⁺ − c_k" + trainingSpaceTag());
        }
        if (!u.droppedOut().isEmpty()) {
            formulas.add("");
            formulas.add(I18n.t("insp.upload.droppedNote", names(u.droppedOut()), str(u.uploads().size())));
        }
        if (secure) {
            guard.secureUpload(u.secure(), ex, formulas);
        }
        formulas.add("");
        formulas.add(I18n.t(secure ? "insp.upload.privateSecure" : "insp.upload.private"));
    }

    private static ClientUpload uploadOf(UploadRecord u, int k) {
        for (ClientUpload up : u.uploads()) {
            if (up.client() == k) {
                return up;
            }
        }
        return null;
    }

    private boolean weightBySamples() {
        return StrategySettings.WEIGHT_BY_SAMPLES.equals(run.settings().strategy().weighting());
    }

    // ------------------------------------------------------------------ 4. aggregate

    private void aggregate(BroadcastRecord b, UploadRecord u, AggregateRecord ar) {
        Aggregation a = ar.aggregation();
        Safeguards guard = new Safeguards(s);
        SecureAggregationRecord secure = u == null ? null : u.secure();
        boolean robust = a.robust() != null;
        boolean noisy = !a.noise().equals(Params.ZERO);
        List<String> cols = new ArrayList<>();
        if (u != null && u.arrival() != null && !a.terms().isEmpty()) {
            caption = I18n.t("insp.aggregate.captionAsync");
            formulas.add(I18n.t("insp.aggregate.strategy", strategyName()));
            new AsyncLines(s).aggregate(a, u, cols, rows, formulas);
            columns = cols;
            return;
        }
        if (secure != null) {
            caption = I18n.t("insp.aggregate.captionSecure");
            guard.secureTable(secure, cols, rows);
        } else if (robust) {
            caption = I18n.t("insp.aggregate.captionRobust");
            guard.robustTable(a, cols, rows);
        } else {
            caption = I18n.t("insp.aggregate.caption");
            cols.addAll(List.of(I18n.t("insp.col.client"), "p_k", "p_k" + DOT + "Δ_k", "Δ_k"));
            double weightSum = 0;
            for (WeightedTerm term : a.terms()) {
                weightSum += term.weight();
                rows.add(new Explanation.Row(term.client(), run.clientName(term.client()), List.of(
                        Numbers.format(term.weight()), Numbers.pair(delta(term.weighted())),
                        Numbers.pair(delta(term.delta()))), Explanation.Kind.NORMAL));
            }
            if (noisy) {
                rows.add(new Explanation.Row(-1, I18n.t("insp.aggregate.noiseRow"), List.of("",
                        Numbers.pair(delta(a.noise())), ""), Explanation.Kind.FLAGGED));
            }
            rows.add(new Explanation.Row(-1, "Σ", List.of(Numbers.format(weightSum),
                    Numbers.pair(delta(a.meanUpdate())), ""), Explanation.Kind.TOTAL));
        }
        if (u != null && secure == null) {
            for (int k : u.droppedOut()) {
                List<String> cells = new ArrayList<>();
                while (cells.size() < cols.size() - 2) {
                    cells.add("–");
                }
                cells.add(I18n.t("insp.dropped"));
                rows.add(new Explanation.Row(k, run.clientName(k), cells, Explanation.Kind.MUTED));
            }
        }
        columns = cols;

        Params theta = s.original(b.global());
        Params next = s.original(a.newGlobal());
        String kind = run.settings().strategy().kind();
        formulas.add(I18n.t("insp.aggregate.strategy", strategyName()));
        if (a.terms().isEmpty()) {
            if (secure != null && !secure.complete()) {
                formulas.add(I18n.t("insp.secure.sum"));
                formulas.add("  Σ y_k = " + Safeguards.integers(secure.maskedSum()) + "   (mod 2^"
                        + secure.modulusBits() + ")");
                formulas.add("  " + I18n.t("insp.secure.incomplete", str(secure.survivors().size()),
                        str(secure.threshold())));
            }
            formulas.add("  " + I18n.t(secure != null && !secure.complete() ? "insp.aggregate.secureFailed"
                    : "insp.aggregate.nothing"));
            formulas.add("  θ_{t+1} = θ_t = " + Numbers.pair(next));
            return;
        }
        if (robust) {
            guard.robustFormulas(a, formulas);
            formulas.add("  θ_{t+1} = θ_t + Δ_t = " + Numbers.pair(theta) + " + " + Numbers.pair(delta(a.meanUpdate()))
                    + " = " + Numbers.pair(next));
            formulas.add("  " + I18n.t("insp.robust.noWeights"));
            return;
        }
        // the weights: with secure aggregation the server never sees them, only the sum of the a_k
        if (secure != null) {
            guard.secureAggregate(secure, u, a, formulas);
        } else if (u != null) {
            int total = 0;
            for (ClientUpload up : u.uploads()) {
                total += up.samples();
            }
            List<String> lines = new ArrayList<>();
            for (ClientUpload up : u.uploads()) {
                String k = str(up.client() + 1);
                lines.add(weightBySamples()
                        ? "  p_" + k + " = n_" + k + " / Σ n = " + up.samples() + " / " + total + " = "
                                + Numbers.format(up.weight())
                        : "  p_" + k + " = 1 / " + u.uploads().size() + " = " + Numbers.format(up.weight()));
            }
            formulas.add(weightBySamples() ? I18n.t("insp.aggregate.weights") : I18n.t("insp.aggregate.weightsUniform"));
            addAbbreviated(lines);
        }
        String noiseLine = guard.centralNoiseLine(a, u);
        if (noiseLine != null) {
            formulas.add("");
            formulas.add(noiseLine);
        }
        List<String> termTexts = new ArrayList<>();
        for (WeightedTerm term : a.terms()) {
            termTexts.add(Numbers.factor(term.weight()) + DOT + Numbers.pair(delta(term.delta())));
        }
        // the sum as written: each p_k Δ_k, or (secure) the mean decoded from the masked sum; plus the server's noise
        String weightedSum = (secure != null ? Numbers.pair(delta(a.meanUpdate().minus(a.noise()))) : Numbers.terms(termTexts, "+"))
                + (noisy ? " + " + Numbers.pair(delta(a.noise())) : "");
        String plusNoise = noisy ? " + ξ" : "";
        String sumSymbol = secure != null ? "Σ aΔ / Σ a" : "Σ_k p_k Δ_k";
        Params mean = delta(a.meanUpdate());
        formulas.add("");
        switch (kind) {
            case StrategySettings.FEDAVGM -> {
                double beta = run.settings().strategy().serverMomentum();
                double etaG = run.settings().strategy().serverLearningRate();
                formulas.add(I18n.t("insp.aggregate.mean"));
                formulas.add("  Δ_t = " + sumSymbol + plusNoise + " = " + weightedSum + " = " + Numbers.pair(mean));
                formulas.add(I18n.t("insp.aggregate.fedavgm"));
                formulas.add("  v_t = β v_{t−1} + Δ_t = " + Numbers.format(beta) + DOT
                        + Numbers.pair(delta(a.stateBefore().momentum())) + " + " + Numbers.pair(mean) + " = "
                        + Numbers.pair(delta(a.stateAfter().momentum())));
                formulas.add("  θ_{t+1} = θ_t + η_g v_t = " + Numbers.pair(theta) + " + " + Numbers.format(etaG) + DOT
                        + Numbers.pair(delta(a.stateAfter().momentum())) + " = " + Numbers.pair(next));
            }
            case StrategySettings.FEDADAM, StrategySettings.FEDYOGI, StrategySettings.FEDADAGRAD -> fedOpt(a, kind,
                    sumSymbol + plusNoise + " = " + weightedSum, theta, next, secure == null);
            case StrategySettings.SCAFFOLD -> {
                double etaG = run.settings().strategy().serverLearningRate();
                formulas.add(I18n.t("insp.aggregate.mean"));
                formulas.add("  Σ_k p_k Δy_k = " + weightedSum + " = " + Numbers.pair(mean));
                formulas.add("  θ_{t+1} = θ_t + η_g Σ_k p_k Δy_k = " + Numbers.pair(theta) + " + "
                        + Numbers.format(etaG) + DOT + Numbers.pair(mean) + " = " + Numbers.pair(next));
                if (a.controlMean() != null) {
                    formulas.add("");
                    if (StrategySettings.WEIGHT_BY_SAMPLES.equals(run.settings().strategy().weighting())) {
                        // weighted by samples: c stays the n_k-weighted mean of the c_k (see Scaffold)
                        int rows = 0;
                        for (ClientUpload up : u.uploads()) {
                            rows += up.samples();
                        }
                        formulas.add(I18n.t("insp.aggregate.scaffoldControlSamples"));
                        formulas.add("  c ← c + (n_S/n_all)" + DOT + "Σ_k p_k Δc_k = "
                                + Numbers.pair(a.stateBefore().control()) + " + (" + rows + "/"
                                + run.data().trainSize() + ")" + DOT + Numbers.pair(a.controlMean()) + " = "
                                + Numbers.pair(a.stateAfter().control()) + trainingSpaceTag());
                    } else {
                        formulas.add(I18n.t("insp.aggregate.scaffoldControl"));
                        formulas.add("  c ← c + (|S|/N)" + DOT + "mean(Δc_k) = "
                                + Numbers.pair(a.stateBefore().control()) + " + (" + a.terms().size() + "/"
                                + run.clientCount() + ")" + DOT + Numbers.pair(a.controlMean()) + " = "
                                + Numbers.pair(a.stateAfter().control()) + trainingSpaceTag());
                    }
                }
            }
            default -> {
                formulas.add(I18n.t("insp.aggregate.fedavg"));
                formulas.add("  θ_{t+1} = θ_t + " + sumSymbol + plusNoise + " = " + Numbers.pair(theta) + " + "
                        + weightedSum + " = " + Numbers.pair(next));
                if (!noisy && secure == null) {
                    formulas.add("  " + I18n.t("insp.aggregate.sameAs"));
                }
                if (StrategySettings.FEDSGD.equals(kind)) {
                    formulas.add("  " + I18n.t("insp.aggregate.fedsgd"));
                }
            }
        }
    }

    private void fedOpt(Aggregation a, String kind, String meanOriginal, Params thetaOriginal,
                        Params nextOriginal, boolean termsVisible) {
        StrategySettings st = run.settings().strategy();
        double b1 = st.beta1();
        double eta = st.serverLearningRate();
        double tau = st.tau();
        // the server's memory lives in the training space: without standardisation that is the original units
        Params mean = a.meanUpdate();
        formulas.add(I18n.t("insp.aggregate.mean"));
        if (standardised && termsVisible) {
            formulas.add("  " + I18n.t("insp.aggregate.fedoptZ"));
            List<String> termTexts = new ArrayList<>();
            for (WeightedTerm term : a.terms()) {
                termTexts.add(Numbers.factor(term.weight()) + DOT + Numbers.pair(term.delta()));
            }
            boolean noisy = !a.noise().equals(Params.ZERO);
            formulas.add("  Δ_t = Σ_k p_k Δ_k" + (noisy ? " + ξ" : "") + " = " + Numbers.terms(termTexts, "+")
                    + (noisy ? " + " + Numbers.pair(a.noise()) : "") + " = " + Numbers.pair(mean));
        } else if (standardised) {
            formulas.add("  " + I18n.t("insp.aggregate.fedoptZ"));
            formulas.add("  Δ_t = " + Numbers.pair(mean));
        } else {
            formulas.add("  Δ_t = " + meanOriginal + " = " + Numbers.pair(mean));
        }
        formulas.add(I18n.t("insp.aggregate.fedopt." + kind));
        Params m0 = a.stateBefore().momentum();
        Params m1 = a.stateAfter().momentum();
        Params v0 = a.stateBefore().variance();
        Params v1 = a.stateAfter().variance();
        formulas.add("  m_t = β1 m_{t−1} + (1 − β1) Δ_t = " + Numbers.format(b1) + DOT + Numbers.pair(m0) + " + "
                + Numbers.format(1 - b1) + DOT + Numbers.pair(mean) + " = " + Numbers.pair(m1));
        Params sq = mean.map(d -> d * d);
        switch (kind) {
            case StrategySettings.FEDADAGRAD -> formulas.add("  v_t = v_{t−1} + Δ_t² = " + Numbers.pair(v0) + " + "
                    + Numbers.pair(sq) + " = " + Numbers.pair(v1));
            case StrategySettings.FEDADAM -> formulas.add("  v_t = β2 v_{t−1} + (1 − β2) Δ_t² = "
                    + Numbers.format(st.beta2()) + DOT + Numbers.pair(v0) + " + " + Numbers.format(1 - st.beta2())
                    + DOT + Numbers.pair(sq) + " = " + Numbers.pair(v1));
            default -> {
                Params sign = v0.zip(sq, (v, d) -> Math.signum(v - d));
                formulas.add("  v_t = v_{t−1} − (1 − β2) Δ_t² sign(v_{t−1} − Δ_t²) = " + Numbers.pair(v0) + " − "
                        + Numbers.format(1 - st.beta2()) + DOT + Numbers.pair(sq) + DOT + Numbers.pair(sign) + " = "
                        + Numbers.pair(v1));
            }
        }
        formulas.add("  " + I18n.t("insp.aggregate.fedoptStep"));
        formulas.add("  θ_{t+1} = θ_t + η m_t / (√v_t + τ),   η = " + Numbers.format(eta) + ",  τ = "
                + Numbers.format(tau));
        for (int i = 0; i < a.serverStep().size(); i++) {
            formulas.add("    " + Numbers.coordinateName(i) + ": " + Numbers.format(eta) + DOT
                    + Numbers.factor(m1.get(i)) + " / (√" + Numbers.format(v1.get(i)) + " + " + Numbers.format(tau)
                    + ") = " + Numbers.format(a.serverStep().get(i)));
        }
        Params before = a.newGlobal().minus(a.serverStep());
        formulas.add("  θ_{t+1} = " + Numbers.pair(before) + " + " + Numbers.pair(a.serverStep()) + " = "
                + Numbers.pair(a.newGlobal()) + (standardised ? "   (z)" : ""));
        if (standardised) {
            formulas.add("  " + I18n.t("insp.aggregate.inOriginal", Numbers.pair(thetaOriginal),
                    Numbers.pair(nextOriginal)));
        }
    }

    // ------------------------------------------------------------------ 5. update

    private void update(UpdateRecord up) {
        Evaluation ev = up.evaluation();
        caption = I18n.t("insp.update.caption");
        columns = List.of(I18n.t("insp.col.client"), "n_k", "J_k(θ_t)", "J_k(θ_{t+1})");
        RoundSummary before = s.position().round() - 1 < s.history().size()
                ? s.history().get(s.position().round() - 1) : null;
        for (int k = 0; k < run.clientCount(); k++) {
            double after = ev == null || k >= ev.clientLosses().size() ? Double.NaN : ev.clientLosses().get(k);
            double prev = before == null ? Double.NaN : before.lossUnderGlobal(k);
            rows.add(new Explanation.Row(k, run.clientName(k), List.of(str(run.data().client(k).trainSize()),
                    Numbers.format(prev), Numbers.format(after)), Explanation.Kind.NORMAL));
        }
        Params prev = s.original(up.previous());
        Params next = s.original(up.global());
        formulas.add(I18n.t("insp.update.new"));
        formulas.add("  θ_t = " + Numbers.pair(prev));
        formulas.add("  θ_{t+1} = " + Numbers.pair(next));
        formulas.add("  " + Numbers.line(next));
        if (ev == null) {
            return;
        }
        formulas.add("");
        formulas.add(I18n.t("insp.update.loss"));
        int n = run.data().trainSize();
        String model = next.size() == 2 ? Numbers.format(next.w()) + " x " + (next.b() < 0 ? "− " : "+ ")
                + Numbers.format(Math.abs(next.b())) : Numbers.line(next).substring("ŷ = ".length());
        formulas.add("  J(θ_{t+1}) = (1/n) Σ (ŷ − y)² = (1/" + n + ") Σ (" + model + " − y)² = "
                + Numbers.format(ev.trainLoss()));
        if (before != null) {
            formulas.add("  " + I18n.t("insp.update.lossBefore", Numbers.format(before.trainLoss())));
        }
        int nTest = run.data().testSize();
        formulas.add("  " + (nTest == 0 ? I18n.t("insp.update.noTest")
                : I18n.t("insp.update.test", str(nTest), Numbers.format(ev.testLoss()))));
        formulas.add("");
        formulas.add(I18n.t(run.degree() == 1 ? "insp.update.optimum" : "insp.update.optimum.curve"));
        if (run.optimum() != null) {
            formulas.add("  θ* = " + Numbers.pair(run.optimum()) + ",   J(θ*) = " + Numbers.format(run.optimumLoss()));
            StringBuilder squares = new StringBuilder();
            for (int i = 0; i < next.size(); i++) {
                squares.append(i == 0 ? "" : " + ").append("(").append(Numbers.format(next.get(i))).append(" − ")
                        .append(Numbers.format(run.optimum().get(i))).append(")²");
            }
            formulas.add("  ‖θ_{t+1} − θ*‖ = √(" + squares + ") = " + Numbers.format(ev.distanceToOptimum()));
        } else {
            formulas.add("  " + I18n.t("insp.update.noOptimum"));
        }
        privacyAndTraffic();
        formulas.add("");
        formulas.add(I18n.t("insp.update.next", str(s.position().round() + 1)));
    }

    /** The update phase's account of what the round cost: privacy spent (with noise) and bytes. */
    private void privacyAndTraffic() {
        var meter = run.privacy();
        int round = s.position().round();
        if (meter.noisy()) {
            var g = s.privacy();
            formulas.add("");
            formulas.add(I18n.t("insp.update.privacy", str(round)));
            // prose, at the margin: the layout breaks only indented formulas at their "="
            formulas.add((meter.perClient() ? I18n.t("insp.update.privacyLocal",
                    Numbers.format(run.settings().privacyOrOff().noiseMultiplier()))
                    : I18n.t("insp.update.privacyCentral", Numbers.format(meter.samplingRate()),
                            Numbers.format(run.settings().privacyOrOff().noiseMultiplier()))));
            formulas.add("  ε = min_α [RDP(α) + ln(1/δ) / (α − 1)],   δ = " + Numbers.format(g.delta()));
            if (!Double.isNaN(g.order())) {
                double alpha = g.order();
                int c = s.privacyCompositions();
                double rdp = meter.rdp(c, alpha);
                double tail = Math.log(1 / g.delta()) / (alpha - 1);
                formulas.add(I18n.t("insp.update.bestOrder", Numbers.format(alpha), str(c)));
                formulas.add("  RDP(α) = " + c + DOT + Numbers.format(c == 0 ? 0 : rdp / c) + " = "
                        + Numbers.format(rdp));
                formulas.add("  ε = " + Numbers.format(rdp) + " + ln(" + Numbers.format(1 / g.delta()) + ") / ("
                        + Numbers.format(alpha) + " − 1) = " + Numbers.format(rdp) + " + " + Numbers.format(tail)
                        + " = " + Numbers.format(g.epsilon()));
            } else {
                formulas.add("  ε = " + Numbers.format(g.epsilon()));
            }
            var w = meter.warning(g);
            if (w != null) {
                formulas.add("  " + I18n.t("meter.warning." + w.name().toLowerCase(java.util.Locale.ROOT)));
            }
        }
        Snapshot.TrafficSoFar t = s.traffic();
        formulas.add("");
        formulas.add(I18n.t("insp.update.traffic", str(round), Long.toString(t.roundDown()),
                Long.toString(t.roundUp()), Long.toString(t.totalDown()), Long.toString(t.totalUp())));
    }

    // ------------------------------------------------------------------ helpers

    private void addAbbreviated(List<String> lines) {
        if (lines.size() <= Numbers.MAX_TERMS) {
            formulas.addAll(lines);
            return;
        }
        formulas.addAll(lines.subList(0, 3));
        formulas.add("  …   " + I18n.t("insp.more", str(lines.size() - 4)));
        formulas.add(lines.get(lines.size() - 1));
    }

    /** An update in original units. */
    private Params delta(Params trainingSpace) {
        return units.deltaToOriginal(trainingSpace);
    }

    private String trainingSpaceTag() {
        return standardised ? "   " + I18n.t("insp.zTag") : "";
    }

    private String names(List<Integer> clients) {
        List<String> out = new ArrayList<>();
        for (int k : clients) {
            out.add(run.clientName(k));
        }
        return Numbers.terms(out, ",").replace(" , ", ", ");
    }

    private String strategyName() {
        return switch (run.settings().strategy().kind()) {
            case StrategySettings.FEDAVG -> "FedAvg";
            case StrategySettings.FEDSGD -> "FedSGD";
            case StrategySettings.FEDPROX -> "FedProx";
            case StrategySettings.FEDAVGM -> "FedAvgM";
            case StrategySettings.FEDADAM -> "FedAdam";
            case StrategySettings.FEDYOGI -> "FedYogi";
            case StrategySettings.FEDADAGRAD -> "FedAdagrad";
            case StrategySettings.SCAFFOLD -> "SCAFFOLD";
            case StrategySettings.MEDIAN -> I18n.t("insp.strategy.median");
            case StrategySettings.TRIMMED_MEAN -> I18n.t("insp.strategy.trimmedMean");
            case StrategySettings.KRUM -> "Krum";
            case StrategySettings.MULTI_KRUM -> "Multi-Krum";
            case StrategySettings.FEDASYNC -> "FedAsync";
            default -> run.settings().strategy().kind();
        };
    }

    private static String str(int i) {
        return Integer.toString(i);
    }

    /** The model in symbols: ŷ = w x + b, or for degree d the curve ŷ = b + w x + w₂ x² + … */
    static String modelFormula(int d) {
        return d == 1 ? "ŷ = w x + b" : d == 2 ? "ŷ = b + w x + w₂ x²"
                : "ŷ = b + w x + w₂ x² + … + " + Numbers.coordinateName(d) + " x" + Numbers.superscript(d);
    }

    /** The own-fit column's title: (w, b) for a line, every coordinate for a curve. */
    static String ownFitColumn(RunInfo run) {
        return run.degree() == 1 ? I18n.t("insp.col.ownFit")
                : I18n.t("insp.col.ownFit.curve", Numbers.coordinateNames(run.degree() + 1));
    }

    /** What the broadcast sends: the model's d + 1 numbers and nothing else. */
    static String noDataLine(RunInfo run) {
        return run.degree() == 1 ? I18n.t("insp.broadcast.noData")
                : I18n.t("insp.broadcast.noData.curve", Integer.toString(run.degree() + 1),
                        Numbers.coordinateNames(run.degree() + 1));
    }
}
