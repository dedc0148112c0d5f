package org.fedstep.app.inspector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.fedstep.app.i18n.I18n;
import org.fedstep.app.run.RunInfo;
import org.fedstep.app.run.Snapshot;
import org.fedstep.core.fl.UploadProcessing;
import org.fedstep.core.fl.UploadRecord;
import org.fedstep.core.fl.strategy.Aggregation;
import org.fedstep.core.fl.strategy.ClientUpload;
import org.fedstep.core.model.Params;
import org.fedstep.core.model.Standardization;
import org.fedstep.core.privacy.Clipping;
import org.fedstep.core.privacy.SecureAggregation;
import org.fedstep.core.privacy.SecureAggregationRecord;
import org.fedstep.core.settings.AttackSettings;
import org.fedstep.core.settings.CompressionSettings;
import org.fedstep.core.settings.PrivacySettings;
import org.fedstep.core.settings.Settings;
import org.fedstep.core.settings.StrategySettings;

/**
 * The inspector's lines for what stands between a trained update and the new model: a bad client's attack, clipping,
 * local and central noise, compression, secure aggregation and the robust rules. Like {@link PhaseExplainer} it only
 * writes out what the core recorded (UploadProcessing, SecureAggregationRecord, Aggregation); where it sorts or
 * counts, that is to lay the recorded numbers out for reading. These steps act where the model trains, so their
 * numbers are in z-scores when the run is standardised, and tagged so.
 */
final class Safeguards {

    private static final String DOT = "·";

    private final Snapshot s;
    private final RunInfo run;
    private final Settings settings;
    private final Standardization units;
    private final PrivacySettings privacy;
    private final AttackSettings attack;
    private final CompressionSettings compression;

    Safeguards(Snapshot s) {
        this.s = s;
        this.run = s.run();
        this.settings = run.settings();
        this.units = run.units();
        this.privacy = settings.privacyOrOff();
        this.attack = settings.attackOrNone();
        this.compression = settings.compressionOrOff();
    }

    // ------------------------------------------------------------------ which steps are on

    boolean attacks() {
        return attack.on();
    }

    boolean clips() {
        return privacy.clips();
    }

    boolean localNoise() {
        return PrivacySettings.LOCAL.equals(privacy.noise());
    }

    boolean centralNoise() {
        return PrivacySettings.CENTRAL.equals(privacy.noise());
    }

    boolean compresses() {
        return compression.on();
    }

    /** Whether what a client sends can differ from what it trained (then the table shows both). */
    boolean changesUpdates() {
        return (attacks() && !AttackSettings.POISON.equals(attack.kind())) || clips() || localNoise() || compresses();
    }

    private String z() {
        return units.isIdentity() ? "" : "   " + I18n.t("insp.zTag");
    }

    /**
     * Whether the upload table shows updates where the model trains (z-scores): when the run is standardised and
     * clipping, noise or compression act on the updates, so that a row's norm and scale can be checked from its own
     * numbers.
     */
    boolean tableInTrainingSpace() {
        return changesUpdates() && !units.isIdentity();
    }

    /** An update as the upload table shows it: in z-scores when {@link #tableInTrainingSpace}, else original units. */
    Params shown(Params trainingSpace) {
        return tableInTrainingSpace() ? trainingSpace : units.deltaToOriginal(trainingSpace);
    }

    /** The tag for a column header of updates: " (z)" when the table is in z-scores. */
    String columnTag() {
        return tableInTrainingSpace() ? " (z)" : "";
    }

    // ------------------------------------------------------------------ 3. upload: the table

    /** The upload table's extra columns before n_k (after the trained update). */
    List<String> uploadColumns() {
        List<String> cols = new ArrayList<>();
        if (attacks()) {
            cols.add(I18n.t("insp.col.attack"));
        }
        if (clips()) {
            cols.add("‖Δ_k‖" + (units.isIdentity() ? "" : " (z)"));
            cols.add("min(1, S/‖Δ_k‖)");
        }
        if (changesUpdates()) {
            cols.add(I18n.t("insp.col.sent", Numbers.deltaNames(settings.model().parameterCount())) + columnTag());
        }
        return cols;
    }

