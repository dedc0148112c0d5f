package org.fedstep.core.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Refuses settings that cannot run, with one message per problem that names the setting, what is allowed and what
 * was found. Checks that need the data (e.g. more clients than rows) happen where the data are loaded.
 */
public final class SettingsValidator {

    public static final int MAX_CLIENTS = 1000;
    public static final int MAX_ROUNDS = 1_000_000;

    private final List<String> problems = new ArrayList<>();

    private SettingsValidator() { }

    /**
     * Fills defaults, checks everything, and returns the effective settings.
     *
     * @throws InvalidSettingsException listing every problem found
     */
    public static Settings validate(Settings raw) {
        SettingsValidator v = new SettingsValidator();
        if (raw.version() != null && raw.version() > Settings.CURRENT_VERSION) {
            throw new InvalidSettingsException("version " + raw.version() + " was written by a newer FedStep; this one"
                    + " reads versions 1 to " + Settings.CURRENT_VERSION);
        }
        if (raw.version() != null && raw.version() < 1) {
            throw new InvalidSettingsException("version must be " + (Settings.CURRENT_VERSION == 1 ? "1"
                    : "1 to " + Settings.CURRENT_VERSION) + " (found " + raw.version() + ")");
        }
        Settings s = raw.withDefaults();
        v.check(s);
        if (!v.problems.isEmpty()) {
            throw new InvalidSettingsException(v.problems);
        }
        return s;
    }

    private void check(Settings s) {
        range("rounds", s.rounds(), 0, MAX_ROUNDS);
        checkDataset(s.dataset());
        checkClients(s.clients(), s.dataset(),
                s.partition() != null && PartitionSettings.NATURAL.equals(s.partition().kind()));
        checkPartition(s.partition(), s.dataset());
        checkModel(s.model());
        checkTraining(s.training());
        checkStrategy(s.strategy(), s.training());
        checkAsync(s);
        if (s.privacy() != null) {
            checkPrivacy(s.privacy(), s.strategy());
        }
        if (s.secureAggregation() != null) {
            checkSecureAggregation(s.secureAggregation(), s.strategy(), s.compressionOrOff());
        }
        if (s.compression() != null) {
            checkCompression(s.compression(), s.model() == null ? 2 : s.model().parameterCount());
        }
        if (s.attack() != null) {
            checkAttack(s.attack());
        }
    }

    private void checkPrivacy(PrivacySettings p, StrategySettings st) {
        boolean clipping = oneOf("privacy.clipping", p.clipping(), PrivacySettings.CLIPPINGS);
        boolean noise = oneOf("privacy.noise", p.noise(), PrivacySettings.NOISES);
        if (!clipping || !noise) {
            return;
        }
        if (p.clips()) {
            positive("privacy.clipNorm", p.clipNorm());
        } else {
            notFor("privacy.clipNorm", p.clipNorm(), "privacy.clipping none");
        }
        boolean adaptive = PrivacySettings.ADAPTIVE.equals(p.clipping());
        if (adaptive) {
            if (p.targetQuantile() == null || !(p.targetQuantile() > 0 && p.targetQuantile() < 1)) {
                problems.add("privacy.targetQuantile must be greater than 0 and less than 1 (found "
                        + fmt(p.targetQuantile()) + ")");
            }
            positive("privacy.clipLearningRate", p.clipLearningRate());
        } else {
            notFor("privacy.targetQuantile", p.targetQuantile(), "privacy.clipping " + p.clipping());
            notFor("privacy.clipLearningRate", p.clipLearningRate(), "privacy.clipping " + p.clipping());
        }
        if (!p.noisy()) {
            notFor("privacy.noiseMultiplier", p.noiseMultiplier(), "privacy.noise none");
            notFor("privacy.delta", p.delta(), "privacy.noise none (there is no guarantee to state)");
            return;
        }
        atLeast("privacy.noiseMultiplier", p.noiseMultiplier(), 0);
        if (p.delta() == null || !(p.delta() > 0 && p.delta() < 1)) {
            problems.add("privacy.delta must be greater than 0 and less than 1 (found " + fmt(p.delta()) + ")");
        }
        if (!p.clips()) {
            problems.add("privacy.noise " + p.noise() + " needs a bound on each update: set privacy.clipping to fixed"
                    + " or adaptive");
        }
        if (PrivacySettings.CENTRAL.equals(p.noise()) && !StrategySettings.WEIGHT_UNIFORM.equals(st.weighting())) {
            problems.add("privacy.noise central averages the clipped updates with equal weights, so that one client"
                    + " moves the mean by at most S / m: strategy.weighting must be uniform (found \""
                    + st.weighting() + "\")");
        }
        if (StrategySettings.SCAFFOLD.equals(st.kind()) || st.isRobust()) {
            problems.add("privacy.noise does not work with strategy.kind " + st.kind() + (st.isRobust()
                    ? " (a robust rule's sensitivity is not S / m)" : " (its control variates would leave unprotected)")
                    + "; use fedavg, fedprox, fedavgm, fedadam, fedyogi or fedadagrad");
        }
        if (adaptive && PrivacySettings.LOCAL.equals(p.noise())) {
            problems.add("privacy.clipping adaptive is the server's rule (it privatises a count of clipped updates);"
                    + " with privacy.noise local use privacy.clipping fixed");
        }
    }

