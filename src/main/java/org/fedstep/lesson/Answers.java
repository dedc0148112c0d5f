package org.fedstep.lesson;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fedstep.core.data.DataSets;
import org.fedstep.core.data.FederatedData;
import org.fedstep.core.fl.ClientTraining;
import org.fedstep.core.fl.RoundDetail;
import org.fedstep.core.fl.RoundEngine;
import org.fedstep.core.fl.RoundSummary;
import org.fedstep.core.fl.UploadRecord;
import org.fedstep.core.fl.strategy.Aggregation;
import org.fedstep.core.fl.strategy.ClientUpload;
import org.fedstep.core.fl.strategy.WeightedTerm;
import org.fedstep.core.model.Params;
import org.fedstep.core.model.Standardization;
import org.fedstep.core.settings.Settings;
import org.fedstep.core.settings.StrategySettings;
import org.fedstep.core.settings.TrainingSettings;

/**
 * Computes the answer to a question from settings, by running a RoundEngine of its own to the round the question is
 * about (so the answer never depends on where the student's run is), and writes the arithmetic with the real numbers
 * for the reveal. Deterministic: the same settings give the same answer and the same explanation.
 * Numbers in explanations are rounded for reading (4 decimals); the value is exact.
 * lessons/README.md defines each key.
 */
public final class Answers {

    /** An answer that these settings cannot give (the run diverged first, a client was not sampled, ...). */
    public static final class Unavailable extends RuntimeException {
        public Unavailable(String message) {
            super(message);
        }
    }

    /** At most this many terms are written out in an explanation; the rest are "…". */
    private static final int MAX_TERMS = 12;

    private final Settings settings;
    private final RoundEngine engine;
    private final FederatedData data;
    private final Standardization units;

    private Answers(Settings settings, Path baseDir) {
        this.data = DataSets.build(settings, baseDir);
        this.settings = DataSets.effective(settings, data);
        this.engine = new RoundEngine(this.settings, data);
        this.units = engine.units();
    }

    /**
     * A calculator for several questions on the same settings (one engine, run as far as the questions need).
     *
     * @param settings validated settings (as a {@link Lesson.Step} holds them)
     * @param baseDir  where a csv data set's relative path is resolved (the lesson folder), or null
     */
    public static Answers on(Settings settings, Path baseDir) {
        return new Answers(settings, baseDir);
    }

    /** One answer on fresh settings. */
    public static Answer compute(Settings settings, Path baseDir, Lesson.AnswerRef ref) {
        return on(settings, baseDir).answer(ref);
    }

    /**
     * The answer to one question.
     *
     * @throws Unavailable when the settings cannot give it (e.g. the run diverges before that round)
     */
    public Answer answer(Lesson.AnswerRef ref) {
        AnswerKey key = ref.key();
        return switch (key) {
            case GLOBAL_SLOPE_AFTER_ROUND -> global(ref, true);
            case GLOBAL_INTERCEPT_AFTER_ROUND -> global(ref, false);
            case TRAIN_LOSS_AFTER_ROUND -> trainLoss(ref);
            case DISTANCE_TO_OPTIMUM_AFTER_ROUND -> distance(ref);
            case CENTRALISED_SLOPE_AFTER_ROUND -> centralised(ref);
            case OPTIMUM_SLOPE -> optimum(ref, true);
            case OPTIMUM_INTERCEPT -> optimum(ref, false);
            case SAMPLES_OF_CLIENT -> samples(ref);
            case WEIGHT_OF_CLIENT -> weight(ref);
            case CLIENT_SLOPE_AFTER_TRAINING -> clientSlope(ref);
            case UPLOADS_IN_ROUND -> uploads(ref);
            case ROUNDS_TO_REACH_LOSS -> roundsToLoss(ref);
            case CLIENT_LARGEST_WEIGHT -> largestWeight(ref);
            case CLIENT_LARGEST_DRIFT -> largestDrift(ref);
            case CLIENT_LOWEST_LOSS_UNDER_GLOBAL -> lowestLoss(ref);
        };
    }

    // ------------------------------------------------------------------ the global model