    List<String> uploadCells(UploadProcessing p, ClientUpload up) {
        List<String> cells = new ArrayList<>();
        if (attacks()) {
            cells.add(p == null || p.attack() == null ? "" : I18n.t("insp.attack." + p.attack()));
        }
        if (clips()) {
            cells.add(p == null ? "–" : Numbers.format(p.norm()));
            cells.add(p == null ? "–" : p.clipped() ? Numbers.format(p.clipScale()) : "1");
        }
        if (changesUpdates()) {
            cells.add(Numbers.pair(shown(up.delta())));
        }
        return cells;
    }

    /** Whether the row deserves a second look: a bad client, or an update that clipping cut. */
    static boolean flagged(UploadProcessing p) {
        return p != null && (p.attack() != null || p.clipped());
    }

    /** Secure aggregation's column: what the server receives from each client. */
    static String maskedColumn(SecureAggregationRecord r) {
        return I18n.t("insp.col.masked", Integer.toString(r.modulusBits()));
    }

    static String maskedCell(SecureAggregationRecord r, int client) {
        for (SecureAggregationRecord.Masked m : r.masked()) {
            if (m.client() == client) {
                return integers(m.masked());
            }
        }
        return "–";
    }

    // ------------------------------------------------------------------ 3. upload: the formulas