    private void checkSecureAggregation(SecureAggregationSettings a, StrategySettings st, CompressionSettings c) {
        if (!a.on()) {
            notFor("secureAggregation.threshold", a.threshold(), "secureAggregation without enabled true");
            notFor("secureAggregation.modulusBits", a.modulusBits(), "secureAggregation without enabled true");
            notFor("secureAggregation.precisionBits", a.precisionBits(), "secureAggregation without enabled true");
            return;
        }
        if (a.threshold() != null && a.threshold() < 2) {
            problems.add("secureAggregation.threshold must be at least 2 (found " + a.threshold() + ")");
        }
        range("secureAggregation.modulusBits", a.modulusBits(), 24, 62);
        if (a.modulusBits() != null) {
            range("secureAggregation.precisionBits", a.precisionBits(), 4, a.modulusBits() - 16);
        }
        if (StrategySettings.SCAFFOLD.equals(st.kind()) || st.isRobust()) {
            problems.add("secureAggregation shows the server only the sum of the updates, which strategy.kind "
                    + st.kind() + " cannot work with; use fedavg, fedsgd, fedprox, fedavgm, fedadam, fedyogi or"
                    + " fedadagrad");
        }
        if (c.on()) {
            problems.add("secureAggregation masks full-precision updates: set compression.kind to none (found \""
                    + c.kind() + "\")");
        }
    }

    /** @param parameters how many coordinates an update has: d + 1 */
    private void checkCompression(CompressionSettings c, int parameters) {
        if (!oneOf("compression.kind", c.kind(), CompressionSettings.KINDS)) {
            return;
        }
        if (CompressionSettings.QUANTIZE.equals(c.kind())) {
            range("compression.bits", c.bits(), 1, 16);
        } else {
            notFor("compression.bits", c.bits(), "compression.kind " + c.kind());
        }
        if (CompressionSettings.TOP_K.equals(c.kind())) {
            if (c.k() == null || c.k() < 1 || c.k() > parameters) {
                problems.add("compression.k must be a whole number from 1 to " + parameters + ", the model's "
                        + "parameters" + (parameters == 2 ? " (w, b)" : " (model.degree " + (parameters - 1) + ")")
                        + " (found " + c.k() + ")");
            }
        } else {
            notFor("compression.k", c.k(), "compression.kind " + c.kind());
        }
        if (!c.on()) {
            notFor("compression.errorFeedback", c.errorFeedback(), "compression.kind none");
        }
    }

    private void checkAttack(AttackSettings a) {
        if (!a.on()) {
            notFor("attack.kind", a.kind(), "an attack without attack.clients");
            notFor("attack.factor", a.factor(), "an attack without attack.clients");
            notFor("attack.shift", a.shift(), "an attack without attack.clients");
            return;
        }
        for (int i = 0; i < a.clients().size(); i++) {
            range("attack.clients[" + i + "]", a.clients().get(i), 1, MAX_CLIENTS);
        }
        if (!oneOf("attack.kind", a.kind(), AttackSettings.KINDS)) {
            return;
        }
        if (AttackSettings.SCALE.equals(a.kind())) {
            finite("attack.factor", a.factor());
        } else if (AttackSettings.NOISE.equals(a.kind())) {
            positive("attack.factor", a.factor());
        } else {
            notFor("attack.factor", a.factor(), "attack.kind " + a.kind());
        }
        if (AttackSettings.POISON.equals(a.kind())) {
            finite("attack.shift", a.shift());
        } else {
            notFor("attack.shift", a.shift(), "attack.kind " + a.kind());
        }
    }