    private Answer global(Lesson.AnswerRef ref, boolean slope) {
        int t = ref.round();
        String v = slope ? "w" : "b";
        String th = v + sub(t);
        if (t == 0) {
            double x = pick(original(summary(0).global()), slope);
            return number(ref, x, th + " = " + fmt(x) + " (the starting line, before any round)");
        }
        RoundDetail d = detail(t);
        Aggregation a = d.aggregate().aggregation();
        Params prev = original(d.update().previous());
        Params next = original(d.update().global());
        double value = pick(next, slope);
        String before = v + sub(t - 1);
        if (a.terms().isEmpty()) {
            return number(ref, value, "no client uploaded in round " + t + ", so " + th + " = " + before + " = "
                    + fmt(value));
        }
        if (a.serverStep().equals(a.meanUpdate())) {
            // FedAvg-like: theta_t = theta_{t-1} + sum p_k delta_k = sum p_k theta_k (the weights add up to 1)
            StringBuilder terms = new StringBuilder();
            int shown = 0;
            for (WeightedTerm w : a.terms()) {
                if (shown++ == MAX_TERMS) {
                    terms.append(" + …");
                    break;
                }
                double local = pick(prev, slope) + pick(units.deltaToOriginal(w.delta()), slope);
                terms.append(terms.length() == 0 ? "" : " + ").append(fmt(w.weight())).append(" × ")
                        .append(paren(local));
            }
            double mean = pick(units.deltaToOriginal(a.meanUpdate()), slope);
            return number(ref, value, th + " = Σ p_k " + v + "_k = " + terms + " = " + fmt(value)
                    + "  (= " + before + " + Σ p_k Δ" + v + "_k = " + fmt(pick(prev, slope)) + " + " + paren(mean)
                    + ")");
        }
        double mean = pick(units.deltaToOriginal(a.meanUpdate()), slope);
        double step = value - pick(prev, slope);
        return number(ref, value, th + " = " + before + " + server step (" + settings.strategy().kind() + ") = "
                + fmt(pick(prev, slope)) + " + " + paren(step) + " = " + fmt(value)
                + "; the uploads' weighted mean update was Σ p_k Δ" + v + "_k = " + fmt(mean));
    }

    private Answer trainLoss(Lesson.AnswerRef ref) {
        int t = ref.round();
        RoundSummary s = summary(t);
        Params g = original(s.global());
        int n = data.trainSize();
        double j = s.trainLoss();
        return number(ref, j, "J(θ" + sub(t) + ") = (1/N) Σ (w" + sub(t) + " x + b" + sub(t) + " − y)² over all N = "
                + n + " training rows, with w" + sub(t) + " = " + fmt(g.w()) + ", b" + sub(t) + " = " + fmt(g.b())
                + ": (1/" + n + ") × " + fmt(j * n) + " = " + fmt(j));
    }

    private Answer distance(Lesson.AnswerRef ref) {
        int t = ref.round();
        RoundSummary s = summary(t);
        Params g = original(s.global());
        Params o = optimumOrFail();
        double value = s.distanceToOptimum();
        return number(ref, value, "‖θ" + sub(t) + " − θ*‖ = √((w" + sub(t) + " − w*)² + (b" + sub(t) + " − b*)²) = √(("
                + fmt(g.w()) + " − " + fmt(o.w()) + ")² + (" + fmt(g.b()) + " − " + fmt(o.b()) + ")²) = "
                + fmt(value));
    }

    private Answer centralised(Lesson.AnswerRef ref) {
        int t = ref.round();
        Params c = original(engine.baselines().centralised(t));
        if (!c.isFinite()) {
            throw new Unavailable("centralised training diverges by round " + t);
        }
        TrainingSettings tr = settings.training();
        String how = "one party holding all N = " + data.trainSize() + " training rows trains as a client does ("
                + "E = " + tr.localEpochs() + ", batch " + (tr.batchSize().isFull() ? "full" : tr.batchSize().size())
                + ", η = " + fmt(tr.learningRate()) + ", " + tr.optimizer() + " per round)";
        if (t == 0) {
            return number(ref, c.w(), "w" + sub(0) + " = " + fmt(c.w()) + " (the starting line)");
        }
        Params prev = original(engine.baselines().centralised(t - 1));
        if (units.isIdentity() && tr.localEpochs() == 1 && tr.batchSize().isFull()
                && TrainingSettings.SGD.equals(tr.optimizer())) {
            // one full-batch gradient step on the pooled data: w_t = w_{t-1} - eta (2/N) sum (y_hat - y) x
            double[] x = data.pooledTrainX();
            double[] y = data.pooledTrainY();
            double g = 0;
            for (int i = 0; i < x.length; i++) {
                g += (prev.w() * x[i] + prev.b() - y[i]) * x[i];
            }
            g *= 2.0 / x.length;
            return number(ref, c.w(), how + ": w" + sub(t) + " = w" + sub(t - 1) + " − η (2/N) Σ (ŷ − y) x = "
                    + fmt(prev.w()) + " − " + fmt(tr.learningRate()) + " × " + paren(g) + " = " + fmt(c.w()));
        }
        return number(ref, c.w(), how + ": after round " + (t - 1) + " w = " + fmt(prev.w()) + ", after round " + t
                + " w" + sub(t) + " = " + fmt(c.w()));
    }

