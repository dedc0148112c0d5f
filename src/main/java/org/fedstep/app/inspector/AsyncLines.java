package org.fedstep.app.inspector;

import java.util.ArrayList;
import java.util.List;
import org.fedstep.app.i18n.I18n;
import org.fedstep.app.run.RunInfo;
import org.fedstep.app.run.Snapshot;
import org.fedstep.core.fl.AsyncState;
import org.fedstep.core.fl.BroadcastRecord;
import org.fedstep.core.fl.UploadRecord;
import org.fedstep.core.fl.strategy.Aggregation;
import org.fedstep.core.fl.strategy.FedAsync;
import org.fedstep.core.fl.strategy.WeightedTerm;
import org.fedstep.core.model.Params;
import org.fedstep.core.settings.StrategySettings;

/**
 * The inspector's lines for an asynchronous run (FedAsync): who starts a job and who is still busy, which older model
 * the arriving update was trained from, its staleness, and how much the server mixes it in. Only the core's records
 * are written out (the jobs in the history's AsyncState, the Arrival of the upload, the Aggregation's weight); the
 * staleness factor is the core's FedAsync formula, called for the line that shows it.
 */
final class AsyncLines {

    private static final String DOT = "·";

    private final Snapshot s;
    private final RunInfo run;
    private final StrategySettings st;

    AsyncLines(Snapshot s) {
        this.s = s;
        this.run = s.run();
        this.st = run.settings().strategy();
    }

    static boolean applies(Snapshot s) {
        return s.run().settings().strategy().isAsync();
    }

    /** The jobs as they stood when this round began: after the round before. */
    private AsyncState jobsBefore() {
        int before = s.position().round() - 1;
        return before < s.history().size() ? s.history().get(before).async() : null;
    }

    private String theta(int round) {
        return "θ" + Numbers.subscript(round);
    }

    // ------------------------------------------------------------------ 1. broadcast

    void broadcast(BroadcastRecord b, List<String> columns, List<Explanation.Row> rows, List<String> formulas) {
        AsyncState jobs = jobsBefore();
        int t = s.position().round();
        columns.add(I18n.t("insp.col.client"));
        columns.add(I18n.t("insp.col.receives"));
        columns.add(I18n.t("insp.col.job"));
        for (int k = 0; k < run.clientCount(); k++) {
            boolean starts = b.recipients().contains(k);
            String job = jobs == null ? "–" : I18n.t("insp.async.job", theta(jobs.origin(k)),
                    Numbers.format(jobs.finish(k)));
            rows.add(new Explanation.Row(k, run.clientName(k), List.of(starts
                    ? I18n.t("insp.async.starts", theta(t - 1)) : I18n.t("insp.async.busy"), job),
                    starts ? Explanation.Kind.NORMAL : Explanation.Kind.MUTED));
        }
        formulas.add(I18n.t("insp.async.intro"));
        Params g = s.original(b.global());
        formulas.add("  " + theta(t - 1) + " = " + Numbers.pair(g) + "   →   " + Numbers.line(g));
        formulas.add(t == 1 ? I18n.t("insp.async.first") : I18n.t("insp.async.again", names(b.recipients()),
                theta(t - 1)));
        if (jobs != null) {
            int next = jobs.next();
            formulas.add(I18n.t("insp.async.next", run.clientName(next), Numbers.format(jobs.finish(next)),
                    theta(jobs.origin(next))));
        }
        formulas.add("");
        formulas.add(PhaseExplainer.noDataLine(run));
    }

    // ------------------------------------------------------------------ 2. local training

    void training(int client, int originRound, List<String> formulas) {
        formulas.add(I18n.t("insp.async.training", run.clientName(client), theta(originRound),
                str(s.position().round() - 1 - originRound)));
        formulas.add("");
    }

    // ------------------------------------------------------------------ 3. upload

    static List<String> uploadColumns() {
        return List.of(I18n.t("insp.col.from"), I18n.t("insp.col.staleness"), I18n.t("insp.col.arrives"));
    }

    List<String> uploadCells(UploadRecord.Arrival a) {
        return List.of(theta(a.originRound()), str(a.staleness()), Numbers.format(a.time()));
    }