    private void checkDataset(DatasetSettings d) {
        if (!oneOf("dataset.kind", d.kind(), DatasetSettings.KINDS)) {
            return;
        }
        switch (d.kind()) {
            case DatasetSettings.SYNTHETIC -> {
                finite("dataset.slope", d.slope());
                finite("dataset.intercept", d.intercept());
                atLeast("dataset.noise", d.noise(), 0);
                oneOf("dataset.noiseKind", d.noiseKind(), DatasetSettings.NOISE_KINDS);
                finite("dataset.xMin", d.xMin());
                finite("dataset.xMax", d.xMax());
                if (isFinite(d.xMin()) && isFinite(d.xMax()) && !(d.xMin() < d.xMax())) {
                    problems.add("dataset.xMin must be less than dataset.xMax (found xMin " + fmt(d.xMin())
                            + ", xMax " + fmt(d.xMax()) + ")");
                }
                atLeast("dataset.slopeSpread", d.slopeSpread(), 0);
                atLeast("dataset.interceptSpread", d.interceptSpread(), 0);
                between("dataset.featureShift", d.featureShift(), 0, 1);
                atLeast("dataset.noiseSkew", d.noiseSkew(), 0);
                if (d.clientNoise() != null) {
                    for (int i = 0; i < d.clientNoise().size(); i++) {
                        atLeast("dataset.clientNoise[" + i + "]", d.clientNoise().get(i), 0);
                    }
                }
                notFor("dataset.path", d.path(), "synthetic-linear");
                notFor("dataset.name", d.name(), "synthetic-linear");
                notFor("dataset.xColumn", d.xColumn(), "synthetic-linear");
                notFor("dataset.yColumn", d.yColumn(), "synthetic-linear");
                notFor("dataset.groupColumn", d.groupColumn(), "synthetic-linear");
            }
            case DatasetSettings.SAMPLE -> {
                if (d.name() == null) {
                    problems.add("dataset.name is required for a sample data set: one of penguins, cars, anscombe,"
                            + " gapminder");
                }
                notFor("dataset.path", d.path(), "sample data (dataset.name picks the file)");
                notSyntheticKeys(d, "sample data");
            }
            case DatasetSettings.CSV -> {
                if (d.path() == null || d.path().isBlank()) {
                    problems.add("dataset.path is required for a csv data set (the file to read)");
                }
                if (d.xColumn() == null || d.yColumn() == null) {
                    problems.add("dataset.xColumn and dataset.yColumn are required for a csv data set");
                }
                notFor("dataset.name", d.name(), "csv data (dataset.path names the file)");
                notSyntheticKeys(d, "csv data");
            }
            default -> throw new IllegalStateException(d.kind());
        }
    }