    /** What the example client did to its update on the way out, step by step. */
    void uploadSteps(UploadRecord u, ClientUpload ex, List<String> formulas) {
        UploadProcessing p = ex == null ? null : u.processingOf(ex.client());
        String name = ex == null ? "" : run.clientName(ex.client());
        if (attacks() && AttackSettings.POISON.equals(attack.kind()) && ex != null && attack.isBad(ex.client())) {
            formulas.add("");
            formulas.add(I18n.t("insp.upload.poisoned", name, Numbers.format(attack.shift())));
        }
        if (p == null || !changesUpdates()) {
            return;
        }
        formulas.add("");
        formulas.add(I18n.t("insp.upload.pipeline", name) + z());
        Params d = p.trained();
        formulas.add("  " + I18n.t("insp.upload.step.trained") + "  Δ = " + Numbers.pair(d));
        if (p.attack() != null && !AttackSettings.POISON.equals(p.attack())) {
            String how = switch (p.attack()) {
                case AttackSettings.FLIP -> "Δ ← −Δ = ";
                case AttackSettings.SCALE -> "Δ ← " + Numbers.factor(attack.factor()) + DOT + "Δ = ";
                default -> "Δ ← N(0, (" + Numbers.format(attack.factor()) + DOT + "‖Δ‖)²) = N(0, "
                        + Numbers.format(attack.factor() * (d.norm() > 0 ? d.norm() : 1)) + "²) → ";
            };
            formulas.add("  " + I18n.t("insp.upload.step.attack", I18n.t("insp.attack." + p.attack())) + "  " + how
                    + Numbers.pair(p.afterAttack()));
            d = p.afterAttack();
        }
        if (clips()) {
            formulas.add("  " + I18n.t("insp.upload.step.clip") + "  S = " + Numbers.format(p.clipNorm()));
            StringBuilder squares = new StringBuilder();
            for (int i = 0; i < d.size(); i++) {
                squares.append(i == 0 ? "" : " + ").append(Numbers.factor(d.get(i))).append("²");
            }
            formulas.add("      ‖Δ‖ = √(" + squares + ") = " + Numbers.format(p.norm()));
            if (p.clipped()) {
                formulas.add("      Δ ← Δ" + DOT + "min(1, S/‖Δ‖) = Δ" + DOT + Numbers.format(p.clipScale()) + " = "
                        + Numbers.pair(p.clippedUpdate()) + "   " + I18n.t("insp.upload.clipped"));
            } else {
                formulas.add("      " + I18n.t("insp.upload.withinBound"));
            }
            d = p.clippedUpdate();
        }
        if (localNoise()) {
            double sd = privacy.noiseMultiplier() * p.clipNorm();
            formulas.add("  " + I18n.t("insp.upload.step.noise") + "  z" + DOT + "S = "
                    + Numbers.format(privacy.noiseMultiplier()) + DOT + Numbers.format(p.clipNorm()) + " = "
                    + Numbers.format(sd));
            formulas.add("      Δ + N(0, (z" + DOT + "S)²) = " + Numbers.pair(d) + " + " + Numbers.pair(p.localNoise())
                    + " = " + Numbers.pair(d.plus(p.localNoise())));
            d = d.plus(p.localNoise());
        }
        if (compresses()) {
            if (Boolean.TRUE.equals(compression.errorFeedback())) {
                formulas.add("  " + I18n.t("insp.upload.step.feedback"));
                formulas.add("      v = Δ + r = " + Numbers.pair(d) + " + " + Numbers.pair(p.residualBefore()) + " = "
                        + Numbers.pair(p.compressed()));
            }
            Params v = p.compressed();
            if (CompressionSettings.QUANTIZE.equals(compression.kind())) {
                int levels = (1 << compression.bits()) - 1;
                double scale = 0;
                for (int i = 0; i < v.size(); i++) {
                    scale = Math.max(scale, Math.abs(v.get(i)));
                }
                formulas.add("  " + I18n.t("insp.upload.step.quantize", Integer.toString(compression.bits()),
                        Integer.toString(levels + 1)));
                formulas.add("      s = max|v_i| = " + Numbers.format(scale) + ",  "
                        + I18n.t("insp.upload.levels", Numbers.format(scale == 0 ? 0 : 2 * scale / levels)));
                formulas.add("      " + Numbers.pair(v) + " → " + Numbers.pair(p.sent()) + "   "
                        + I18n.t("insp.upload.rounded"));
            } else {
                formulas.add("  " + I18n.t("insp.upload.step.topk", Integer.toString(compression.k())));
                formulas.add("      " + Numbers.pair(v) + " → " + Numbers.pair(p.sent()));
            }
            if (Boolean.TRUE.equals(compression.errorFeedback())) {
                formulas.add("      " + I18n.t("insp.upload.residual") + "  r ← v − sent = "
                        + Numbers.pair(p.residualAfter()));
            }
        }
        formulas.add("  " + I18n.t("insp.upload.step.sent") + "  " + Numbers.pair(p.sent()) + (units.isIdentity() ? ""
                : "   " + I18n.t("insp.upload.inOriginal", Numbers.pair(units.deltaToOriginal(p.sent())))));
    }