    private Answer optimum(Lesson.AnswerRef ref, boolean slope) {
        Params o = optimumOrFail();
        double[] x = data.pooledTrainX();
        double[] y = data.pooledTrainY();
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= x.length;
        my /= x.length;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        String rows = " (least squares on all N = " + x.length + " training rows pooled)";
        if (slope) {
            return number(ref, o.w(), "w* = Σ (x − x̄)(y − ȳ) / Σ (x − x̄)² = " + fmt(sxy) + " / " + fmt(sxx) + " = "
                    + fmt(o.w()) + rows);
        }
        return number(ref, o.b(), "b* = ȳ − w* x̄ = " + fmt(my) + " − " + fmt(o.w()) + " × " + paren(mx) + " = "
                + fmt(o.b()) + rows);
    }

    // ------------------------------------------------------------------ clients

    private Answer samples(Lesson.AnswerRef ref) {
        int k = clientIndex(ref);
        int n = data.client(k).trainSize();
        return number(ref, n, "n" + sub(k + 1) + " = " + n + ": the training rows " + name(k) + " holds");
    }

    private Answer weight(Lesson.AnswerRef ref) {
        int k = clientIndex(ref);
        int t = ref.round();
        UploadRecord up = detail(t).upload();
        ClientUpload mine = null;
        for (ClientUpload u : up.uploads()) {
            if (u.client() == k) {
                mine = u;
            }
        }
        String p = "p" + sub(k + 1);
        if (mine == null) {
            String why = up.droppedOut().contains(k) ? "dropped out before uploading" : "was not sampled";
            return number(ref, 0, name(k) + " " + why + " in round " + t + ", so nothing of it reaches the server: "
                    + p + " = 0");
        }
        if (StrategySettings.WEIGHT_BY_SAMPLES.equals(settings.strategy().weighting())) {
            StringBuilder sum = new StringBuilder();
            int total = 0;
            int shown = 0;
            for (ClientUpload u : up.uploads()) {
                total += u.samples();
                if (shown++ < MAX_TERMS) {
                    sum.append(sum.length() == 0 ? "" : " + ").append(u.samples());
                } else if (shown == MAX_TERMS + 1) {
                    sum.append(" + …");
                }
            }
            String over = up.uploads().size() == 1 ? String.valueOf(total) : "(" + sum + ")";
            return number(ref, mine.weight(), p + " = n" + sub(k + 1) + " / Σ n = " + mine.samples() + " / " + over
                    + " = " + mine.samples() + " / " + total + " = " + fmt(mine.weight()) + " (Σ over the "
                    + up.uploads().size() + " uploads of round " + t + ")");
        }
        return number(ref, mine.weight(), p + " = 1 / m = 1 / " + up.uploads().size() + " = " + fmt(mine.weight())
                + " (uniform weighting over the " + up.uploads().size() + " uploads of round " + t + ")");
    }

    private Answer clientSlope(Lesson.AnswerRef ref) {
        int k = clientIndex(ref);
        int t = ref.round();
        ClientTraining c = training(t, k);
        if (c == null) {
            throw new Unavailable(name(k) + " is not sampled in round " + t + ", so it does not train");
        }
        Params start = original(c.start());
        Params end = original(c.end());
        return number(ref, end.w(), name(k) + " starts from w" + sub(t - 1) + " = " + fmt(start.w()) + " and takes "
                + c.steps() + " gradient step" + (c.steps() == 1 ? "" : "s") + " (E = "
                + settings.training().localEpochs() + ") on its " + c.samples() + " rows: w_k = " + fmt(end.w())
                + ", so Δw_k = w_k − w" + sub(t - 1) + " = " + fmt(end.w() - start.w()));
    }