    /** @param natural whether the data's groups decide the clients (then count and names are checked on loading) */
    private void checkClients(ClientSettings c, DatasetSettings d, boolean natural) {
        range("clients.count", c.count(), 1, MAX_CLIENTS);
        if (c.testFraction() == null || !(c.testFraction() >= 0 && c.testFraction() < 1)) {
            problems.add("clients.testFraction must be at least 0 and less than 1 (found " + fmt(c.testFraction()) + ")");
        }
        if (!natural && c.names() != null && c.count() != null && c.names().size() != c.count()) {
            problems.add("clients.names must name each of the " + c.count() + " clients (found "
                    + c.names().size() + " names)");
        }
        if (!d.isSynthetic()) {
            notFor("clients.samples", c.samples(), d.kind() + " data (the partition decides the sizes)");
            notFor("clients.samplesPerClient", c.samplesPerClient(), d.kind() + " data (the partition decides the sizes)");
            notFor("clients.sizeProfile", c.sizeProfile(), d.kind() + " data (use partition.kind quantity-skew)");
            return;
        }
        if (c.samples() != null) {
            if (c.count() != null && c.samples().size() != c.count()) {
                problems.add("clients.samples must give one count for each of the " + c.count() + " clients (found "
                        + c.samples().size() + ")");
            }
            for (int i = 0; i < c.samples().size(); i++) {
                range("clients.samples[" + i + "]", c.samples().get(i), 1, 10_000_000);
            }
            if (c.samplesPerClient() != null) {
                problems.add("clients.samples and clients.samplesPerClient cannot both be given");
            }
        } else {
            range("clients.samplesPerClient", c.samplesPerClient(), 1, 10_000_000);
            oneOf("clients.sizeProfile", c.sizeProfile(), SizeProfile.keys());
        }
        if (d.clientNoise() != null && c.count() != null && d.clientNoise().size() != c.count()) {
            problems.add("dataset.clientNoise must give one noise level for each of the " + c.count()
                    + " clients (found " + d.clientNoise().size() + ")");
        }
    }

    private void checkPartition(PartitionSettings p, DatasetSettings d) {
        if (!oneOf("partition.kind", p.kind(), PartitionSettings.KINDS)) {
            return;
        }
        if (d.isSynthetic() && !PartitionSettings.IID.equals(p.kind())) {
            problems.add("partition.kind must be iid for synthetic data, which are generated on each client (found \""
                    + p.kind() + "\"); set their heterogeneity with dataset.featureShift, dataset.slopeSpread,"
                    + " dataset.interceptSpread, dataset.noiseSkew and clients.samples or clients.sizeProfile");
            return;
        }
        if (PartitionSettings.FEATURE_SHIFT.equals(p.kind())) {
            between("partition.strictness", p.strictness(), 0, 1);
        } else {
            notFor("partition.strictness", p.strictness(), "partition kind " + p.kind());
        }
        if (PartitionSettings.DIRICHLET.equals(p.kind())) {
            if (p.alpha() == null || !(p.alpha() > 0) || p.alpha().isInfinite()) {
                problems.add("partition.alpha must be greater than 0 (found " + fmt(p.alpha()) + ")");
            }
        } else {
            notFor("partition.alpha", p.alpha(), "partition kind " + p.kind());
        }
        if (PartitionSettings.QUANTITY_SKEW.equals(p.kind())) {
            if (p.shares() != null) {
                for (int i = 0; i < p.shares().size(); i++) {
                    Double v = p.shares().get(i);
                    if (v == null || !(v > 0) || v.isInfinite()) {
                        problems.add("partition.shares[" + i + "] must be greater than 0 (found " + fmt(v) + ")");
                    }
                }
                if (p.profile() != null) {
                    problems.add("partition.profile and partition.shares cannot both be given");
                }
            } else {
                oneOf("partition.profile", p.profile(), SizeProfile.keys());
            }
        } else {
            notFor("partition.profile", p.profile(), "partition kind " + p.kind());
            notFor("partition.shares", p.shares(), "partition kind " + p.kind());
        }
    }

    private void checkModel(ModelSettings m) {
        finite("model.initialSlope", m.initialSlope());
        finite("model.initialIntercept", m.initialIntercept());
        if (m.degree() != null) {
            range("model.degree", m.degree(), 1, ModelSettings.MAX_DEGREE);
        }
    }

    private void checkTraining(TrainingSettings t) {
        range("training.localEpochs", t.localEpochs(), 1, 10_000);
        if (t.learningRate() == null || !(t.learningRate() > 0) || t.learningRate().isInfinite()) {
            problems.add("training.learningRate must be greater than 0 (found " + fmt(t.learningRate()) + ")");
        }
        if (!oneOf("training.optimizer", t.optimizer(), TrainingSettings.OPTIMIZERS)) {
            return;
        }
        boolean momentum = TrainingSettings.MOMENTUM.equals(t.optimizer());
        boolean adam = TrainingSettings.ADAM.equals(t.optimizer());
        if (momentum) {
            halfOpen("training.momentum", t.momentum());
        } else {
            notFor("training.momentum", t.momentum(), "optimizer " + t.optimizer());
        }
        if (adam) {
            halfOpen("training.beta1", t.beta1());
            halfOpen("training.beta2", t.beta2());
            if (t.epsilon() == null || !(t.epsilon() > 0) || t.epsilon().isInfinite()) {
                problems.add("training.epsilon must be greater than 0 (found " + fmt(t.epsilon()) + ")");
            }
        } else {
            notFor("training.beta1", t.beta1(), "optimizer " + t.optimizer());
            notFor("training.beta2", t.beta2(), "optimizer " + t.optimizer());
            notFor("training.epsilon", t.epsilon(), "optimizer " + t.optimizer());
        }
    }