    /** Secure aggregation in the upload phase: the example client's input in fixed point, and its masked vector. */
    void secureUpload(SecureAggregationRecord r, ClientUpload ex, List<String> formulas) {
        formulas.add("");
        formulas.add(I18n.t("insp.secure.title", Integer.toString(r.threshold()), Integer.toString(r.sampled().size())));
        int precision = settings.secureAggregationOrOff().precisionBits();
        String weight = StrategySettings.WEIGHT_BY_SAMPLES.equals(settings.strategy().weighting()) ? "a = n_k"
                : "a = 1";
        formulas.add(I18n.t("insp.secure.encode", weight, Integer.toString(precision),
                Integer.toString(r.modulusBits())) + z());
        SecureAggregationRecord.Masked m = ex == null ? null : masked(r, ex.client());
        if (m != null) {
            String k = Integer.toString(ex.client() + 1);
            double a = StrategySettings.WEIGHT_BY_SAMPLES.equals(settings.strategy().weighting()) ? ex.samples() : 1;
            StringBuilder input = new StringBuilder("(");
            for (int i = 0; i < ex.delta().size(); i++) {
                input.append(Numbers.format(a * ex.delta().get(i))).append(", ");
            }
            formulas.add("  x_" + k + " = " + input + Numbers.format(a) + ") → " + integers(m.input()));
            formulas.add(I18n.t("insp.secure.mask"));
            formulas.add("  y_" + k + " = x_" + k + " + mask_" + k + " = " + integers(m.input()) + " + "
                    + integers(difference(r, m.masked(), m.input())) + " = " + integers(m.masked()) + "   (mod 2^"
                    + r.modulusBits() + ")");
        }
        formulas.add(I18n.t("insp.secure.sees"));
        if (r.survivors().size() < r.sampled().size()) {
            List<Integer> lost = new ArrayList<>(r.sampled());
            lost.removeAll(r.survivors());
            formulas.add(I18n.t("insp.secure.lostAfterKeys", names(lost)));
        }
        if (!r.complete()) {
            formulas.add(I18n.t("insp.secure.incompleteUpload", Integer.toString(r.survivors().size()),
                    Integer.toString(r.threshold())));
        }
    }

    // ------------------------------------------------------------------ 4. aggregate

    /** Secure aggregation's table: what arrived, the sum, the masks taken out, and the unmasked sum. */
    void secureTable(SecureAggregationRecord r, List<String> columns, List<Explanation.Row> rows) {
        columns.add(I18n.t("insp.col.client"));
        columns.add(maskedColumn(r));
        columns.add(I18n.t("insp.col.hiddenInput"));
        for (SecureAggregationRecord.Masked m : r.masked()) {
            rows.add(new Explanation.Row(m.client(), run.clientName(m.client()), List.of(integers(m.masked()),
                    integers(m.input())), Explanation.Kind.NORMAL));
        }
        rows.add(new Explanation.Row(-1, "Σ y_k", List.of(integers(r.maskedSum()), ""), Explanation.Kind.TOTAL));
        for (SecureAggregationRecord.Recovery rec : r.recoveries()) {
            rows.add(new Explanation.Row(rec.client(), run.clientName(rec.client()), List.of("− "
                    + integers(rec.removedMask()), I18n.t("insp.secure.recovered")), Explanation.Kind.MUTED));
        }
        if (r.sum() != null) {
            rows.add(new Explanation.Row(-1, "Σ x_k", List.of(integers(r.sum()), ""), Explanation.Kind.TOTAL));
        }
    }