    void upload(UploadRecord.Arrival a, int client, List<String> formulas) {
        int t = s.position().round();
        formulas.add("");
        formulas.add(I18n.t("insp.async.arrival", run.clientName(client), Numbers.format(a.time()),
                theta(a.originRound())));
        formulas.add("  s = (t − 1) − τ = " + (t - 1) + " − " + a.originRound() + " = " + a.staleness() + "   "
                + I18n.t("insp.async.stalenessMeans", str(a.staleness())));
    }

    // ------------------------------------------------------------------ 4. aggregate

    void aggregate(Aggregation agg, UploadRecord u, List<String> columns, List<Explanation.Row> rows,
                   List<String> formulas) {
        WeightedTerm term = agg.terms().get(0);
        UploadRecord.Arrival a = u.arrival();
        int t = s.position().round();
        int k = term.client();
        columns.add(I18n.t("insp.col.client"));
        columns.add("α_t");
        columns.add("θ_k − " + theta(t - 1));
        columns.add("α_t" + DOT + "(θ_k − " + theta(t - 1) + ")");
        rows.add(new Explanation.Row(k, run.clientName(k), List.of(Numbers.format(term.weight()),
                Numbers.pair(delta(term.delta())), Numbers.pair(delta(term.weighted()))), Explanation.Kind.NORMAL));

        FedAsync rule = FedAsync.of(st);
        double factor = rule.stalenessFactor(a.staleness());
        formulas.add(I18n.t("insp.async.rule"));
        formulas.add("  " + stalenessLine(a.staleness(), factor));
        formulas.add("  α_t = α" + DOT + "s(" + a.staleness() + ") = " + Numbers.format(st.mixing()) + DOT
                + Numbers.format(factor) + " = " + Numbers.format(term.weight()));
        Params before = s.original(s.detail().broadcast().global());
        Params model = s.original(a.origin().plus(u.uploads().get(0).delta()));
        Params next = s.original(agg.newGlobal());
        formulas.add(I18n.t("insp.async.clientModel", theta(a.originRound())));
        formulas.add("  θ_k = " + theta(a.originRound()) + " + Δ_k = " + Numbers.pair(s.original(a.origin())) + " + "
                + Numbers.pair(delta(u.uploads().get(0).delta())) + " = " + Numbers.pair(model));
        formulas.add(I18n.t("insp.async.mix"));
        formulas.add("  " + theta(t) + " = (1 − α_t) " + theta(t - 1) + " + α_t θ_k = " + Numbers.format(1 - term.weight())
                + DOT + Numbers.pair(before) + " + " + Numbers.format(term.weight()) + DOT + Numbers.pair(model)
                + " = " + Numbers.pair(next));
        formulas.add("  " + I18n.t("insp.async.why"));
    }

    private String stalenessLine(int stale, double factor) {
        return switch (st.staleness()) {
            case StrategySettings.STALENESS_CONSTANT -> "s(" + stale + ") = 1   " + I18n.t("insp.async.constant");
            case StrategySettings.STALENESS_HINGE -> stale <= st.hingeAfter()
                    ? "s(" + stale + ") = 1   " + I18n.t("insp.async.hingeFull", str(st.hingeAfter()))
                    : "s(" + stale + ") = 1 / (a (s − b) + 1) = 1 / (" + Numbers.format(st.stalenessExponent()) + DOT
                            + "(" + stale + " − " + st.hingeAfter() + ") + 1) = " + Numbers.format(factor);
            default -> "s(" + stale + ") = (1 + s)^−a = (1 + " + stale + ")^−" + Numbers.format(st.stalenessExponent())
                    + " = " + Numbers.format(factor);
        };
    }

    private Params delta(Params trainingSpace) {
        return run.units().deltaToOriginal(trainingSpace);
    }

    private String names(List<Integer> clients) {
        List<String> out = new ArrayList<>();
        for (int k : clients) {
            out.add(run.clientName(k));
        }
        return String.join(", ", out);
    }

    private static String str(int i) {
        return Integer.toString(i);
    }
}