    private void checkStrategy(StrategySettings s, TrainingSettings t) {
        if (!oneOf("strategy.kind", s.kind(), StrategySettings.KINDS)) {
            return;
        }
        if (s.clientFraction() == null || !(s.clientFraction() > 0 && s.clientFraction() <= 1)) {
            problems.add("strategy.clientFraction must be greater than 0 and at most 1 (found "
                    + fmt(s.clientFraction()) + ")");
        }
        if (s.dropoutProbability() == null || !(s.dropoutProbability() >= 0 && s.dropoutProbability() < 1)) {
            problems.add("strategy.dropoutProbability must be at least 0 and less than 1 (found "
                    + fmt(s.dropoutProbability()) + ")");
        }
        oneOf("strategy.weighting", s.weighting(), StrategySettings.WEIGHTINGS);
        String k = s.kind();
        if (StrategySettings.SCAFFOLD.equals(k) && t.optimizer() != null
                && !TrainingSettings.SGD.equals(t.optimizer())) {
            // option II's control update (theta_t - y) / (K eta_l) is the mean gradient only for plain SGD steps
            problems.add("strategy.kind scaffold needs plain local SGD steps: training.optimizer must be sgd (found \""
                    + t.optimizer() + "\")");
        }
        if (StrategySettings.FEDSGD.equals(k)) {
            if (t.localEpochs() != null && t.localEpochs() != 1) {
                problems.add("strategy.kind fedsgd means one local epoch: training.localEpochs must be 1 (found "
                        + t.localEpochs() + ")");
            }
            if (t.batchSize() != null && !t.batchSize().isFull()) {
                problems.add("strategy.kind fedsgd means the full batch: training.batchSize must be \"full\" (found "
                        + t.batchSize() + ")");
            }
            if (t.optimizer() != null && !TrainingSettings.SGD.equals(t.optimizer())) {
                problems.add("strategy.kind fedsgd means one plain gradient step: training.optimizer must be sgd"
                        + " (found \"" + t.optimizer() + "\")");
            }
            if (StrategySettings.WEIGHT_UNIFORM.equals(s.weighting())) {
                problems.add("strategy.kind fedsgd weights clients by their sample counts (that is what makes it"
                        + " centralised gradient descent): strategy.weighting must be samples (found \"uniform\")");
            }
        }
        if (StrategySettings.FEDPROX.equals(k)) {
            atLeast("strategy.mu", s.mu(), 0);
        } else {
            notFor("strategy.mu", s.mu(), "strategy kind " + k);
        }
        boolean serverRate = s.isFedOpt() || StrategySettings.FEDAVGM.equals(k) || StrategySettings.SCAFFOLD.equals(k);
        if (serverRate) {
            if (s.serverLearningRate() == null || !(s.serverLearningRate() > 0) || s.serverLearningRate().isInfinite()) {
                problems.add("strategy.serverLearningRate must be greater than 0 (found "
                        + fmt(s.serverLearningRate()) + ")");
            }
        } else {
            notFor("strategy.serverLearningRate", s.serverLearningRate(), "strategy kind " + k);
        }
        if (StrategySettings.FEDAVGM.equals(k)) {
            halfOpen("strategy.serverMomentum", s.serverMomentum());
        } else {
            notFor("strategy.serverMomentum", s.serverMomentum(), "strategy kind " + k);
        }
        if (s.isFedOpt()) {
            halfOpen("strategy.beta1", s.beta1());
            if (s.tau() == null || !(s.tau() > 0) || s.tau().isInfinite()) {
                problems.add("strategy.tau must be greater than 0 (found " + fmt(s.tau()) + ")");
            }
        } else {
            notFor("strategy.beta1", s.beta1(), "strategy kind " + k);
            notFor("strategy.tau", s.tau(), "strategy kind " + k);
        }
        if (StrategySettings.FEDADAM.equals(k) || StrategySettings.FEDYOGI.equals(k)) {
            halfOpen("strategy.beta2", s.beta2());
        } else {
            notFor("strategy.beta2", s.beta2(), "strategy kind " + k);
        }
        if (StrategySettings.TRIMMED_MEAN.equals(k)) {
            if (s.trim() == null || !(s.trim() >= 0 && s.trim() < 0.5)) {
                problems.add("strategy.trim must be at least 0 and less than 0.5 (found " + fmt(s.trim()) + ")");
            }
        } else {
            notFor("strategy.trim", s.trim(), "strategy kind " + k);
        }
        boolean krum = StrategySettings.KRUM.equals(k) || StrategySettings.MULTI_KRUM.equals(k);
        if (krum) {
            range("strategy.byzantine", s.byzantine(), 0, MAX_CLIENTS);
        } else {
            notFor("strategy.byzantine", s.byzantine(), "strategy kind " + k);
        }
        if (StrategySettings.MULTI_KRUM.equals(k)) {
            if (s.selected() != null) {
                range("strategy.selected", s.selected(), 1, MAX_CLIENTS);
            }
        } else {
            notFor("strategy.selected", s.selected(), "strategy kind " + k);
        }
    }