    private Answer uploads(Lesson.AnswerRef ref) {
        int t = ref.round();
        RoundDetail d = detail(t);
        List<Integer> sampled = d.broadcast().recipients();
        int k = engine.clientCount();
        double c = settings.strategy().clientFraction();
        int m = engine.sampledPerRound();
        int n = d.upload().uploads().size();
        String text = "m = max(round(C K), 1) = max(round(" + fmt(c) + " × " + k + "), 1) = " + m + " clients sampled ("
                + clients(sampled) + ")";
        if (!d.upload().droppedOut().isEmpty()) {
            text += "; " + d.upload().droppedOut().size() + " dropped out (" + clients(d.upload().droppedOut()) + ")";
        }
        return number(ref, n, text + ": " + n + " upload" + (n == 1 ? "" : "s") + " in round " + t);
    }

    private Answer roundsToLoss(Lesson.AnswerRef ref) {
        double target = ref.target();
        int max = settings.rounds();
        for (int t = 0; t <= max; t++) {
            RoundSummary s = summaryOrNull(t);
            if (s == null) {
                throw new Unavailable("the run diverges in round " + t + " before its training loss reaches "
                        + fmt(target));
            }
            if (s.trainLoss() <= target) {
                String before = t == 0 ? "" : "J(θ" + sub(t - 1) + ") = " + fmt(summary(t - 1).trainLoss()) + " > "
                        + fmt(target) + ", ";
                return number(ref, t, "the training loss first reaches " + fmt(target) + " after round " + t + ": "
                        + before + "J(θ" + sub(t) + ") = " + fmt(s.trainLoss()) + " ≤ " + fmt(target));
            }
        }
        throw new Unavailable("the training loss does not reach " + fmt(target) + " within the " + max
                + " rounds of these settings (after round " + max + " it is " + fmt(summary(max).trainLoss()) + ")");
    }

    private Answer largestWeight(Lesson.AnswerRef ref) {
        int t = ref.round();
        UploadRecord up = detail(t).upload();
        if (up.uploads().isEmpty()) {
            throw new Unavailable("no client uploads in round " + t);
        }
        List<Integer> ks = new ArrayList<>();
        List<Double> vs = new ArrayList<>();
        for (ClientUpload u : up.uploads()) {
            ks.add(u.client());
            vs.add(u.weight());
        }
        String rule = StrategySettings.WEIGHT_BY_SAMPLES.equals(settings.strategy().weighting())
                ? "p_k = n_k / Σ n" : "p_k = 1 / m (uniform)";
        return best(ref, ks, vs, true, rule + " over the uploads of round " + t, "p");
    }

    private Answer largestDrift(Lesson.AnswerRef ref) {
        int t = ref.round();
        List<ClientTraining> trained = detail(t).localTraining().clients();
        if (trained.isEmpty()) {
            throw new Unavailable("no client trains in round " + t);
        }
        List<Integer> ks = new ArrayList<>();
        List<Double> vs = new ArrayList<>();
        for (ClientTraining c : trained) {
            ks.add(c.client());
            vs.add(original(c.end()).distanceTo(original(c.start())));
        }
        return best(ref, ks, vs, true, "drift ‖θ_k − θ" + sub(t - 1) + "‖ = √(Δw_k² + Δb_k²) after local training in "
                + "round " + t, "‖Δ‖");
    }

    private Answer lowestLoss(Lesson.AnswerRef ref) {
        int t = ref.round();
        RoundSummary s = summary(t);
        List<Integer> ks = new ArrayList<>();
        List<Double> vs = new ArrayList<>();
        for (int k = 0; k < s.clientCount(); k++) {
            if (Double.isFinite(s.lossUnderGlobal(k))) {
                ks.add(k);
                vs.add(s.lossUnderGlobal(k));
            }
        }
        if (ks.isEmpty()) {
            throw new Unavailable("no client has a finite loss under θ" + sub(t));
        }
        return best(ref, ks, vs, false, "J_k(θ" + sub(t) + ") = (1/n_k) Σ (w" + sub(t) + " x + b" + sub(t)
                + " − y)² on each client's training rows", "J");
    }