    /** How the server got the mean update from the masked sum, and that it is FedAvg's up to quantisation. */
    void secureAggregate(SecureAggregationRecord r, UploadRecord u, Aggregation a, List<String> formulas) {
        formulas.add(I18n.t("insp.secure.sum"));
        formulas.add("  Σ y_k = " + integers(r.maskedSum()) + "   (mod 2^" + r.modulusBits() + ")");
        for (SecureAggregationRecord.Recovery rec : r.recoveries()) {
            formulas.add("");
            formulas.add(I18n.t("insp.secure.recovery", run.clientName(rec.client()), names(rec.shareholders()),
                    Integer.toString(rec.shareholders().size())));
            List<String> shares = new ArrayList<>();
            for (int i = 0; i < rec.shares().size(); i++) {
                shares.add("(" + (r.sampled().indexOf(rec.shareholders().get(i)) + 1) + ", " + rec.shares().get(i)
                        + ")");
            }
            formulas.add("  " + I18n.t("insp.secure.shares") + " " + String.join(", ", shares));
            formulas.add("  s = Σ_i share_i Π_{j≠i} x_j / (x_j − x_i) mod (2^61 − 1) = " + rec.rebuiltSecret() + "   "
                    + I18n.t(rec.secretMatches() ? "insp.secure.secretMatches" : "insp.secure.secretWrong"));
            formulas.add("  " + I18n.t("insp.secure.removed") + " " + integers(rec.removedMask()));
        }
        if (!r.complete() || r.sum() == null) {
            formulas.add("  " + I18n.t("insp.secure.incomplete", Integer.toString(r.survivors().size()),
                    Integer.toString(r.threshold())));
            return;
        }
        formulas.add("");
        formulas.add(I18n.t("insp.secure.unmasked"));
        formulas.add("  Σ x_k = " + integers(r.sum()));
        SecureAggregation protocol = new SecureAggregation(r.modulusBits());
        int precision = settings.secureAggregationOrOff().precisionBits();
        int dims = r.sum().size() - 1; // the weighted update's coordinates, then the weight
        double n = protocol.decode(r.sum().get(dims), precision);
        double[] sums = new double[dims];
        StringBuilder decoded = new StringBuilder("  ");
        for (int i = 0; i < dims; i++) {
            sums[i] = protocol.decode(r.sum().get(i), precision);
            decoded.append("Σ aΔ").append(Numbers.coordinateName(i)).append(" = ").append(Numbers.format(sums[i]))
                    .append(",   ");
        }
        formulas.add(I18n.t("insp.secure.decode", Integer.toString(precision)));
        formulas.add(decoded + "Σ a = " + Numbers.format(n));
        for (int i = 0; i < dims; i++) {
            sums[i] /= n;
        }
        Params fromSum = Params.of(sums);
        formulas.add("  Σ aΔ / Σ a = " + Numbers.pair(fromSum) + z());
        Params plain = u.plainMean();
        formulas.add("");
        formulas.add(I18n.t("insp.secure.plain"));
        formulas.add("  Σ p_k Δ_k = " + Numbers.pair(plain) + z());
        Params gap = fromSum.minus(plain);
        formulas.add("  " + I18n.t("insp.secure.gap", Numbers.pair(gap.map(Math::abs)),
                "2^−" + precision + " = " + Numbers.format(Math.scalb(1.0, -precision))));
        if (units.isIdentity()) {
            return;
        }
        formulas.add("  " + I18n.t("insp.upload.inOriginal", Numbers.pair(units.deltaToOriginal(fromSum))));
    }

    /** Central noise: the standard deviation and the draw the server added to the mean update, or nothing. */
    String centralNoiseLine(Aggregation a, UploadRecord u) {
        if (!centralNoise() || u == null || a.terms().isEmpty()) {
            return null;
        }
        double z = privacy.noiseMultiplier();
        boolean adaptive = PrivacySettings.ADAPTIVE.equals(privacy.clipping());
        double zUpdates = adaptive ? Clipping.updateNoiseMultiplier(z) : z;
        int m = u.uploads().size();
        String zText = adaptive ? "z' = z / √0.95 = " + Numbers.format(zUpdates) : "z = " + Numbers.format(z);
        String line = I18n.t("insp.noise.central", zText, Numbers.format(u.clipNorm()), Integer.toString(m),
                Numbers.format(zUpdates * u.clipNorm() / m), Numbers.pair(a.noise())) + z();
        return units.isIdentity() ? line
                : line + "; " + I18n.t("insp.upload.inOriginal", Numbers.pair(units.deltaToOriginal(a.noise())));
    }