    /** FedAsync's parameters, the clients' speeds, and what an asynchronous run cannot combine with. */
    private void checkAsync(Settings s) {
        StrategySettings st = s.strategy();
        ClientSettings c = s.clients();
        if (!st.isAsync()) {
            notFor("strategy.mixing", st.mixing(), "strategy kind " + st.kind());
            notFor("strategy.staleness", st.staleness(), "strategy kind " + st.kind());
            notFor("strategy.stalenessExponent", st.stalenessExponent(), "strategy kind " + st.kind());
            notFor("strategy.hingeAfter", st.hingeAfter(), "strategy kind " + st.kind());
            notFor("clients.durations", c.durations(), "synchronous runs (strategy kind " + st.kind() + ")");
            notFor("clients.speedSpread", c.speedSpread(), "synchronous runs (strategy kind " + st.kind() + ")");
            return;
        }
        if (st.mixing() == null || !(st.mixing() > 0 && st.mixing() <= 1)) {
            problems.add("strategy.mixing must be greater than 0 and at most 1 (found " + fmt(st.mixing()) + ")");
        }
        if (oneOf("strategy.staleness", st.staleness(), StrategySettings.STALENESS_KINDS)) {
            if (StrategySettings.STALENESS_CONSTANT.equals(st.staleness())) {
                notFor("strategy.stalenessExponent", st.stalenessExponent(), "strategy.staleness constant");
            } else {
                atLeast("strategy.stalenessExponent", st.stalenessExponent(), 0);
            }
            if (StrategySettings.STALENESS_HINGE.equals(st.staleness())) {
                range("strategy.hingeAfter", st.hingeAfter(), 0, SettingsValidator.MAX_ROUNDS);
            } else {
                notFor("strategy.hingeAfter", st.hingeAfter(), "strategy.staleness " + st.staleness());
            }
        }
        if (c.durations() != null && c.speedSpread() != null) {
            problems.add("clients.durations and clients.speedSpread cannot both be given");
        }
        if (c.durations() != null) {
            if (c.count() != null && c.durations().size() != c.count()) {
                problems.add("clients.durations must give one duration for each of the " + c.count()
                        + " clients (found " + c.durations().size() + ")");
            }
            for (int i = 0; i < c.durations().size(); i++) {
                positive("clients.durations[" + i + "]", c.durations().get(i));
            }
        }
        if (c.speedSpread() != null && !(c.speedSpread() >= 0 && c.speedSpread() <= 5)) {
            problems.add("clients.speedSpread must be from 0 to 5 (found " + fmt(c.speedSpread()) + ")");
        }
        // one client at a time: no sampling, drop-outs, sums over a round, or per-round noise
        if (st.clientFraction() != null && st.clientFraction() != 1.0) {
            problems.add("strategy.kind fedasync lets every client work at its own pace: strategy.clientFraction must"
                    + " be 1 (found " + fmt(st.clientFraction()) + ")");
        }
        if (st.dropoutProbability() != null && st.dropoutProbability() != 0.0) {
            problems.add("strategy.kind fedasync has no drop-outs (a slow client is simply late):"
                    + " strategy.dropoutProbability must be 0 (found " + fmt(st.dropoutProbability()) + ")");
        }
        if (s.secureAggregationOrOff().on()) {
            problems.add("secureAggregation sums a round's uploads, but strategy.kind fedasync takes one upload at a"
                    + " time: leave secureAggregation out");
        }
        if (PrivacySettings.CENTRAL.equals(s.privacyOrOff().noise())) {
            problems.add("privacy.noise central adds noise to a round's mean of m uploads; strategy.kind fedasync takes"
                    + " one upload at a time: use privacy.noise local");
        }
        if (PrivacySettings.ADAPTIVE.equals(s.privacyOrOff().clipping())) {
            problems.add("privacy.clipping adaptive follows the share of a round's uploads within the bound; strategy.kind"
                    + " fedasync takes one upload at a time: use privacy.clipping fixed");
        }
    }

