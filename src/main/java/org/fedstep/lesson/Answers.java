package org.fedstep.lesson;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fedstep.core.data.ClientData;
import org.fedstep.core.data.DataSets;
import org.fedstep.core.data.FederatedData;
import org.fedstep.core.fl.ClientTraining;
import org.fedstep.core.fl.RoundDetail;
import org.fedstep.core.fl.RoundEngine;
import org.fedstep.core.fl.RoundSummary;
import org.fedstep.core.fl.UploadProcessing;
import org.fedstep.core.fl.UploadRecord;
import org.fedstep.core.fl.strategy.Aggregation;
import org.fedstep.core.fl.strategy.ClientUpload;
import org.fedstep.core.fl.strategy.WeightedTerm;
import org.fedstep.core.model.Mse;
import org.fedstep.core.model.Params;
import org.fedstep.core.model.Standardization;
import org.fedstep.core.settings.Settings;
import org.fedstep.core.settings.StrategySettings;
import org.fedstep.core.settings.TrainingSettings;

/**
 * Computes the answer to a question from settings, by running a RoundEngine of its own to the round the question is
 * about (so the answer never depends on where the student's run is), and writes the arithmetic with the real numbers
 * for the reveal, in English and Chinese: the formulas are the same in both, only the words around them differ.
 * Deterministic: the same settings give the same answer and the same explanation. Numbers in explanations are rounded
 * for reading (4 decimals); the value is exact. lessons/README.md defines each key.
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

    /** The answers whose written-out arithmetic holds for a line only (closed forms, two-term norms, the Hessian). */
    private static final java.util.Set<AnswerKey> LINE_ONLY = java.util.EnumSet.of(
            AnswerKey.DISTANCE_TO_OPTIMUM_AFTER_ROUND, AnswerKey.LARGEST_DISTANCE_FROM_ROUND,
            AnswerKey.CENTRALISED_SLOPE_AFTER_ROUND, AnswerKey.OPTIMUM_SLOPE, AnswerKey.OPTIMUM_INTERCEPT,
            AnswerKey.OWN_FITS_MEAN_SLOPE, AnswerKey.OWN_FITS_MEAN_INTERCEPT, AnswerKey.CLIENT_GRADIENT_SLOPE,
            AnswerKey.CLIENT_GRADIENT_INTERCEPT, AnswerKey.MAX_STABLE_LEARNING_RATE, AnswerKey.ARTICLE_RULE_SLOPE,
            AnswerKey.UPDATE_NORM_OF_CLIENT);

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
        if (LINE_ONLY.contains(key) && settings.model().degreeOrLine() > 1) {
            throw new Unavailable("the answer " + key.key() + " works its arithmetic out on a line, and these settings"
                    + " fit a curve (model.degree " + settings.model().degreeOrLine() + ")");
        }
        return switch (key) {
            case GLOBAL_SLOPE_AFTER_ROUND -> global(ref, true);
            case GLOBAL_INTERCEPT_AFTER_ROUND -> global(ref, false);
            case TRAIN_LOSS_AFTER_ROUND -> trainLoss(ref);
            case DISTANCE_TO_OPTIMUM_AFTER_ROUND -> distance(ref);
            case LARGEST_DISTANCE_FROM_ROUND -> largestDistance(ref);
            case CENTRALISED_SLOPE_AFTER_ROUND -> centralised(ref);
            case OPTIMUM_SLOPE -> optimum(ref, true);
            case OPTIMUM_INTERCEPT -> optimum(ref, false);
            case OPTIMUM_LOSS -> optimumLoss(ref);
            case OWN_FITS_MEAN_SLOPE -> ownFitsMean(ref, true);
            case OWN_FITS_MEAN_INTERCEPT -> ownFitsMean(ref, false);
            case SAMPLES_OF_CLIENT -> samples(ref);
            case WEIGHT_OF_CLIENT -> weight(ref);
            case CLIENT_SLOPE_AFTER_TRAINING -> clientSlope(ref);
            case UPLOADS_IN_ROUND -> uploads(ref);
            case ROUNDS_TO_REACH_LOSS -> roundsToLoss(ref);
            case CLIENT_GRADIENT_SLOPE -> gradient(ref, true);
            case CLIENT_GRADIENT_INTERCEPT -> gradient(ref, false);
            case CLIENT_MEAN_X -> clientMean(ref);
            case POOLED_MEAN_X -> pooledMean(ref, true);
            case POOLED_MEAN_Y -> pooledMean(ref, false);
            case MAX_STABLE_LEARNING_RATE -> maxStableRate(ref);
            case ARTICLE_RULE_SLOPE -> articleRule(ref);
            case CLIENT_LARGEST_WEIGHT -> largestWeight(ref);
            case CLIENT_LARGEST_DRIFT -> largestDrift(ref);
            case CLIENT_LOWEST_LOSS_UNDER_GLOBAL -> lowestLoss(ref);
            case CLIENT_NOT_SAMPLED -> notSampled(ref);
            case CLIENT_DROPPED_OUT -> droppedOut(ref);
            case MEAN_UPDATE_SLOPE -> meanUpdate(ref, true);
            case MEAN_UPDATE_INTERCEPT -> meanUpdate(ref, false);
            case UPDATE_NORM_OF_CLIENT -> updateNorm(ref);
            case CLIPPED_IN_ROUND -> clippedCount(ref);
            case CENTRAL_NOISE_SD -> noiseSd(ref);
            case EPSILON_AFTER_ROUND -> epsilon(ref);
            case BYTES_DOWN_IN_ROUND -> bytes(ref, true, false);
            case BYTES_UP_IN_ROUND -> bytes(ref, false, false);
            case BYTES_UP_UNTIL_ROUND -> bytes(ref, false, true);
            case CLIENT_CLIPPED -> clippedClients(ref);
            case CLIENT_LARGEST_UPDATE -> largestUpdate(ref);
            case CLIENT_LEFT_OUT_BY_RULE -> leftOut(ref);
        };
    }

    // ------------------------------------------------------------------ the global model

    private Answer global(Lesson.AnswerRef ref, boolean slope) {
        int t = ref.round();
        String v = slope ? "w" : "b";
        String th = v + sub(t);
        if (t == 0) {
            double x = pick(original(summary(0).global()), slope);
            String f = th + " = " + fmt(x);
            return number(ref, x, f + " (the starting line, before any round)", f + "（初始直线，尚未进行任何一轮）");
        }
        RoundDetail d = detail(t);
        Aggregation a = d.aggregate().aggregation();
        Params prev = original(d.update().previous());
        Params next = original(d.update().global());
        double value = pick(next, slope);
        String before = v + sub(t - 1);
        if (a.terms().isEmpty()) {
            String f = th + " = " + before + " = " + fmt(value);
            return number(ref, value, "no client uploaded in round " + t + ", so " + f,
                    "第 " + t + " 轮没有客户端上传，因此 " + f);
        }
        if (d.upload().arrival() != null) {
            // FedAsync: theta_t = (1 - alpha_t) theta_{t-1} + alpha_t theta_k, theta_k trained from an older model
            WeightedTerm w = a.terms().get(0);
            double alpha = w.weight();
            double model = pick(prev, slope) + pick(units.deltaToOriginal(w.delta()), slope);
            String f = th + " = (1 − α_t) " + before + " + α_t " + v + "_k = " + fmt(1 - alpha) + " × "
                    + paren(pick(prev, slope)) + " + " + fmt(alpha) + " × " + paren(model) + " = " + fmt(value);
            int origin = d.upload().arrival().originRound();
            int stale = d.upload().arrival().staleness();
            return number(ref, value, f + " (FedAsync: client " + (w.client() + 1) + " trained from θ" + sub(origin)
                            + ", " + stale + " update" + (stale == 1 ? "" : "s") + " old, so α_t = " + fmt(alpha) + ")",
                    f + "（FedAsync：客户端 " + (w.client() + 1) + " 从 θ" + sub(origin) + " 开始训练，已过时 " + stale
                            + " 次更新，因此 α_t = " + fmt(alpha) + "）");
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
            String f = th + " = Σ p_k " + v + "_k = " + terms + " = " + fmt(value)
                    + "  (= " + before + " + Σ p_k Δ" + v + "_k = " + fmt(pick(prev, slope)) + " + " + paren(mean)
                    + ")";
            return number(ref, value, f, f);
        }
        double mean = pick(units.deltaToOriginal(a.meanUpdate()), slope);
        double step = value - pick(prev, slope);
        String kind = settings.strategy().kind();
        String f = th + " = " + before + " + " + paren(step) + " = " + fmt(value);
        String m = "Σ p_k Δ" + v + "_k = " + fmt(mean);
        return number(ref, value, f + " (the server step of " + kind + "); the uploads' weighted mean update was " + m,
                f + "（" + kind + " 的服务器步长）；上传的加权平均更新量为 " + m);
    }

    private Answer trainLoss(Lesson.AnswerRef ref) {
        int t = ref.round();
        RoundSummary s = summary(t);
        Params g = original(s.global());
        int n = data.trainSize();
        double j = s.trainLoss();
        String f = "J(θ" + sub(t) + ") = (1/N) Σ (w" + sub(t) + " x + b" + sub(t) + " − y)²";
        String with = "w" + sub(t) + " = " + fmt(g.w()) + ", b" + sub(t) + " = " + fmt(g.b()) + ": (1/" + n + ") × "
                + fmt(j * n) + " = " + fmt(j);
        return number(ref, j, f + " over all N = " + n + " training rows, with " + with,
                f + "，对全部 N = " + n + " 个训练样本求和，其中 " + with);
    }

    private Answer distance(Lesson.AnswerRef ref) {
        int t = ref.round();
        RoundSummary s = summary(t);
        Params g = original(s.global());
        Params o = optimumOrFail();
        double value = s.distanceToOptimum();
        String f = "‖θ" + sub(t) + " − θ*‖ = √((w" + sub(t) + " − w*)² + (b" + sub(t) + " − b*)²) = √(("
                + fmt(g.w()) + " − " + paren(o.w()) + ")² + (" + fmt(g.b()) + " − " + paren(o.b()) + ")²) = "
                + fmt(value);
        return number(ref, value, f, f);
    }

    private Answer largestDistance(Lesson.AnswerRef ref) {
        int from = ref.round();
        int to = settings.rounds();
        optimumOrFail();
        double best = -1;
        int at = from;
        for (int t = from; t <= to; t++) {
            double d = summary(t).distanceToOptimum();
            if (d > best) {
                best = d;
                at = t;
            }
        }
        String f = "max over t = " + from + " … " + to + " of ‖θ_t − θ*‖ = ‖θ" + sub(at) + " − θ*‖ = " + fmt(best);
        return number(ref, best, f + " (after round " + at + ")", f + "（第 " + at + " 轮之后）");
    }

    private Answer centralised(Lesson.AnswerRef ref) {
        int t = ref.round();
        Params c = original(engine.baselines().centralised(t));
        if (!c.isFinite()) {
            throw new Unavailable("centralised training diverges by round " + t);
        }
        TrainingSettings tr = settings.training();
        String recipe = "E = " + tr.localEpochs() + ", B = " + (tr.batchSize().isFull() ? "full" : tr.batchSize().size())
                + ", η = " + fmt(tr.learningRate()) + ", " + tr.optimizer();
        String howEn = "one party holding all N = " + data.trainSize() + " training rows trains as a client does ("
                + recipe + " per round)";
        String howZh = "由一方持有全部 N = " + data.trainSize() + " 个训练样本，每轮像客户端一样训练（" + recipe + "）";
        if (t == 0) {
            String f = "w" + sub(0) + " = " + fmt(c.w());
            return number(ref, c.w(), f + " (the starting line)", f + "（初始直线）");
        }
        Params prev = original(engine.baselines().centralised(t - 1));
        if (units.isIdentity() && tr.localEpochs() == 1 && tr.batchSize().isFull()
                && TrainingSettings.SGD.equals(tr.optimizer())) {
            // one full-batch gradient step on the pooled data: w_t = w_{t-1} - eta (2/N) sum (y_hat - y) x
            double g = Mse.gradient(prev, data.pooledTrainX(), data.pooledTrainY()).w();
            String f = "w" + sub(t) + " = w" + sub(t - 1) + " − η (2/N) Σ (ŷ − y) x = " + fmt(prev.w()) + " − "
                    + fmt(tr.learningRate()) + " × " + paren(g) + " = " + fmt(c.w());
            return number(ref, c.w(), howEn + ": " + f, howZh + "：" + f);
        }
        String f = "w" + sub(t - 1) + " = " + fmt(prev.w()) + " → w" + sub(t) + " = " + fmt(c.w());
        return number(ref, c.w(), howEn + ": " + f, howZh + "：" + f);
    }

    private Answer optimum(Lesson.AnswerRef ref, boolean slope) {
        Params o = optimumOrFail();
        double[] x = data.pooledTrainX();
        double[] y = data.pooledTrainY();
        double mx = mean(x);
        double my = mean(y);
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        String en = " (least squares on all N = " + x.length + " training rows pooled)";
        String zh = "（在汇总的全部 N = " + x.length + " 个训练样本上做最小二乘）";
        String f = slope
                ? "w* = Σ (x − x̄)(y − ȳ) / Σ (x − x̄)² = " + fmt(sxy) + " / " + fmt(sxx) + " = " + fmt(o.w())
                : "b* = ȳ − w* x̄ = " + fmt(my) + " − " + fmt(o.w()) + " × " + paren(mx) + " = " + fmt(o.b());
        return number(ref, slope ? o.w() : o.b(), f + en, f + zh);
    }

    private Answer optimumLoss(Lesson.AnswerRef ref) {
        Params o = optimumOrFail();
        double[] x = data.pooledTrainX();
        double j = Mse.loss(o, x, data.pooledTrainY());
        String f = "J* = J(θ*) = (1/N) Σ (w* x + b* − y)² = (1/" + x.length + ") × " + fmt(j * x.length) + " = " + fmt(j);
        return number(ref, j, f + ": the lowest training loss any line reaches on these data",
                f + "：在这些数据上，任何直线能达到的最低训练损失");
    }

    /** sum_k (n_k / N) theta_k*: where FedAvg lands when every client trains to its own least-squares line. */
    private Answer ownFitsMean(Lesson.AnswerRef ref, boolean slope) {
        List<org.fedstep.core.data.ClientSummary> fits = data.trainSummaries();
        int n = data.trainSize();
        double value = 0;
        StringBuilder terms = new StringBuilder();
        for (int k = 0; k < fits.size(); k++) {
            Params own = fits.get(k).ownFit();
            if (own == null || !own.isFinite()) {
                throw new Unavailable(name(k) + " has no least-squares line of its own (all its x are equal)");
            }
            double p = (double) fits.get(k).size() / n;
            value += p * pick(own, slope);
            if (k < MAX_TERMS) {
                terms.append(k == 0 ? "" : " + ").append(fits.get(k).size()).append("/").append(n).append(" × ")
                        .append(paren(pick(own, slope)));
            } else if (k == MAX_TERMS) {
                terms.append(" + …");
            }
        }
        String v = slope ? "w" : "b";
        String f = "Σ_k (n_k / N) " + v + "_k* = " + terms + " = " + fmt(value);
        return number(ref, value, f + " (each client's own least-squares line, weighted by its rows)",
                f + "（每个客户端自己的最小二乘直线，按样本数加权）");
    }

    private Answer clientMean(Lesson.AnswerRef ref) {
        int k = clientIndex(ref);
        ClientData c = data.client(k);
        if (c.trainSize() == 0) {
            throw new Unavailable(name(k) + " holds no training rows");
        }
        double sum = 0;
        for (int i = 0; i < c.trainSize(); i++) {
            sum += c.trainX(i);
        }
        double value = sum / c.trainSize();
        String f = "x̄" + sub(k + 1) + " = Σ x / n" + sub(k + 1) + " = " + fmt(sum) + " / " + c.trainSize() + " = "
                + fmt(value);
        return number(ref, value, f + " (the training rows of " + name(k) + ")", f + "（" + nameZh(k) + "的训练样本）");
    }

    private Answer pooledMean(Lesson.AnswerRef ref, boolean ofX) {
        String v = ofX ? "x" : "y";
        double total = 0;
        int n = 0;
        StringBuilder terms = new StringBuilder();
        StringBuilder sizes = new StringBuilder();
        for (int k = 0; k < data.clientCount(); k++) {
            ClientData c = data.client(k);
            double[] values = ofX ? c.trainX() : c.trainY();
            double sum = 0;
            for (double d : values) {
                sum += d;
            }
            total += sum;
            n += values.length;
            if (k < MAX_TERMS) {
                terms.append(k == 0 ? "" : " + ").append(c.trainSize()).append(" × ")
                        .append(paren(values.length == 0 ? 0 : sum / values.length));
                sizes.append(k == 0 ? "" : " + ").append(c.trainSize());
            } else if (k == MAX_TERMS) {
                terms.append(" + …");
                sizes.append(" + …");
            }
        }
        if (n == 0) {
            throw new Unavailable("there are no training rows");
        }
        double value = total / n;
        String f = v + "̄ = Σ n_k " + v + "̄_k / Σ n_k = (" + terms + ") / (" + sizes + ") = " + fmt(total) + " / " + n
                + " = " + fmt(value);
        return number(ref, value, f + ": each client sends only n_k and its own mean (or sum) of " + v,
                f + "：每个客户端只需发送 n_k 和自己的 " + v + " 均值（或总和）");
    }

    /**
     * 2 / lambda_max of the Hessian of the pooled training loss, in the space the model is trained in: full-batch
     * gradient descent with a larger learning rate diverges (along the Hessian's steepest direction).
     */
    private Answer maxStableRate(Lesson.AnswerRef ref) {
        double[] x = data.pooledTrainX();
        int n = x.length;
        double sx = 0;
        double sxx = 0;
        for (double raw : x) {
            double z = units.toModelX(raw);
            sx += z;
            sxx += z * z;
        }
        // H = (2/N) [[sum x^2, sum x], [sum x, N]]
        double a = 2 * sxx / n;
        double b = 2 * sx / n;
        double c = 2.0;
        double mid = (a + c) / 2;
        double rad = Math.sqrt((a - c) * (a - c) / 4 + b * b);
        double lambdaMax = mid + rad;
        double lambdaMin = mid - rad;
        double value = 2 / lambdaMax;
        String f = "H = (2/N) [[Σx², Σx], [Σx, N]] = [[" + fmt(a) + ", " + fmt(b) + "], [" + fmt(b) + ", " + fmt(c)
                + "]], λ_max = " + fmt(lambdaMax) + ", λ_min = " + fmt(lambdaMin) + "; η < 2 / λ_max = " + fmt(value);
        String cond = lambdaMin > 0 ? fmt(lambdaMax / lambdaMin) : "∞";
        String spaceEn = units.isIdentity() ? "x in original units" : "x as z-scores (standardisation is on)";
        String spaceZh = units.isIdentity() ? "x 为原始单位" : "x 为 z 分数（已开启标准化）";
        return number(ref, value, f + " (" + spaceEn + "; full-batch gradient descent on the pooled loss converges only "
                        + "below this rate; λ_max / λ_min = " + cond + ")",
                f + "（" + spaceZh + "；在汇总损失上做全批量梯度下降，学习率必须低于此值才会收敛；λ_max / λ_min = " + cond + "）");
    }

    /**
     * The source article's aggregation rule theta_{t+1} = theta_t - alpha * sum_i w_i delta_i / n with w_i = 1/n,
     * applied to the updates that really arrived in round t (alpha: the learning rate, n: the number of uploads).
     */
    private Answer articleRule(Lesson.AnswerRef ref) {
        int t = ref.round();
        RoundDetail d = detail(t);
        List<ClientUpload> ups = d.upload().uploads();
        if (ups.isEmpty()) {
            throw new Unavailable("no client uploads in round " + t);
        }
        Params prev = original(d.update().previous());
        double alpha = settings.training().learningRate();
        int n = ups.size();
        double sum = 0;
        for (ClientUpload u : ups) {
            sum += units.deltaToOriginal(u.delta()).w();
        }
        double value = prev.w() - alpha * (sum / n) / n;
        double fedAvg = original(d.update().global()).w();
        String f = "w" + sub(t - 1) + " − α Σ (1/n) Δw_i / n = " + fmt(prev.w()) + " − " + fmt(alpha) + " × ("
                + fmt(sum) + " / " + n + ") / " + n + " = " + fmt(value);
        String fa = "w" + sub(t) + " = w" + sub(t - 1) + " + Σ p_k Δw_k = " + fmt(fedAvg);
        return number(ref, value, "the article's rule: " + f + "; FedAvg instead adds the weighted mean update: " + fa,
                "文章的公式：" + f + "；而 FedAvg 是加上加权平均更新量：" + fa);
    }

    // ------------------------------------------------------------------ clients

    private Answer samples(Lesson.AnswerRef ref) {
        int k = clientIndex(ref);
        int n = data.client(k).trainSize();
        String f = "n" + sub(k + 1) + " = " + n;
        return number(ref, n, f + ": the training rows " + name(k) + " holds", f + "：" + nameZh(k) + "持有的训练样本数");
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
        if (up.arrival() != null) {
            // FedAsync weighs the one arriving update by its staleness, not by n_k
            boolean arrived = up.uploads().get(0).client() == k;
            double alpha = arrived ? detail(t).aggregate().aggregation().terms().get(0).weight() : 0;
            return number(ref, alpha, arrived
                            ? "FedAsync: the update of " + name(k) + " arrives " + up.arrival().staleness()
                                    + " updates stale and is mixed in with α_t = " + fmt(alpha)
                            : "FedAsync: in round " + t + " only " + name(up.uploads().get(0).client())
                                    + "'s update arrives, so " + name(k) + " has weight 0",
                    arrived ? "FedAsync：" + nameZh(k) + " 的更新到达时已过时 " + up.arrival().staleness()
                            + " 次更新，以 α_t = " + fmt(alpha) + " 混入模型"
                            : "FedAsync：第 " + t + " 轮只有" + nameZh(up.uploads().get(0).client()) + "的更新到达，因此"
                                    + nameZh(k) + "的权重为 0");
        }
        if (up.secure() != null && !up.secure().complete()) {
            return number(ref, 0, "only " + up.secure().survivors().size() + " masked vectors arrived in round " + t
                            + ", fewer than the t = " + up.secure().threshold() + " needed to unmask their sum: no"
                            + " update is used, so " + p + " = 0",
                    "第 " + t + " 轮只收到 " + up.secure().survivors().size() + " 个加掩码的向量，少于去掉掩码所需的 t = "
                            + up.secure().threshold() + "：没有任何更新被使用，因此 " + p + " = 0");
        }
        if (mine == null) {
            boolean dropped = up.droppedOut().contains(k);
            return number(ref, 0, name(k) + " " + (dropped ? "dropped out before uploading" : "was not sampled")
                            + " in round " + t + ", so nothing of it reaches the server: " + p + " = 0",
                    nameZh(k) + "在第 " + t + " 轮" + (dropped ? "训练后掉线，未能上传" : "没有被抽中")
                            + "，它的任何东西都没有到达服务器：" + p + " = 0");
        }
        int m = up.uploads().size();
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
            String over = m == 1 ? String.valueOf(total) : "(" + sum + ")";
            String f = p + " = n" + sub(k + 1) + " / Σ n = " + mine.samples() + " / " + over + " = " + mine.samples()
                    + " / " + total + " = " + fmt(mine.weight());
            return number(ref, mine.weight(), f + " (Σ over the " + m + " uploads of round " + t + ")",
                    f + "（对第 " + t + " 轮的 " + m + " 个上传求和）");
        }
        String f = p + " = 1 / m = 1 / " + m + " = " + fmt(mine.weight());
        return number(ref, mine.weight(), f + " (uniform weighting over the " + m + " uploads of round " + t + ")",
                f + "（在第 " + t + " 轮的 " + m + " 个上传之间平均分配权重）");
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
        int e = settings.training().localEpochs();
        String f = "w_k = " + fmt(end.w()) + ", Δw_k = w_k − w" + sub(t - 1) + " = " + fmt(end.w() - start.w());
        return number(ref, end.w(), name(k) + " starts from w" + sub(t - 1) + " = " + fmt(start.w()) + " and takes "
                        + c.steps() + " " + settings.training().optimizer() + " step" + (c.steps() == 1 ? "" : "s")
                        + " (E = " + e + ") on its " + c.samples() + " rows: " + f,
                nameZh(k) + "从 w" + sub(t - 1) + " = " + fmt(start.w()) + " 出发，在自己的 " + c.samples() + " 个样本上做了 "
                        + c.steps() + " 步 " + settings.training().optimizer() + "（E = " + e + "）：" + f);
    }

    /** dJ_k/dw or dJ_k/db at the model round t broadcasts, on client k's training rows, in original units. */
    private Answer gradient(Lesson.AnswerRef ref, boolean slope) {
        int k = clientIndex(ref);
        int t = ref.round();
        Params at = original(summary(t - 1).global());
        ClientData c = data.client(k);
        double[] x = c.trainX();
        double[] y = c.trainY();
        if (x.length == 0) {
            throw new Unavailable(name(k) + " holds no training rows");
        }
        Params g = Mse.gradient(at, x, y);
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double r = at.w() * x[i] + at.b() - y[i];
            sum += slope ? r * x[i] : r;
        }
        double value = slope ? g.w() : g.b();
        String d = slope ? "∂J_k/∂w = (2/n_k) Σ (ŷ − y) x" : "∂J_k/∂b = (2/n_k) Σ (ŷ − y)";
        String f = d + " = (2/" + x.length + ") × " + paren(sum) + " = " + fmt(value);
        String model = "θ" + sub(t - 1) + " = (" + fmt(at.w()) + ", " + fmt(at.b()) + ")";
        return number(ref, value, "at " + model + ", on the " + x.length + " training rows of " + name(k) + ": " + f,
                "在 " + model + " 处，用" + nameZh(k) + "的 " + x.length + " 个训练样本：" + f);
    }

    private Answer uploads(Lesson.AnswerRef ref) {
        int t = ref.round();
        RoundDetail d = detail(t);
        if (d.upload().arrival() != null) {
            int k = d.upload().uploads().get(0).client();
            return number(ref, 1, "FedAsync: one update arrives per round; in round " + t + " it is " + name(k)
                            + "'s, at time " + fmt(d.upload().arrival().time()),
                    "FedAsync：每轮到达一个更新；第 " + t + " 轮是" + nameZh(k) + "的，在时间 "
                            + fmt(d.upload().arrival().time()));
        }
        List<Integer> sampled = d.broadcast().recipients();
        int k = engine.clientCount();
        double c = settings.strategy().clientFraction();
        int m = engine.sampledPerRound();
        int n = d.upload().uploads().size();
        List<Integer> dropped = d.upload().droppedOut();
        String f = "m = max(round(C K), 1) = max(round(" + fmt(c) + " × " + k + "), 1) = " + m;
        String en = f + " clients sampled (" + clients(sampled) + ")";
        String zh = f + " 个客户端被抽中（" + clients(sampled) + "）";
        if (!dropped.isEmpty()) {
            en += "; " + dropped.size() + " dropped out (" + clients(dropped) + ")";
            zh += "；其中 " + dropped.size() + " 个掉线（" + clients(dropped) + "）";
        }
        return number(ref, n, en + ": " + n + " upload" + (n == 1 ? "" : "s") + " in round " + t,
                zh + "：第 " + t + " 轮共有 " + n + " 个上传");
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
                String f = before + "J(θ" + sub(t) + ") = " + fmt(s.trainLoss()) + " ≤ " + fmt(target);
                return number(ref, t, "the training loss first reaches " + fmt(target) + " after round " + t + ": " + f,
                        "训练损失在第 " + t + " 轮之后首次达到 " + fmt(target) + "：" + f);
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
                ? "p_k = n_k / Σ n" : "p_k = 1 / m";
        return best(ref, ks, vs, true, new Lesson.Text(rule + " over the uploads of round " + t,
                rule + "，在第 " + t + " 轮的上传之间"), "p");
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
        String f = "‖θ_k − θ" + sub(t - 1) + "‖ = √(Δw_k² + Δb_k²)";
        return best(ref, ks, vs, true, new Lesson.Text("drift " + f + " after local training in round " + t,
                "第 " + t + " 轮本地训练后的漂移 " + f), "‖Δ‖");
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
        String f = "J_k(θ" + sub(t) + ") = (1/n_k) Σ (w" + sub(t) + " x + b" + sub(t) + " − y)²";
        return best(ref, ks, vs, false, new Lesson.Text(f + " on each client's training rows",
                f + "，在每个客户端自己的训练样本上计算"), "J");
    }

    private Answer notSampled(Lesson.AnswerRef ref) {
        int t = ref.round();
        RoundDetail d = detail(t);
        List<Integer> out = d.broadcast().notSampled();
        if (out.isEmpty()) {
            throw new Unavailable("every client is sampled in round " + t + " (C = "
                    + fmt(settings.strategy().clientFraction()) + ")");
        }
        int m = d.broadcast().recipients().size();
        String f = "m = " + m + " / K = " + engine.clientCount();
        return new Answer(ref, out.size(), out, new Lesson.Text(
                f + ": round " + t + " sends θ" + sub(t - 1) + " to " + clientsEn(d.broadcast().recipients())
                        + " only; not sampled: " + clientsEn(out),
                f + "：第 " + t + " 轮只把 θ" + sub(t - 1) + " 发给客户端 " + clients(d.broadcast().recipients())
                        + "；未被抽中：" + clients(out)));
    }

    private Answer droppedOut(Lesson.AnswerRef ref) {
        int t = ref.round();
        UploadRecord up = detail(t).upload();
        if (up.droppedOut().isEmpty()) {
            throw new Unavailable("no client drops out in round " + t);
        }
        String p = fmt(settings.strategy().dropoutProbability());
        return new Answer(ref, up.droppedOut().size(), up.droppedOut(), new Lesson.Text(
                "each sampled client fails to upload with probability " + p + "; in round " + t + " "
                        + clientsEn(up.droppedOut()) + " trained but "
                        + (up.droppedOut().size() == 1 ? "its update never arrived" : "their updates never arrived")
                        + " (p_k = 0)",
                "每个被抽中的客户端以概率 " + p + " 上传失败；第 " + t + " 轮中客户端 " + clients(up.droppedOut())
                        + " 完成了训练，但更新没有到达服务器（p_k = 0）"));
    }

    /** The client(s) with the largest (or smallest) value; values within a relative 1e-9 count as tied. */
    private Answer best(Lesson.AnswerRef ref, List<Integer> ks, List<Double> vs, boolean largest, Lesson.Text rule,
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
        String en = winners.size() == 1 ? name(winners.get(0))
                : "tied: " + String.join(", ", winners.stream().map(this::name).toList());
        String zh = winners.size() == 1 ? nameZh(winners.get(0))
                : "并列：" + String.join("、", winners.stream().map(this::nameZh).toList());
        return new Answer(ref, bestValue, winners, new Lesson.Text(
                rule.en() + ": " + list + "; " + (largest ? "largest" : "lowest") + ": " + en + " (" + fmt(bestValue) + ")",
                rule.zh() + "：" + list + "；" + (largest ? "最大" : "最小") + "：" + zh + "（" + fmt(bestValue) + "）"));
    }

    // ------------------------------------------------------------------ privacy, traffic, bad clients

    private Answer meanUpdate(Lesson.AnswerRef ref, boolean slope) {
        int t = ref.round();
        RoundDetail d = detail(t);
        Aggregation a = d.aggregate().aggregation();
        Params mean = units.deltaToOriginal(a.meanUpdate());
        double value = pick(mean, slope);
        String v = slope ? "Δw" : "Δb";
        String en;
        String zh;
        if (d.upload().arrival() != null) {
            // FedAsync: the server's step is alpha_t (theta_k - theta_{t-1})
            WeightedTerm w = a.terms().get(0);
            value = pick(units.deltaToOriginal(a.serverStep()), slope);
            String c = slope ? "w" : "b";
            String f = v + "_t = α_t (" + c + "_k − " + c + sub(t - 1) + ") = " + fmt(w.weight()) + " × "
                    + paren(pick(units.deltaToOriginal(w.delta()), slope)) + " = " + fmt(value);
            return number(ref, value, f + " (FedAsync: the step towards the arriving client's model)",
                    f + "（FedAsync：朝到达的客户端模型迈出的一步）");
        }
        if (a.robust() != null) {
            String name = settings.strategy().kind();
            en = "the robust rule (" + name + ") makes " + v + "_t = " + fmt(value) + " from the " + a.terms().size()
                    + " uploads of round " + t + ", whatever their weights";
            zh = "稳健规则（" + name + "）由第 " + t + " 轮的 " + a.terms().size() + " 个上传得到 " + v + "_t = " + fmt(value)
                    + "，与权重无关";
        } else if (d.upload().secure() != null) {
            en = "the server unmasks only the sum: " + v + "_t = Σ a_k " + v + "_k / Σ a_k = " + fmt(value)
                    + " (plain FedAvg of the same updates: " + fmt(pick(units.deltaToOriginal(d.upload().plainMean()),
                    slope)) + ")";
            zh = "服务器只能解开总和：" + v + "_t = Σ a_k " + v + "_k / Σ a_k = " + fmt(value) + "（同样的更新按明文 FedAvg："
                    + fmt(pick(units.deltaToOriginal(d.upload().plainMean()), slope)) + "）";
        } else {
            StringBuilder terms = new StringBuilder();
            int shown = 0;
            for (WeightedTerm w : a.terms()) {
                if (shown++ == MAX_TERMS) {
                    terms.append(" + …");
                    break;
                }
                terms.append(terms.length() == 0 ? "" : " + ").append(fmt(w.weight())).append(" × ")
                        .append(paren(pick(units.deltaToOriginal(w.delta()), slope)));
            }
            boolean noisy = !a.noise().equals(Params.ZERO);
            double noise = pick(units.deltaToOriginal(a.noise()), slope);
            String f = v + "_t = Σ p_k " + v + "_k" + (noisy ? " + ξ" : "") + " = " + terms
                    + (noisy ? " + " + paren(noise) : "") + " = " + fmt(value);
            en = f;
            zh = f;
        }
        return number(ref, value, en, zh);
    }

    private UploadProcessing processing(int t, int k) {
        UploadRecord up = detail(t).upload();
        UploadProcessing p = up.processingOf(k);
        if (p == null) {
            throw new Unavailable(name(k) + " does not upload in round " + t);
        }
        return p;
    }

    private Answer updateNorm(Lesson.AnswerRef ref) {
        int k = clientIndex(ref);
        int t = ref.round();
        UploadProcessing p = processing(t, k);
        Params d = p.afterAttack();
        String f = "‖Δ" + sub(k + 1) + "‖ = √(" + paren(d.w()) + "² + " + paren(d.b()) + "²) = " + fmt(p.norm());
        String space = units.isIdentity() ? "" : " (z-scores, where the model trains)";
        String spaceZh = units.isIdentity() ? "" : "（z 分数，即模型训练所在的空间）";
        return number(ref, p.norm(), f + space + ", before clipping", f + spaceZh + "，裁剪之前");
    }

    private Answer clippedCount(Lesson.AnswerRef ref) {
        int t = ref.round();
        UploadRecord up = detail(t).upload();
        if (Double.isNaN(up.clipNorm())) {
            throw new Unavailable("these settings do not clip (privacy.clipping is none)");
        }
        List<Integer> clipped = clippedIn(up);
        String s = "S = " + fmt(up.clipNorm());
        return number(ref, clipped.size(), s + ": " + clipped.size() + " of the " + up.processing().size()
                        + " updates of round " + t + " have ‖Δ_k‖ > S and are scaled down"
                        + (clipped.isEmpty() ? "" : " (clients " + clients(clipped) + ")"),
                s + "：第 " + t + " 轮的 " + up.processing().size() + " 个更新中有 " + clipped.size()
                        + " 个满足 ‖Δ_k‖ > S，被按比例缩小" + (clipped.isEmpty() ? "" : "（客户端 " + clients(clipped) + "）"));
    }

    private Answer noiseSd(Lesson.AnswerRef ref) {
        int t = ref.round();
        var privacy = settings.privacyOrOff();
        if (!org.fedstep.core.settings.PrivacySettings.CENTRAL.equals(privacy.noise())) {
            throw new Unavailable("these settings add no central noise (privacy.noise is " + privacy.noise() + ")");
        }
        UploadRecord up = detail(t).upload();
        int m = up.uploads().size();
        if (m == 0) {
            throw new Unavailable("no client uploads in round " + t + ", so the server adds no noise");
        }
        double z = privacy.noiseMultiplier();
        boolean adaptive = org.fedstep.core.settings.PrivacySettings.ADAPTIVE.equals(privacy.clipping());
        double zu = adaptive ? org.fedstep.core.privacy.Clipping.updateNoiseMultiplier(z) : z;
        double sd = zu * up.clipNorm() / m;
        String f = "σ = z S / m = " + fmt(zu) + " × " + fmt(up.clipNorm()) + " / " + m + " = " + fmt(sd);
        String note = adaptive ? " (z' = z / √0.95: adaptive clipping's count takes 5 % of the budget)" : "";
        String noteZh = adaptive ? "（z' = z / √0.95：自适应裁剪的计数占用 5% 的预算）" : "";
        return number(ref, sd, f + note, f + noteZh);
    }

    private Answer epsilon(Lesson.AnswerRef ref) {
        int t = ref.round();
        summary(t);
        var meter = engine.privacyMeter();
        if (!meter.noisy()) {
            throw new Unavailable("these settings add no noise, so there is no privacy guarantee (epsilon is infinite)");
        }
        var g = engine.privacyAfter(t);
        String mech = meter.perClient()
                ? "the Gaussian mechanism (z = " + fmt(settings.privacyOrOff().noiseMultiplier()) + ") once per upload"
                : "the sampled Gaussian mechanism (q = " + fmt(meter.samplingRate()) + ", z = "
                        + fmt(settings.privacyOrOff().noiseMultiplier()) + ") once per round";
        String mechZh = meter.perClient()
                ? "每次上传一次高斯机制（z = " + fmt(settings.privacyOrOff().noiseMultiplier()) + "）"
                : "每轮一次带采样的高斯机制（q = " + fmt(meter.samplingRate()) + "，z = "
                        + fmt(settings.privacyOrOff().noiseMultiplier()) + "）";
        String f = "ε = min_α [RDP(α) + ln(1/δ) / (α − 1)] = " + fmt(g.epsilon()) + " at δ = " + fmt(g.delta())
                + (Double.isNaN(g.order()) ? "" : " (best α = " + fmt(g.order()) + ")");
        return number(ref, g.epsilon(), "after round " + t + ", composing " + mech + ": " + f,
                "第 " + t + " 轮之后，组合" + mechZh + "：" + f);
    }

    private Answer bytes(Lesson.AnswerRef ref, boolean down, boolean cumulative) {
        int t = ref.round();
        summary(t);
        long total = 0;
        long[] last = {0, 0};
        for (int r = cumulative ? 1 : t; r <= t; r++) {
            last = engine.traffic().totals(engine.summary(r));
            total += down ? last[0] : last[1];
        }
        RoundSummary s = engine.summary(t);
        String what = down ? "down" : "up";
        String whatZh = down ? "下行" : "上行";
        if (cumulative) {
            return number(ref, total, "bytes " + what + " in rounds 1 to " + t + ": " + total,
                    "第 1 到第 " + t + " 轮的" + whatZh + "字节数：" + total);
        }
        // the clients the broadcast reached: the sampled ones, or (asynchronous) those starting a job
        int m = s.async() != null ? s.async().started().length : s.sampled().length;
        boolean secure = settings.secureAggregationOrOff().on();
        String per;
        String perZh;
        if (secure) {
            int bits = settings.secureAggregationOrOff().modulusBits();
            per = down ? m + " clients each get the other " + (m - 1) + " public keys and the shares made for them,"
                    + " 64 bits each"
                    : "each of the " + m + " clients sends its public key and " + (m - 1) + " shares (64 bits each);"
                            + " each of the " + s.uploaded().length + " uploads sends 3 masked numbers of " + bits
                            + " bits" + (s.uploaded().length < m ? "; survivors send shares of those that dropped out"
                            : "");
            perZh = down ? m + " 个客户端各自收到其余 " + (m - 1) + " 个公钥和为它生成的份额，每个 64 位"
                    : m + " 个客户端各发送自己的公钥和 " + (m - 1) + " 份份额（每个 64 位）；" + s.uploaded().length
                            + " 个上传各发送 3 个 " + bits + " 位的加掩码数" + (s.uploaded().length < m
                            ? "；幸存者还要发送掉线者的份额" : "");
        } else {
            per = down ? m + " clients × " + (m == 0 ? 0 : last[0] / m) + " bytes (the model as 32-bit floats)"
                    : s.uploaded().length + " uploads: each update and its n_k (numbers as 32-bit floats, counts as"
                            + " 32-bit integers, compressed updates as their bits)";
            perZh = down ? m + " 个客户端 × " + (m == 0 ? 0 : last[0] / m) + " 字节（模型按 32 位浮点数计）"
                    : s.uploaded().length + " 个上传：每个更新及其 n_k（数值按 32 位浮点数，计数按 32 位整数，压缩后的更新按其位数）";
        }
        return number(ref, total, "round " + t + " sends " + total + " bytes " + what + ": " + per
                        + " (docs/exports.md)",
                "第 " + t + " 轮" + whatZh + " " + total + " 字节：" + perZh + "（见 docs/exports.md）");
    }

    private Answer clippedClients(Lesson.AnswerRef ref) {
        int t = ref.round();
        UploadRecord up = detail(t).upload();
        List<Integer> clipped = clippedIn(up);
        if (clipped.isEmpty()) {
            throw new Unavailable("no update is clipped in round " + t);
        }
        String s = "S = " + fmt(up.clipNorm());
        return new Answer(ref, clipped.size(), clipped, new Lesson.Text(
                s + ": in round " + t + " the updates of clients " + clients(clipped) + " have ‖Δ_k‖ > S and are"
                        + " scaled by S / ‖Δ_k‖",
                s + "：第 " + t + " 轮中客户端 " + clients(clipped) + " 的更新满足 ‖Δ_k‖ > S，按 S / ‖Δ_k‖ 缩小"));
    }

    /** The clients whose update clipping scaled down. */
    private static List<Integer> clippedIn(UploadRecord up) {
        List<Integer> clipped = new ArrayList<>();
        for (UploadProcessing p : up.processing()) {
            if (p.clipped()) {
                clipped.add(p.client());
            }
        }
        return clipped;
    }

    private Answer largestUpdate(Lesson.AnswerRef ref) {
        int t = ref.round();
        UploadRecord up = detail(t).upload();
        if (up.processing().isEmpty()) {
            throw new Unavailable("no client uploads in round " + t);
        }
        List<Integer> ks = new ArrayList<>();
        List<Double> vs = new ArrayList<>();
        for (UploadProcessing p : up.processing()) {
            ks.add(p.client());
            vs.add(p.norm());
        }
        return best(ref, ks, vs, true, new Lesson.Text("‖Δ_k‖ of each upload in round " + t + " (before clipping)",
                "第 " + t + " 轮每个上传的 ‖Δ_k‖（裁剪之前）"), "‖Δ‖");
    }

    private Answer leftOut(Lesson.AnswerRef ref) {
        int t = ref.round();
        Aggregation a = detail(t).aggregate().aggregation();
        Aggregation.Robust r = a.robust();
        if (r == null) {
            throw new Unavailable("strategy " + settings.strategy().kind() + " uses every upload; only the robust rules"
                    + " (median, trimmed-mean, krum, multi-krum) leave some out");
        }
        List<Integer> out = new ArrayList<>();
        for (WeightedTerm w : a.terms()) {
            if (!r.usedAnywhere(w.client())) {
                out.add(w.client());
            }
        }
        if (out.isEmpty()) {
            throw new Unavailable("the rule uses a value of every upload in round " + t);
        }
        boolean krum = !r.scores().isEmpty();
        String used = clients(r.chosen().isEmpty() ? union(r.usedByCoordinate()) : r.chosen());
        return new Answer(ref, out.size(), out, new Lesson.Text(
                (krum ? "Krum keeps the lowest-scored update(s), clients " + used
                        : "the coordinate-wise rule uses values of clients " + used + " only")
                        + "; left out in round " + t + ": clients " + clients(out),
                (krum ? "Krum 保留得分最低的更新，客户端 " + used : "逐坐标规则只用到客户端 " + used + " 的数值")
                        + "；第 " + t + " 轮被排除的：客户端 " + clients(out)));
    }

    private static List<Integer> union(List<List<Integer>> lists) {
        java.util.TreeSet<Integer> s = new java.util.TreeSet<>();
        lists.forEach(s::addAll);
        return new ArrayList<>(s);
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

    private String nameZh(int k) {
        String n = data.client(k).name();
        String plain = "客户端 " + (k + 1);
        return n == null || n.equals("Client " + (k + 1)) ? plain : plain + "（" + n + "）";
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

    /** "client 3" or "clients 1, 3": the list with its noun in the right number. */
    private static String clientsEn(List<Integer> ks) {
        return (ks.size() == 1 ? "client " : "clients ") + clients(ks);
    }

    private static Answer number(Lesson.AnswerRef ref, double value, String en, String zh) {
        if (!Double.isFinite(value)) {
            throw new Unavailable(ref.key().key() + " is not a finite number for these settings (" + value + ")");
        }
        return new Answer(ref, value, List.of(), new Lesson.Text(en, zh));
    }

    private static double pick(Params p, boolean slope) {
        return slope ? p.w() : p.b();
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s / v.length;
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

    /**
     * A number for reading: whole numbers as they are, else 4 decimals (fewer from 1,000 up: 81158.19, 8810954)
     * without trailing zeros; tiny and huge numbers with 3 significant digits.
     */
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
        // four decimals for everyday numbers, fewer for large ones: about eight digits at most
        int decimals = Math.max(0, 4 - Math.max(0, (int) Math.floor(Math.log10(Math.abs(x))) - 2));
        String s = String.format(Locale.ROOT, "%." + decimals + "f", x);
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s.equals("-0") ? "0" : s;
    }

    /** A number in brackets when negative, so "a − (−b)" reads right. */
    private static String paren(double x) {
        return x < 0 ? "(" + fmt(x) + ")" : fmt(x);
    }
}