    /** Adaptive clipping: how this round's norms move the bound for the next round. */
    void adaptiveBound(Aggregation a, UploadRecord u, List<String> formulas) {
        if (!PrivacySettings.ADAPTIVE.equals(privacy.clipping()) || u == null || u.processing().isEmpty()) {
            return;
        }
        double now = u.clipNorm();
        double next = a.stateAfter().clipNorm();
        int within = 0;
        for (UploadProcessing p : u.processing()) {
            within += p.norm() <= now ? 1 : 0;
        }
        int m = u.processing().size();
        // the share b_t the core used, read back from the two bounds: S_{t+1} = S_t exp(-eta (b_t - gamma))
        double share = privacy.targetQuantile() - Math.log(next / now) / privacy.clipLearningRate();
        formulas.add("");
        formulas.add(I18n.t("insp.clip.adaptive", Numbers.format(privacy.targetQuantile())));
        String count = within + "/" + m + " = " + Numbers.format((double) within / m);
        formulas.add("  b_t = " + (centralNoise() ? count + "   " + I18n.t("insp.clip.noisyCount",
                Numbers.format(share)) : count));
        formulas.add("  S_{t+1} = S_t" + DOT + "exp(−η_C (b_t − γ)) = " + Numbers.format(now) + DOT + "exp(−"
                + Numbers.format(privacy.clipLearningRate()) + DOT + "(" + Numbers.format(share) + " − "
                + Numbers.format(privacy.targetQuantile()) + ")) = " + Numbers.format(next));
    }

    /** The robust rules' tables: each upload's values and what the rule kept of them. */
    void robustTable(Aggregation a, List<String> columns, List<Explanation.Row> rows) {
        String kind = settings.strategy().kind();
        boolean krum = StrategySettings.KRUM.equals(kind) || StrategySettings.MULTI_KRUM.equals(kind);
        String tag = units.isIdentity() ? "" : " (z)";
        columns.add(I18n.t("insp.col.client"));
        int dims = a.meanUpdate().size();
        boolean curve = dims > 2;
        columns.add("Δ_k = " + Numbers.deltaNames(dims) + tag);
        if (krum) {
            columns.add(I18n.t("insp.col.score"));
            columns.add(I18n.t("insp.col.chosen"));
        } else if (curve) {
            // one column per coordinate would not fit: the coordinates whose value the rule used
            columns.add(I18n.t("insp.col.usedFor"));
        } else {
            columns.add(I18n.t("insp.col.usedW"));
            columns.add(I18n.t("insp.col.usedB"));
        }
        Aggregation.Robust r = a.robust();
        for (int i = 0; i < a.terms().size(); i++) {
            var t = a.terms().get(i);
            int k = t.client();
            List<String> cells = krum
                    ? List.of(Numbers.pair(t.delta()), Numbers.format(r.scores().get(i)), mark(r.chosen().contains(k)))
                    : curve ? List.of(Numbers.pair(t.delta()), usedCoordinates(r, k, dims))
                    : List.of(Numbers.pair(t.delta()), mark(r.usedForW().contains(k)), mark(r.usedForB().contains(k)));
            // the bad clients stand out, as in the upload table: does the rule keep them out?
            rows.add(new Explanation.Row(k, run.clientName(k), cells, attack.isBad(k) ? Explanation.Kind.FLAGGED
                    : Explanation.Kind.NORMAL));
        }
        List<String> total = new ArrayList<>(List.of(Numbers.pair(a.meanUpdate())));
        while (total.size() < columns.size() - 1) {
            total.add("");
        }
        rows.add(new Explanation.Row(-1, "Δ_t", total, Explanation.Kind.TOTAL));
    }