    // --- small checks, each adding one message ---

    private boolean oneOf(String name, String value, List<String> allowed) {
        if (value == null || !allowed.contains(value)) {
            problems.add(name + " must be one of " + String.join(", ", allowed) + " (found "
                    + (value == null ? "nothing" : "\"" + value + "\"") + ")");
            return false;
        }
        return true;
    }

    private void range(String name, Integer value, int min, int max) {
        if (value == null || value < min || value > max) {
            problems.add(name + " must be a whole number from " + min + " to " + max + " (found " + value + ")");
        }
    }

    private void positive(String name, Double value) {
        if (value == null || !(value > 0) || value.isInfinite()) {
            problems.add(name + " must be greater than 0 (found " + fmt(value) + ")");
        }
    }

    private void finite(String name, Double value) {
        if (!isFinite(value)) {
            problems.add(name + " must be a finite number (found " + fmt(value) + ")");
        }
    }

    private void atLeast(String name, Double value, double min) {
        if (value == null || !(value >= min) || value.isInfinite()) {
            problems.add(name + " must be a finite number of at least " + fmt(min) + " (found " + fmt(value) + ")");
        }
    }

    private void between(String name, Double value, double min, double max) {
        if (value == null || !(value >= min && value <= max)) {
            problems.add(name + " must be from " + fmt(min) + " to " + fmt(max) + " (found " + fmt(value) + ")");
        }
    }

    /** For decay rates: at least 0 and less than 1. */
    private void halfOpen(String name, Double value) {
        if (value == null || !(value >= 0 && value < 1)) {
            problems.add(name + " must be at least 0 and less than 1 (found " + fmt(value) + ")");
        }
    }

    /** The generator's knobs would be silently ignored for loaded data: say so instead. */
    private void notSyntheticKeys(DatasetSettings d, String what) {
        notFor("dataset.slope", d.slope(), what);
        notFor("dataset.intercept", d.intercept(), what);
        notFor("dataset.noise", d.noise(), what);
        notFor("dataset.noiseKind", d.noiseKind(), what);
        notFor("dataset.xMin", d.xMin(), what);
        notFor("dataset.xMax", d.xMax(), what);
        notFor("dataset.slopeSpread", d.slopeSpread(), what);
        notFor("dataset.interceptSpread", d.interceptSpread(), what);
        notFor("dataset.featureShift", d.featureShift(), what);
        notFor("dataset.noiseSkew", d.noiseSkew(), what);
        notFor("dataset.clientNoise", d.clientNoise(), what);
    }

    private void notFor(String name, Object value, String what) {
        if (value != null) {
            problems.add(name + " does not apply to " + what + "; remove it");
        }
    }

    private static boolean isFinite(Double v) {
        return v != null && Double.isFinite(v);
    }

    static String fmt(Double v) {
        if (v == null) {
            return "nothing";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return Double.toString(v);
    }
}