    /** The client(s) with the largest (or smallest) value; values within a relative 1e-9 count as tied. */
    private Answer best(Lesson.AnswerRef ref, List<Integer> ks, List<Double> vs, boolean largest, String rule,
                        String symbol) {
        double bestValue = vs.get(0);
        for (double v : vs) {
            bestValue = largest ? Math.max(bestValue, v) : Math.min(bestValue, v);
        }
        double slack = 1e-9 * Math.max(1e-300, Math.abs(bestValue));
        List<Integer> winners = new ArrayList<>();
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < ks.size(); i++) {
            if (Math.abs(vs.get(i) - bestValue) <= slack) {
                winners.add(ks.get(i));
            }
            if (i < MAX_TERMS) {
                list.append(i == 0 ? "" : ", ").append(symbol).append(sub(ks.get(i) + 1)).append(" = ")
                        .append(fmt(vs.get(i)));
            } else if (i == MAX_TERMS) {
                list.append(", …");
            }
        }
        String who = winners.size() == 1 ? name(winners.get(0))
                : "tied: " + String.join(", ", winners.stream().map(this::name).toList());
        return new Answer(ref, bestValue, winners, rule + ": " + list + "; " + (largest ? "largest" : "lowest") + ": "
                + who + " (" + fmt(bestValue) + ")");
    }

    // ------------------------------------------------------------------ running the engine

    private RoundSummary summaryOrNull(int t) {
        if (engine.completedRounds() < t && engine.divergence() == null) {
            engine.runRounds(t - engine.completedRounds());
        }
        return engine.completedRounds() >= t ? engine.summary(t) : null;
    }

    private RoundSummary summary(int t) {
        RoundSummary s = summaryOrNull(t);
        if (s == null) {
            throw new Unavailable("the run diverges in round " + (engine.completedRounds() + 1)
                    + ", before round " + t + " completes");
        }
        return s;
    }

    private RoundDetail detail(int t) {
        summary(t);
        return engine.detail(t);
    }

    private ClientTraining training(int t, int k) {
        for (ClientTraining c : detail(t).localTraining().clients()) {
            if (c.client() == k) {
                return c;
            }
        }
        return null;
    }

    private Params optimumOrFail() {
        Params o = engine.optimum();
        if (o == null || !o.isFinite()) {
            throw new Unavailable("the least-squares line is not defined for these data (all x are equal)");
        }
        return o;
    }

    private int clientIndex(Lesson.AnswerRef ref) {
        int k = ref.clientIndex();
        if (k < 0 || k >= engine.clientCount()) {
            throw new Unavailable("client " + ref.client() + " does not exist (there are " + engine.clientCount()
                    + " clients)");
        }
        return k;
    }

    private Params original(Params p) {
        return units.toOriginal(p);
    }

    private String name(int k) {
        String n = data.client(k).name();
        String plain = "Client " + (k + 1);
        return n == null || n.equals(plain) ? plain : plain + " (" + n + ")";
    }

    private static String clients(List<Integer> ks) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ks.size(); i++) {
            if (i == MAX_TERMS) {
                sb.append(", …");
                break;
            }
            sb.append(i == 0 ? "" : ", ").append(ks.get(i) + 1);
        }
        return sb.toString();
    }

    private static Answer number(Lesson.AnswerRef ref, double value, String explanation) {
        if (!Double.isFinite(value)) {
            throw new Unavailable(ref.key().key() + " is not a finite number for these settings (" + value + ")");
        }
        return new Answer(ref, value, List.of(), explanation);
    }

    private static double pick(Params p, boolean slope) {
        return slope ? p.w() : p.b();
    }

    // ------------------------------------------------------------------ formatting

    private static final String SUBSCRIPTS = "₀₁₂₃₄₅₆₇₈₉";

    /** A whole number in Unicode subscript digits: 12 → ₁₂. */
    static String sub(int n) {
        String s = Integer.toString(n);
        StringBuilder sb = new StringBuilder();
        for (char ch : s.toCharArray()) {
            sb.append(ch == '-' ? '₋' : SUBSCRIPTS.charAt(ch - '0'));
        }
        return sb.toString();
    }

    /** A number for reading: whole numbers as they are, else 4 decimals without trailing zeros (tiny: 3 digits). */
    static String fmt(double x) {
        if (x == 0) {
            return "0";
        }
        if (x == Math.rint(x) && Math.abs(x) < 1e9) {
            return Long.toString((long) x);
        }
        if (Math.abs(x) < 1e-3 || Math.abs(x) >= 1e9) {
            return String.format(Locale.ROOT, "%.3g", x);
        }
        String s = String.format(Locale.ROOT, "%.4f", x);
        s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        return s.equals("-0") ? "0" : s;
    }

    /** A number in brackets when negative, so "a − (−b)" reads right. */
    private static String paren(double x) {
        return x < 0 ? "(" + fmt(x) + ")" : fmt(x);
    }
}