    /** The names of the coordinates whose value of client k the rule used, or ✗ for none. */
    private static String usedCoordinates(Aggregation.Robust r, int k, int dims) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < dims; i++) {
            if (r.usedFor(i).contains(k)) {
                names.add(Numbers.coordinateName(i));
            }
        }
        return names.isEmpty() ? "✗" : String.join(", ", names);
    }

    /** The robust rules' formulas: sorted values and the cut, or Krum's scores and choice. */
    void robustFormulas(Aggregation a, List<String> formulas) {
        StrategySettings st = settings.strategy();
        String kind = st.kind();
        Aggregation.Robust r = a.robust();
        int m = a.terms().size();
        switch (kind) {
            case StrategySettings.MEDIAN, StrategySettings.TRIMMED_MEAN -> {
                boolean median = StrategySettings.MEDIAN.equals(kind);
                if (median) {
                    formulas.add(I18n.t("insp.robust.median", Integer.toString(m)) + z());
                } else {
                    int cut = (m - r.usedForW().size()) / 2;
                    formulas.add(I18n.t("insp.robust.trimmed", Numbers.format(st.trim()), Integer.toString(m),
                            Integer.toString(cut)) + z());
                    if (cut == 0 && m > 2) {
                        formulas.add(I18n.t("insp.robust.trimmedNone", Integer.toString(m), Numbers.format(1.0 / m)));
                    }
                }
                for (int i = 0; i < a.meanUpdate().size(); i++) {
                    formulas.add("  Δ" + Numbers.coordinateName(i) + ": " + sorted(a, i, r.usedFor(i)) + "  →  "
                            + Numbers.format(a.meanUpdate().get(i)));
                }
                formulas.add("  " + I18n.t("insp.robust.brackets"));
            }
            default -> {
                int f = st.byzantine() == null ? 0 : st.byzantine();
                int neighbours = Math.max(1, m - f - 2);
                formulas.add(I18n.t("insp.robust.krum", Integer.toString(f), Integer.toString(neighbours)) + z());
                List<String> scores = new ArrayList<>();
                for (int i = 0; i < m; i++) {
                    scores.add("  score(" + run.clientName(a.terms().get(i).client()) + ") = "
                            + Numbers.format(r.scores().get(i)));
                }
                if (scores.size() <= Numbers.MAX_TERMS) {
                    formulas.addAll(scores);
                } else {
                    formulas.addAll(scores.subList(0, 3));
                    formulas.add("  …   " + I18n.t("insp.more", Integer.toString(scores.size() - 4)));
                    formulas.add(scores.get(scores.size() - 1));
                }
                formulas.add(StrategySettings.KRUM.equals(kind)
                        ? I18n.t("insp.robust.krumChoice", names(r.chosen()))
                        : I18n.t("insp.robust.multiKrumChoice", Integer.toString(r.chosen().size()), names(r.chosen())));
                formulas.add("  Δ_t = " + Numbers.pair(a.meanUpdate()));
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    /** One coordinate's values in ascending order, those the rule used in brackets. */
    private String sorted(Aggregation a, int coordinate, List<Integer> used) {
        List<int[]> order = new ArrayList<>();
        for (int i = 0; i < a.terms().size(); i++) {
            order.add(new int[] {i});
        }
        order.sort(Comparator.comparingDouble(o -> value(a, o[0], coordinate)));
        List<String> out = new ArrayList<>();
        for (int[] o : order) {
            String v = Numbers.format(value(a, o[0], coordinate));
            out.add(used.contains(a.terms().get(o[0]).client()) ? "[" + v + "]" : v);
        }
        return String.join(" ≤ ", out);
    }

    private static double value(Aggregation a, int i, int coordinate) {
        return a.terms().get(i).delta().get(coordinate);
    }

    private static String mark(boolean used) {
        return used ? "✓" : "✗";
    }

    private static SecureAggregationRecord.Masked masked(SecureAggregationRecord r, int client) {
        for (SecureAggregationRecord.Masked m : r.masked()) {
            if (m.client() == client) {
                return m;
            }
        }
        return null;
    }

    /** a - b modulo R, coordinate by coordinate: the mask a client added. */
    private static List<Long> difference(SecureAggregationRecord r, List<Long> a, List<Long> b) {
        long mask = (1L << r.modulusBits()) - 1;
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            out.add((a.get(i) - b.get(i)) & mask);
        }
        return out;
    }

    static String integers(List<Long> v) {
        List<String> out = new ArrayList<>();
        for (long x : v) {
            out.add(Long.toString(x));
        }
        return "(" + String.join(", ", out) + ")";
    }

    private String names(List<Integer> clients) {
        List<String> out = new ArrayList<>();
        for (int k : clients) {
            out.add(run.clientName(k));
        }
        return String.join(", ", out);
    }
}
