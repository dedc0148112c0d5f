package org.fedstep.app.setup;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.fedstep.core.data.CsvLoader;
import org.fedstep.core.data.DataFileException;
import org.fedstep.core.data.PooledData;
import org.fedstep.core.settings.AttackSettings;
import org.fedstep.core.settings.BatchSize;
import org.fedstep.core.settings.ClientSettings;
import org.fedstep.core.settings.CompressionSettings;
import org.fedstep.core.settings.DatasetSettings;
import org.fedstep.core.settings.InvalidSettingsException;
import org.fedstep.core.settings.ModelSettings;
import org.fedstep.core.settings.PartitionSettings;
import org.fedstep.core.settings.PrivacySettings;
import org.fedstep.core.settings.SecureAggregationSettings;
import org.fedstep.core.settings.Settings;
import org.fedstep.core.settings.SettingsValidator;
import org.fedstep.core.settings.StrategySettings;
import org.fedstep.core.settings.TrainingSettings;

/**
 * What the setup pane edits, with no JavaFX in it: one text value per control, keyed by the setting's path in a
 * settings file ("training.learningRate"), so that messages, labels and tooltips all name the same thing.
 *
 * <p>{@link #load} fills the values from the settings of a run; {@link #set} records one edit (and the few edits
 * that follow from it, e.g. choosing FedSGD sets one full-batch epoch of plain SGD); {@link #build} turns the values
 * into settings that {@link SettingsValidator} accepts, or into the list of problems, each naming its setting.
 * Settings that have no control (a data set's title and axis names, client names, per-client noise) are carried over
 * from the loaded settings while they still fit.
 */
public final class SetupModel {

    /** Validated settings, or the problems that stop them (each names its setting). */
    public record Result(Settings settings, List<String> problems) {
        public Result {
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return settings != null;
        }
    }

    // --- the keys: a setting's path, or (for the three helpers) a name of its own ---

    public static final String SEED = "seed";
    public static final String ROUNDS = "rounds";
    public static final String DATA_KIND = "dataset.kind";
    public static final String SAMPLE_NAME = "dataset.name";
    public static final String SLOPE = "dataset.slope";
    public static final String INTERCEPT = "dataset.intercept";
    public static final String NOISE = "dataset.noise";
    public static final String NOISE_KIND = "dataset.noiseKind";
    public static final String X_MIN = "dataset.xMin";
    public static final String X_MAX = "dataset.xMax";
    public static final String SLOPE_SPREAD = "dataset.slopeSpread";
    public static final String INTERCEPT_SPREAD = "dataset.interceptSpread";
    public static final String FEATURE_SHIFT = "dataset.featureShift";
    public static final String NOISE_SKEW = "dataset.noiseSkew";
    public static final String CSV_PATH = "dataset.path";
    public static final String X_COLUMN = "dataset.xColumn";
    public static final String Y_COLUMN = "dataset.yColumn";
    /** The group column, "" for none. */
    public static final String GROUP_COLUMN = "dataset.groupColumn";
    public static final String COUNT = "clients.count";
    /** equal, linear, square, exponential, or {@link #LIST}: the sizes are listed in {@link #SAMPLES}. */
    public static final String SIZE_PROFILE = "clients.sizeProfile";
    public static final String SAMPLES_PER_CLIENT = "clients.samplesPerClient";
    /** Comma-separated whole numbers. */
    public static final String SAMPLES = "clients.samples";
    public static final String TEST_FRACTION = "clients.testFraction";
    public static final String PARTITION = "partition.kind";
    public static final String STRICTNESS = "partition.strictness";
    public static final String ALPHA = "partition.alpha";
    /** equal, linear, square, exponential, or {@link #LIST}: relative sizes are listed in {@link #SHARES}. */
    public static final String PARTITION_PROFILE = "partition.profile";
    public static final String SHARES = "partition.shares";
    public static final String INITIAL_SLOPE = "model.initialSlope";
    public static final String INITIAL_INTERCEPT = "model.initialIntercept";
    /** "true" or "false". */
    public static final String STANDARDIZE = "model.standardize";
    /** "1" (a line) to "8": the degree of the polynomial model. */
    public static final String DEGREE = "model.degree";
    /** The degrees the setup offers. */
    public static final List<String> DEGREES = java.util.stream.IntStream.rangeClosed(1, ModelSettings.MAX_DEGREE)
            .mapToObj(Integer::toString).toList();
    public static final String EPOCHS = "training.localEpochs";
    /** "true": the full batch; "false": batches of {@link #BATCH_NUMBER}. */
    public static final String BATCH_FULL = "training.batchSize.full";
    public static final String BATCH_NUMBER = "training.batchSize";
    public static final String LEARNING_RATE = "training.learningRate";
    public static final String OPTIMIZER = "training.optimizer";
    public static final String MOMENTUM = "training.momentum";
    public static final String ADAM_BETA1 = "training.beta1";
    public static final String ADAM_BETA2 = "training.beta2";
    public static final String EPSILON = "training.epsilon";
    public static final String STRATEGY = "strategy.kind";
    public static final String CLIENT_FRACTION = "strategy.clientFraction";
    public static final String DROPOUT = "strategy.dropoutProbability";
    public static final String WEIGHTING = "strategy.weighting";
    public static final String MU = "strategy.mu";
    public static final String SERVER_LR = "strategy.serverLearningRate";
    public static final String SERVER_MOMENTUM = "strategy.serverMomentum";
    public static final String SERVER_BETA1 = "strategy.beta1";
    public static final String SERVER_BETA2 = "strategy.beta2";
    public static final String TAU = "strategy.tau";
    public static final String TRIM = "strategy.trim";
    public static final String BYZANTINE = "strategy.byzantine";
    /** Multi-Krum's count, "" for its default m - f. */
    public static final String SELECTED = "strategy.selected";
    public static final String MIXING = "strategy.mixing";
    public static final String STALENESS = "strategy.staleness";
    public static final String STALENESS_EXPONENT = "strategy.stalenessExponent";
    public static final String HINGE_AFTER = "strategy.hingeAfter";
    /** FedAsync's client speeds: a spread of log durations, or (when not blank) one duration per client. */
    public static final String SPEED_SPREAD = "clients.speedSpread";
    public static final String DURATIONS = "clients.durations";
    public static final String CLIPPING = "privacy.clipping";
    public static final String CLIP_NORM = "privacy.clipNorm";
    public static final String TARGET_QUANTILE = "privacy.targetQuantile";
    public static final String CLIP_LEARNING_RATE = "privacy.clipLearningRate";
    public static final String DP_NOISE = "privacy.noise";
    public static final String NOISE_MULTIPLIER = "privacy.noiseMultiplier";
    public static final String DELTA = "privacy.delta";
    /** "true" or "false". */
    public static final String SECURE = "secureAggregation.enabled";
    /** "" for the default: a majority of the clients sampled. */
    public static final String THRESHOLD = "secureAggregation.threshold";
    public static final String MODULUS_BITS = "secureAggregation.modulusBits";
    public static final String PRECISION_BITS = "secureAggregation.precisionBits";
    public static final String COMPRESSION = "compression.kind";
    public static final String BITS = "compression.bits";
    public static final String TOP_K = "compression.k";
    /** "true" or "false". */
    public static final String ERROR_FEEDBACK = "compression.errorFeedback";
    /** Comma-separated client numbers (1-based), "" for none. */
    public static final String ATTACK_CLIENTS = "attack.clients";
    public static final String ATTACK_KIND = "attack.kind";
    public static final String ATTACK_FACTOR = "attack.factor";
    public static final String ATTACK_SHIFT = "attack.shift";

    /** The size-profile choice that means "sizes listed by hand". */
    public static final String LIST = "list";
    public static final List<String> PROFILES = List.of("equal", "linear", "square", "exponential", LIST);

    /** Every key with the value docs/config.md gives it when a file leaves it out. */
    private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put(SEED, "1");
        DEFAULTS.put(ROUNDS, "20");
        DEFAULTS.put(DATA_KIND, DatasetSettings.SYNTHETIC);
        DEFAULTS.put(SAMPLE_NAME, "penguins");
        DEFAULTS.put(SLOPE, "2");
        DEFAULTS.put(INTERCEPT, "1");
        DEFAULTS.put(NOISE, "0.5");
        DEFAULTS.put(NOISE_KIND, "gaussian");
        DEFAULTS.put(X_MIN, "0");
        DEFAULTS.put(X_MAX, "1");
        DEFAULTS.put(SLOPE_SPREAD, "0");
        DEFAULTS.put(INTERCEPT_SPREAD, "0");
        DEFAULTS.put(FEATURE_SHIFT, "0");
        DEFAULTS.put(NOISE_SKEW, "0");
        DEFAULTS.put(CSV_PATH, "");
        DEFAULTS.put(X_COLUMN, "");
        DEFAULTS.put(Y_COLUMN, "");
        DEFAULTS.put(GROUP_COLUMN, "");
        DEFAULTS.put(COUNT, "10");
        DEFAULTS.put(SIZE_PROFILE, "equal");
        DEFAULTS.put(SAMPLES_PER_CLIENT, "100");
        DEFAULTS.put(SAMPLES, "");
        DEFAULTS.put(TEST_FRACTION, "0.2");
        DEFAULTS.put(PARTITION, PartitionSettings.IID);
        DEFAULTS.put(STRICTNESS, "0.8");
        DEFAULTS.put(ALPHA, "0.5");
        DEFAULTS.put(PARTITION_PROFILE, "exponential");
        DEFAULTS.put(SHARES, "");
        DEFAULTS.put(INITIAL_SLOPE, "0");
        DEFAULTS.put(INITIAL_INTERCEPT, "0");
        DEFAULTS.put(STANDARDIZE, "false");
        DEFAULTS.put(DEGREE, "1");
        DEFAULTS.put(EPOCHS, "1");
        DEFAULTS.put(BATCH_FULL, "true");
        DEFAULTS.put(BATCH_NUMBER, "32");
        DEFAULTS.put(LEARNING_RATE, "0.1");
        DEFAULTS.put(OPTIMIZER, TrainingSettings.SGD);
        DEFAULTS.put(MOMENTUM, "0.9");
        DEFAULTS.put(ADAM_BETA1, "0.9");
        DEFAULTS.put(ADAM_BETA2, "0.999");
        DEFAULTS.put(EPSILON, "1e-8");
        DEFAULTS.put(STRATEGY, StrategySettings.FEDAVG);
        DEFAULTS.put(CLIENT_FRACTION, "1");
        DEFAULTS.put(DROPOUT, "0");
        DEFAULTS.put(WEIGHTING, StrategySettings.WEIGHT_BY_SAMPLES);
        DEFAULTS.put(MU, "0.01");
        DEFAULTS.put(SERVER_LR, "1");
        DEFAULTS.put(SERVER_MOMENTUM, "0.9");
        DEFAULTS.put(SERVER_BETA1, "0.9");
        DEFAULTS.put(SERVER_BETA2, "0.99");
        DEFAULTS.put(TAU, "0.001");
        DEFAULTS.put(TRIM, "0.1");
        DEFAULTS.put(BYZANTINE, "1");
        DEFAULTS.put(SELECTED, "");
        DEFAULTS.put(MIXING, "0.5");
        DEFAULTS.put(STALENESS, StrategySettings.STALENESS_POLYNOMIAL);
        DEFAULTS.put(STALENESS_EXPONENT, "0.5");
        DEFAULTS.put(HINGE_AFTER, "4");
        DEFAULTS.put(SPEED_SPREAD, "1");
        DEFAULTS.put(DURATIONS, "");
        DEFAULTS.put(CLIPPING, PrivacySettings.NONE);
        DEFAULTS.put(CLIP_NORM, "1");
        DEFAULTS.put(TARGET_QUANTILE, "0.5");
        DEFAULTS.put(CLIP_LEARNING_RATE, "0.2");
        DEFAULTS.put(DP_NOISE, PrivacySettings.NONE);
        DEFAULTS.put(NOISE_MULTIPLIER, "1");
        DEFAULTS.put(DELTA, "1e-5");
        DEFAULTS.put(SECURE, "false");
        DEFAULTS.put(THRESHOLD, "");
        DEFAULTS.put(MODULUS_BITS, "48");
        DEFAULTS.put(PRECISION_BITS, "20");
        DEFAULTS.put(COMPRESSION, CompressionSettings.NONE);
        DEFAULTS.put(BITS, "4");
        DEFAULTS.put(TOP_K, "1");
        DEFAULTS.put(ERROR_FEEDBACK, "true");
        DEFAULTS.put(ATTACK_CLIENTS, "");
        DEFAULTS.put(ATTACK_KIND, AttackSettings.SCALE);
        DEFAULTS.put(ATTACK_FACTOR, "10");
        DEFAULTS.put(ATTACK_SHIFT, "10");
    }

    private final Map<String, String> values = new HashMap<>(DEFAULTS);
    private Map<String, String> loaded = Map.copyOf(DEFAULTS);
    /** The settings last loaded (validated, a csv path made absolute): what controls cannot show is kept from here. */
    private Settings base = SettingsValidator.validate(new Settings(null, null, null, null, null, null, null, null,
            null));

    // the csv file on offer: its columns, and what loading it with the chosen columns gave
    private List<String> csvColumns = List.of();
    private String csvError;
    private int csvRows = -1;
    private int csvSkipped;

    /** Every key the model holds. */
    public static List<String> keys() {
        return List.copyOf(DEFAULTS.keySet());
    }

    // --- loading and reading ---

    /**
     * Shows validated settings (a run's): every value is taken from them, and they become what "changed" compares to.
     *
     * @param source the settings file or session they came from, or null: a relative csv path is read from its folder
     */
    public void load(Settings validated, Path source) {
        Settings s = absoluteCsvPath(validated, source);
        base = s;
        values.clear();
        values.putAll(DEFAULTS);
        put(SEED, Long.toString(s.seed()));
        put(ROUNDS, Integer.toString(s.rounds()));

        DatasetSettings d = s.dataset();
        put(DATA_KIND, d.kind());
        switch (d.kind()) {
            case DatasetSettings.SYNTHETIC -> {
                put(SLOPE, num(d.slope()));
                put(INTERCEPT, num(d.intercept()));
                put(NOISE, num(d.noise()));
                put(NOISE_KIND, d.noiseKind());
                put(X_MIN, num(d.xMin()));
                put(X_MAX, num(d.xMax()));
                put(SLOPE_SPREAD, num(d.slopeSpread()));
                put(INTERCEPT_SPREAD, num(d.interceptSpread()));
                put(FEATURE_SHIFT, num(d.featureShift()));
                put(NOISE_SKEW, num(d.noiseSkew()));
            }
            case DatasetSettings.SAMPLE -> put(SAMPLE_NAME, d.name());
            default -> {
                put(CSV_PATH, d.path());
                put(X_COLUMN, d.xColumn());
                put(Y_COLUMN, d.yColumn());
                put(GROUP_COLUMN, d.groupColumn() == null ? "" : d.groupColumn());
            }
        }

        ClientSettings c = s.clients();
        put(COUNT, Integer.toString(c.count()));
        if (c.samples() != null) {
            put(SIZE_PROFILE, LIST);
            put(SAMPLES, join(c.samples()));
        } else {
            put(SIZE_PROFILE, c.sizeProfile());
            put(SAMPLES_PER_CLIENT, c.samplesPerClient() == null ? null : Integer.toString(c.samplesPerClient()));
        }
        put(TEST_FRACTION, num(c.testFraction()));

        PartitionSettings p = s.partition();
        put(PARTITION, p.kind());
        put(STRICTNESS, num(p.strictness()));
        put(ALPHA, num(p.alpha()));
        if (p.shares() != null) {
            put(PARTITION_PROFILE, LIST);
            put(SHARES, join(p.shares()));
        } else {
            put(PARTITION_PROFILE, p.profile());
        }

        ModelSettings m = s.model();
        put(INITIAL_SLOPE, num(m.initialSlope()));
        put(INITIAL_INTERCEPT, num(m.initialIntercept()));
        put(STANDARDIZE, Boolean.toString(m.standardize()));
        put(DEGREE, Integer.toString(m.degreeOrLine()));

        TrainingSettings t = s.training();
        put(EPOCHS, Integer.toString(t.localEpochs()));
        put(BATCH_FULL, Boolean.toString(t.batchSize().isFull()));
        if (!t.batchSize().isFull()) {
            put(BATCH_NUMBER, Integer.toString(t.batchSize().size()));
        }
        put(LEARNING_RATE, num(t.learningRate()));
        put(OPTIMIZER, t.optimizer());
        put(MOMENTUM, num(t.momentum()));
        put(ADAM_BETA1, num(t.beta1()));
        put(ADAM_BETA2, num(t.beta2()));
        put(EPSILON, num(t.epsilon()));

        StrategySettings g = s.strategy();
        put(STRATEGY, g.kind());
        put(CLIENT_FRACTION, num(g.clientFraction()));
        put(DROPOUT, num(g.dropoutProbability()));
        put(WEIGHTING, g.weighting());
        put(MU, num(g.mu()));
        put(SERVER_LR, g.serverLearningRate() == null ? serverRateDefault(g.kind()) : num(g.serverLearningRate()));
        put(SERVER_MOMENTUM, num(g.serverMomentum()));
        put(SERVER_BETA1, num(g.beta1()));
        put(SERVER_BETA2, num(g.beta2()));
        put(TAU, num(g.tau()));
        put(TRIM, num(g.trim()));
        put(BYZANTINE, g.byzantine() == null ? null : Integer.toString(g.byzantine()));
        put(SELECTED, g.selected() == null ? null : Integer.toString(g.selected()));
        put(MIXING, num(g.mixing()));
        put(STALENESS, g.staleness());
        put(STALENESS_EXPONENT, num(g.stalenessExponent()));
        put(HINGE_AFTER, g.hingeAfter() == null ? null : Integer.toString(g.hingeAfter()));
        put(SPEED_SPREAD, num(s.clients().speedSpread()));
        put(DURATIONS, s.clients().durations() == null ? "" : join(s.clients().durations()));

        PrivacySettings pv = s.privacyOrOff();
        put(CLIPPING, pv.clipping());
        put(CLIP_NORM, num(pv.clipNorm()));
        put(TARGET_QUANTILE, num(pv.targetQuantile()));
        put(CLIP_LEARNING_RATE, num(pv.clipLearningRate()));
        put(DP_NOISE, pv.noise());
        put(NOISE_MULTIPLIER, num(pv.noiseMultiplier()));
        put(DELTA, num(pv.delta()));
        SecureAggregationSettings sa = s.secureAggregationOrOff();
        put(SECURE, Boolean.toString(sa.on()));
        put(THRESHOLD, sa.threshold() == null ? null : Integer.toString(sa.threshold()));
        put(MODULUS_BITS, sa.modulusBits() == null ? null : Integer.toString(sa.modulusBits()));
        put(PRECISION_BITS, sa.precisionBits() == null ? null : Integer.toString(sa.precisionBits()));
        CompressionSettings cs = s.compressionOrOff();
        put(COMPRESSION, cs.kind());
        put(BITS, cs.bits() == null ? null : Integer.toString(cs.bits()));
        put(TOP_K, cs.k() == null ? null : Integer.toString(cs.k()));
        put(ERROR_FEEDBACK, cs.errorFeedback() == null ? null : Boolean.toString(cs.errorFeedback()));
        AttackSettings at = s.attackOrNone();
        if (at.on()) {
            put(ATTACK_CLIENTS, join(at.clients()));
            put(ATTACK_KIND, at.kind());
            put(ATTACK_FACTOR, num(at.factor()));
            put(ATTACK_SHIFT, num(at.shift()));
        }

        loaded = Map.copyOf(values);
        csvError = null;
        csvColumns = List.of();
        csvRows = -1;
        if (isCsv()) {
            readColumns(Path.of(get(CSV_PATH)));
            previewCsv();
        }
    }

    /** Puts a value, keeping the default when the settings leave it out. */
    private void put(String key, String value) {
        if (value != null) {
            values.put(key, value);
        }
    }

    /** The settings last loaded (validated). */
    public Settings loadedSettings() {
        return base;
    }

    public String get(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no setup value \"" + key + "\"");
        }
        return v;
    }

    public boolean isTrue(String key) {
        return Boolean.parseBoolean(get(key));
    }

    /** Whether any value differs from the settings last loaded. */
    public boolean changed() {
        return !values.equals(loaded);
    }

    /** Back to the settings last loaded. */
    public void revert() {
        values.clear();
        values.putAll(loaded);
        csvError = null;
        if (isCsv()) {
            readColumns(Path.of(get(CSV_PATH)));
            previewCsv();
        }
    }

    public boolean isSynthetic() {
        return DatasetSettings.SYNTHETIC.equals(get(DATA_KIND));
    }

    public boolean isCsv() {
        return DatasetSettings.CSV.equals(get(DATA_KIND));
    }

    // --- editing ---

    /** Records one edit, and the edits that follow from it. */
    public void set(String key, String value) {
        Objects.requireNonNull(value, key);
        String old = get(key);
        if (old.equals(value)) {
            return;
        }
        values.put(key, value);
        switch (key) {
            case DATA_KIND -> {
                boolean curve = !"1".equals(get(DEGREE));
                followDefault(STANDARDIZE, Boolean.toString(!DatasetSettings.SYNTHETIC.equals(old) || curve),
                        Boolean.toString(!DatasetSettings.SYNTHETIC.equals(value) || curve));
                if (DatasetSettings.SYNTHETIC.equals(value)) {
                    values.put(PARTITION, PartitionSettings.IID);
                }
                if (DatasetSettings.CSV.equals(value)) {
                    previewCsv();
                }
            }
            case DEGREE -> {
                // a curve trains on z-scores by default: powers of raw x have scales too unequal for one step size
                boolean real = !DatasetSettings.SYNTHETIC.equals(get(DATA_KIND));
                followDefault(STANDARDIZE, Boolean.toString(real || !"1".equals(old)),
                        Boolean.toString(real || !"1".equals(value)));
            }
            case STRATEGY -> {
                followDefault(SERVER_LR, serverRateDefault(old), serverRateDefault(value));
                followDefault(WEIGHTING, weightingDefault(old), weightingDefault(value));
                if (StrategySettings.FEDSGD.equals(value)) {
                    // FedSGD is one full-batch plain gradient step weighted by sample counts; the validator refuses
                    // anything else, so choosing it sets the training that goes with it
                    values.put(EPOCHS, "1");
                    values.put(BATCH_FULL, "true");
                    values.put(OPTIMIZER, TrainingSettings.SGD);
                    values.put(WEIGHTING, StrategySettings.WEIGHT_BY_SAMPLES);
                }
            }
            case SAMPLES -> {
                List<Integer> sizes = parseIntList(value);
                if (sizes != null && !sizes.isEmpty()) {
                    values.put(COUNT, Integer.toString(sizes.size()));
                }
            }
            case X_COLUMN, Y_COLUMN, GROUP_COLUMN -> previewCsv();
            default -> { }
        }
    }

    /** Moves a value to a new default when it still holds the old one (the user has not chosen it). */
    private void followDefault(String key, String oldDefault, String newDefault) {
        if (get(key).equals(oldDefault)) {
            values.put(key, newDefault);
        }
    }

    private static String serverRateDefault(String strategy) {
        return StrategySettings.FEDADAM.equals(strategy) || StrategySettings.FEDYOGI.equals(strategy)
                || StrategySettings.FEDADAGRAD.equals(strategy) ? "0.1" : "1";
    }

    private static String weightingDefault(String strategy) {
        return StrategySettings.SCAFFOLD.equals(strategy) ? StrategySettings.WEIGHT_UNIFORM
                : StrategySettings.WEIGHT_BY_SAMPLES;
    }

    /** Whether a control is used with the current choices (else the pane hides it). */
    public boolean applies(String key) {
        boolean synthetic = isSynthetic();
        String partition = get(PARTITION);
        String optimizer = get(OPTIMIZER);
        String strategy = get(STRATEGY);
        boolean fedOpt = StrategySettings.FEDADAM.equals(strategy) || StrategySettings.FEDYOGI.equals(strategy)
                || StrategySettings.FEDADAGRAD.equals(strategy);
        return switch (key) {
            case SAMPLE_NAME -> DatasetSettings.SAMPLE.equals(get(DATA_KIND));
            case SLOPE, INTERCEPT, NOISE, NOISE_KIND, X_MIN, X_MAX, SLOPE_SPREAD, INTERCEPT_SPREAD, FEATURE_SHIFT,
                 NOISE_SKEW, SIZE_PROFILE -> synthetic;
            case CSV_PATH, X_COLUMN, Y_COLUMN, GROUP_COLUMN -> isCsv();
            case SAMPLES_PER_CLIENT -> synthetic && !LIST.equals(get(SIZE_PROFILE));
            case SAMPLES -> synthetic && LIST.equals(get(SIZE_PROFILE));
            case PARTITION -> !synthetic;
            case STRICTNESS -> !synthetic && PartitionSettings.FEATURE_SHIFT.equals(partition);
            case ALPHA -> !synthetic && PartitionSettings.DIRICHLET.equals(partition);
            case PARTITION_PROFILE -> !synthetic && PartitionSettings.QUANTITY_SKEW.equals(partition);
            case SHARES -> !synthetic && PartitionSettings.QUANTITY_SKEW.equals(partition)
                    && LIST.equals(get(PARTITION_PROFILE));
            case BATCH_NUMBER -> !isTrue(BATCH_FULL);
            case MOMENTUM -> TrainingSettings.MOMENTUM.equals(optimizer);
            case ADAM_BETA1, ADAM_BETA2, EPSILON -> TrainingSettings.ADAM.equals(optimizer);
            case MU -> StrategySettings.FEDPROX.equals(strategy);
            case SERVER_LR -> fedOpt || StrategySettings.FEDAVGM.equals(strategy)
                    || StrategySettings.SCAFFOLD.equals(strategy);
            case SERVER_MOMENTUM -> StrategySettings.FEDAVGM.equals(strategy);
            case SERVER_BETA1, TAU -> fedOpt;
            case SERVER_BETA2 -> StrategySettings.FEDADAM.equals(strategy) || StrategySettings.FEDYOGI.equals(strategy);
            case TRIM -> StrategySettings.TRIMMED_MEAN.equals(strategy);
            case BYZANTINE -> StrategySettings.KRUM.equals(strategy) || StrategySettings.MULTI_KRUM.equals(strategy);
            case SELECTED -> StrategySettings.MULTI_KRUM.equals(strategy);
            case MIXING, STALENESS, SPEED_SPREAD, DURATIONS -> StrategySettings.FEDASYNC.equals(strategy);
            case STALENESS_EXPONENT -> StrategySettings.FEDASYNC.equals(strategy)
                    && !StrategySettings.STALENESS_CONSTANT.equals(get(STALENESS));
            case HINGE_AFTER -> StrategySettings.FEDASYNC.equals(strategy)
                    && StrategySettings.STALENESS_HINGE.equals(get(STALENESS));
            case CLIP_NORM -> !PrivacySettings.NONE.equals(get(CLIPPING));
            case TARGET_QUANTILE, CLIP_LEARNING_RATE -> PrivacySettings.ADAPTIVE.equals(get(CLIPPING));
            case NOISE_MULTIPLIER, DELTA -> !PrivacySettings.NONE.equals(get(DP_NOISE));
            case THRESHOLD, MODULUS_BITS, PRECISION_BITS -> isTrue(SECURE);
            case BITS -> CompressionSettings.QUANTIZE.equals(get(COMPRESSION));
            case TOP_K -> CompressionSettings.TOP_K.equals(get(COMPRESSION));
            case ERROR_FEEDBACK -> !CompressionSettings.NONE.equals(get(COMPRESSION));
            case ATTACK_KIND -> !get(ATTACK_CLIENTS).isBlank();
            case ATTACK_FACTOR -> !get(ATTACK_CLIENTS).isBlank() && (AttackSettings.SCALE.equals(get(ATTACK_KIND))
                    || AttackSettings.NOISE.equals(get(ATTACK_KIND)));
            case ATTACK_SHIFT -> !get(ATTACK_CLIENTS).isBlank() && AttackSettings.POISON.equals(get(ATTACK_KIND));
            default -> true;
        };
    }

    /**
     * Whether a shown control can be edited: the client count is set by the data's groups (natural partition) or by
     * the list of sizes.
     */
    public boolean editable(String key) {
        if (COUNT.equals(key)) {
            return !(!isSynthetic() && PartitionSettings.NATURAL.equals(get(PARTITION)))
                    && !(isSynthetic() && LIST.equals(get(SIZE_PROFILE)));
        }
        return true;
    }

    // --- the csv file ---

    /**
     * Offers a CSV file: reads its header for the column choices, picks the first and the last numeric column for x
     * and y, and loads it to count its rows. A file that cannot be used leaves the previous choice as it was.
     *
     * @return true when the file was taken; else {@link #csvError()} says why
     */
    public boolean offerCsv(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        List<String> header;
        try {
            header = CsvLoader.readHeader(absolute);
        } catch (DataFileException e) {
            csvError = e.getMessage();
            return false;
        }
        if (header.isEmpty()) {
            csvError = absolute.getFileName() + ": the header row names no columns";
            return false;
        }
        List<String> numeric = new ArrayList<>();
        for (String column : header.subList(0, Math.min(header.size(), 40))) {
            try {
                CsvLoader.load(absolute, column, column, null);
                numeric.add(column);
            } catch (DataFileException e) {
                // not a numeric column (or the file is broken: said below, when loading with the chosen columns)
            }
        }
        csvColumns = List.copyOf(header);
        values.put(CSV_PATH, absolute.toString());
        values.put(X_COLUMN, numeric.size() >= 1 ? numeric.get(0) : header.get(0));
        // the last numeric column for y: files tend to end with what is measured or predicted
        values.put(Y_COLUMN, numeric.size() >= 2 ? numeric.get(numeric.size() - 1)
                : header.get(Math.min(1, header.size() - 1)));
        values.put(GROUP_COLUMN, "");
        if (!isCsv()) {
            set(DATA_KIND, DatasetSettings.CSV);
        }
        if (PartitionSettings.NATURAL.equals(get(PARTITION)) || PartitionSettings.DIRICHLET.equals(get(PARTITION))) {
            values.put(PARTITION, PartitionSettings.IID); // they need a group column, and none is chosen yet
        }
        previewCsv();
        return true;
    }

    private void readColumns(Path file) {
        try {
            csvColumns = List.copyOf(CsvLoader.readHeader(file));
        } catch (DataFileException e) {
            csvColumns = List.of();
            csvError = e.getMessage();
        }
    }

    /** Loads the csv file with the chosen columns, to count its usable and skipped rows (or say what is wrong). */
    private void previewCsv() {
        csvRows = -1;
        csvSkipped = 0;
        if (get(CSV_PATH).isEmpty() || get(X_COLUMN).isEmpty() || get(Y_COLUMN).isEmpty()) {
            return;
        }
        try {
            PooledData data = CsvLoader.load(Path.of(get(CSV_PATH)), get(X_COLUMN), get(Y_COLUMN),
                    get(GROUP_COLUMN).isEmpty() ? null : get(GROUP_COLUMN));
            csvRows = data.size();
            csvSkipped = data.skippedRows();
            csvError = null;
        } catch (DataFileException e) {
            csvError = e.getMessage();
        }
    }

    /** The header of the csv file on offer (empty when there is none). */
    public List<String> csvColumns() {
        return csvColumns;
    }

    /** Why the last csv file offered, or the chosen columns, cannot be used; null when nothing is wrong. */
    public String csvError() {
        return csvError;
    }

    /** Usable rows of the csv file with the chosen columns, or -1 when it is not loaded. */
    public int csvRows() {
        return csvRows;
    }

    /** Rows skipped for a missing or non-numeric x or y (or an empty group). */
    public int csvSkipped() {
        return csvSkipped;
    }

    // --- building settings ---

    /** Whether a message is about this setting (and not one whose name merely starts the same way). */
    private static boolean names(String problem, String key) {
        return problem.startsWith(key) && (problem.length() == key.length()
                || !Character.isLetterOrDigit(problem.charAt(key.length())));
    }

    /** The settings the values describe, validated; or every problem found, each naming its setting. */
    public Result build() {
        List<String> problems = new ArrayList<>();
        List<String> badKeys = new ArrayList<>();
        Parser p = new Parser(problems, badKeys);

        Long seed = p.wholeLong(SEED);
        Integer rounds = p.whole(ROUNDS);
        String kind = get(DATA_KIND);
        boolean synthetic = DatasetSettings.SYNTHETIC.equals(kind);

        ClientSettings clients = buildClients(p, synthetic);
        DatasetSettings dataset = buildDataset(p, kind, clients.count());

        PartitionSettings partition;
        String pk = get(PARTITION);
        if (synthetic) {
            partition = new PartitionSettings(PartitionSettings.IID, null, null, null, null);
        } else {
            boolean shares = PartitionSettings.QUANTITY_SKEW.equals(pk) && LIST.equals(get(PARTITION_PROFILE));
            partition = new PartitionSettings(pk,
                    PartitionSettings.FEATURE_SHIFT.equals(pk) ? p.number(STRICTNESS) : null,
                    PartitionSettings.DIRICHLET.equals(pk) ? p.number(ALPHA) : null,
                    PartitionSettings.QUANTITY_SKEW.equals(pk) && !shares ? get(PARTITION_PROFILE) : null,
                    shares ? p.numberList(SHARES) : null);
            if ((PartitionSettings.NATURAL.equals(pk) || PartitionSettings.DIRICHLET.equals(pk))
                    && DatasetSettings.CSV.equals(kind) && get(GROUP_COLUMN).isEmpty()) {
                problems.add("partition.kind " + pk + " needs a group column: choose dataset.groupColumn");
            }
        }

        int degree = DEGREES.contains(get(DEGREE)) ? Integer.parseInt(get(DEGREE)) : 1;
        ModelSettings model = new ModelSettings(p.number(INITIAL_SLOPE), p.number(INITIAL_INTERCEPT),
                isTrue(STANDARDIZE), degree == 1 ? null : degree);

        String optimizer = get(OPTIMIZER);
        boolean momentum = TrainingSettings.MOMENTUM.equals(optimizer);
        boolean adam = TrainingSettings.ADAM.equals(optimizer);
        BatchSize batch = BatchSize.FULL;
        if (!isTrue(BATCH_FULL)) {
            Integer b = p.whole(BATCH_NUMBER);
            if (b != null && b < 1) {
                problems.add("training.batchSize: a batch size is \"full\" or a whole number of at least 1 (found "
                        + b + ")");
                badKeys.add(BATCH_NUMBER);
            } else if (b != null) {
                batch = BatchSize.of(b);
            }
        }
        TrainingSettings training = new TrainingSettings(p.whole(EPOCHS), batch, p.number(LEARNING_RATE), optimizer,
                momentum ? p.number(MOMENTUM) : null,
                adam ? p.number(ADAM_BETA1) : null,
                adam ? p.number(ADAM_BETA2) : null,
                adam ? p.number(EPSILON) : null);

        String sk = get(STRATEGY);
        StrategySettings strategy = new StrategySettings(sk, p.number(CLIENT_FRACTION), p.number(DROPOUT),
                get(WEIGHTING),
                applies(MU) ? p.number(MU) : null,
                applies(SERVER_LR) ? p.number(SERVER_LR) : null,
                applies(SERVER_MOMENTUM) ? p.number(SERVER_MOMENTUM) : null,
                applies(SERVER_BETA1) ? p.number(SERVER_BETA1) : null,
                applies(SERVER_BETA2) ? p.number(SERVER_BETA2) : null,
                applies(TAU) ? p.number(TAU) : null,
                applies(TRIM) ? p.number(TRIM) : null,
                applies(BYZANTINE) ? p.whole(BYZANTINE) : null,
                applies(SELECTED) && !get(SELECTED).isBlank() ? p.whole(SELECTED) : null,
                applies(MIXING) ? p.number(MIXING) : null,
                applies(STALENESS) ? get(STALENESS) : null,
                applies(STALENESS_EXPONENT) ? p.number(STALENESS_EXPONENT) : null,
                applies(HINGE_AFTER) ? p.whole(HINGE_AFTER) : null);

        Settings raw = new Settings(Settings.CURRENT_VERSION, seed, rounds, dataset, clients, partition, model,
                training, strategy, buildPrivacy(p), buildSecure(p), buildCompression(p), buildAttack(p));
        try {
            Settings valid = SettingsValidator.validate(raw);
            if (problems.isEmpty()) {
                return new Result(valid, List.of());
            }
        } catch (InvalidSettingsException e) {
            for (String problem : e.problems()) {
                // a value that could not be read was left out (and so defaulted): say only why it could not be read
                if (badKeys.stream().noneMatch(k -> names(problem, k))) {
                    problems.add(problem);
                }
            }
        }
        return new Result(null, problems);
    }

    /** The sections of the upload phase are left out of the settings while they are off. */
    private PrivacySettings buildPrivacy(Parser p) {
        String clipping = get(CLIPPING);
        String noise = get(DP_NOISE);
        if (PrivacySettings.NONE.equals(clipping) && PrivacySettings.NONE.equals(noise)) {
            return null;
        }
        return new PrivacySettings(clipping,
                applies(CLIP_NORM) ? p.number(CLIP_NORM) : null,
                applies(TARGET_QUANTILE) ? p.number(TARGET_QUANTILE) : null,
                applies(CLIP_LEARNING_RATE) ? p.number(CLIP_LEARNING_RATE) : null,
                noise,
                applies(NOISE_MULTIPLIER) ? p.number(NOISE_MULTIPLIER) : null,
                applies(DELTA) ? p.number(DELTA) : null);
    }

    private SecureAggregationSettings buildSecure(Parser p) {
        if (!isTrue(SECURE)) {
            return null;
        }
        return new SecureAggregationSettings(true, get(THRESHOLD).isBlank() ? null : p.whole(THRESHOLD),
                p.whole(MODULUS_BITS), p.whole(PRECISION_BITS));
    }

    private CompressionSettings buildCompression(Parser p) {
        String kind = get(COMPRESSION);
        if (CompressionSettings.NONE.equals(kind)) {
            return null;
        }
        return new CompressionSettings(kind, applies(BITS) ? p.whole(BITS) : null,
                applies(TOP_K) ? p.whole(TOP_K) : null, isTrue(ERROR_FEEDBACK));
    }

    private AttackSettings buildAttack(Parser p) {
        if (get(ATTACK_CLIENTS).isBlank()) {
            return null;
        }
        List<Integer> bad = p.wholeList(ATTACK_CLIENTS, "client numbers, e.g. 3 or 2, 7");
        return new AttackSettings(bad, get(ATTACK_KIND),
                applies(ATTACK_FACTOR) ? p.number(ATTACK_FACTOR) : null,
                applies(ATTACK_SHIFT) ? p.number(ATTACK_SHIFT) : null);
    }

    private ClientSettings buildClients(Parser p, boolean synthetic) {
        Integer count = p.whole(COUNT);
        List<Integer> samples = null;
        Integer perClient = null;
        String profile = null;
        if (synthetic) {
            if (LIST.equals(get(SIZE_PROFILE))) {
                samples = p.wholeList(SAMPLES);
                if (samples != null) {
                    count = samples.size();
                }
            } else {
                perClient = p.whole(SAMPLES_PER_CLIENT);
                profile = get(SIZE_PROFILE);
            }
        }
        List<String> names = base.clients().names();
        if (names != null && (count == null || names.size() != count)) {
            names = null; // the file's names no longer fit: the clients are called "Client 1", "Client 2", ...
        }
        // FedAsync's speeds: one duration per client when given, else the spread
        boolean durations = applies(DURATIONS) && !get(DURATIONS).isBlank();
        return new ClientSettings(count, samples, perClient, profile, p.number(TEST_FRACTION), names,
                durations ? p.numberList(DURATIONS) : null,
                applies(SPEED_SPREAD) && !durations ? p.number(SPEED_SPREAD) : null);
    }

    private DatasetSettings buildDataset(Parser p, String kind, Integer count) {
        DatasetSettings was = base.dataset();
        switch (kind) {
            case DatasetSettings.SYNTHETIC -> {
                List<Double> clientNoise = was.isSynthetic() && was.clientNoise() != null && count != null
                        && was.clientNoise().size() == count ? was.clientNoise() : null;
                DatasetSettings d = new DatasetSettings(kind, null, null, p.number(SLOPE), p.number(INTERCEPT),
                        p.number(NOISE), get(NOISE_KIND), p.number(X_MIN), p.number(X_MAX), p.number(SLOPE_SPREAD),
                        p.number(INTERCEPT_SPREAD), p.number(FEATURE_SHIFT), p.number(NOISE_SKEW), clientNoise,
                        null, null, null, null, null, null);
                if (!was.isSynthetic()) {
                    return d;
                }
                // the axis names still describe the data; the title only while the line is the same
                boolean same = labelled(d, null, null, null).equals(labelled(was, null, null, null));
                return labelled(d, same ? was.title() : null, was.xLabel(), was.yLabel());
            }
            case DatasetSettings.SAMPLE -> {
                String name = get(SAMPLE_NAME);
                if (DatasetSettings.SAMPLE.equals(was.kind()) && name.equals(was.name())) {
                    return was;
                }
                return DatasetSettings.sample(name);
            }
            case DatasetSettings.CSV -> {
                DatasetSettings d = DatasetSettings.csv(blankToNull(get(CSV_PATH)), blankToNull(get(X_COLUMN)),
                        blankToNull(get(Y_COLUMN)), blankToNull(get(GROUP_COLUMN)));
                if (DatasetSettings.CSV.equals(was.kind()) && d.equals(labelled(was, null, null, null))) {
                    return was;
                }
                return d;
            }
            default -> throw new IllegalStateException("dataset.kind " + kind);
        }
    }

    /** The same data set with another title and axis names. */
    private static DatasetSettings labelled(DatasetSettings d, String title, String xLabel, String yLabel) {
        return new DatasetSettings(d.kind(), d.name(), title, d.slope(), d.intercept(), d.noise(), d.noiseKind(),
                d.xMin(), d.xMax(), d.slopeSpread(), d.interceptSpread(), d.featureShift(), d.noiseSkew(),
                d.clientNoise(), d.path(), d.xColumn(), d.yColumn(), d.groupColumn(), xLabel, yLabel);
    }

    private static Settings absoluteCsvPath(Settings s, Path source) {
        DatasetSettings d = s.dataset();
        if (!DatasetSettings.CSV.equals(d.kind()) || d.path() == null) {
            return s;
        }
        Path file = Path.of(d.path());
        if (file.isAbsolute()) {
            return s;
        }
        Path dir = source == null ? null : source.toAbsolutePath().getParent();
        Path resolved = (dir == null ? file.toAbsolutePath() : dir.resolve(file)).normalize();
        return s.withDataset(new DatasetSettings(d.kind(), d.name(), d.title(), d.slope(), d.intercept(), d.noise(),
                d.noiseKind(), d.xMin(), d.xMax(), d.slopeSpread(), d.interceptSpread(), d.featureShift(),
                d.noiseSkew(), d.clientNoise(), resolved.toString(), d.xColumn(), d.yColumn(), d.groupColumn(),
                d.xLabel(), d.yLabel()));
    }

    // --- text <-> numbers ---

    /** A number as the controls show it: shortest exact form, "2" not "2.0", "1e-8" not "1.0E-8". */
    static String num(Double v) {
        if (v == null) {
            return null;
        }
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toString().toLowerCase(Locale.ROOT);
    }

    private static String join(List<? extends Number> list) {
        List<String> parts = new ArrayList<>();
        for (Number n : list) {
            parts.add(n instanceof Double d ? num(d) : n.toString());
        }
        return String.join(", ", parts);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static List<Integer> parseIntList(String text) {
        List<Integer> out = new ArrayList<>();
        for (String part : text.split("[,;\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            try {
                out.add(Integer.valueOf(part));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return out;
    }

    /** Reads values, adding a message that names the setting for each one that is not a number of the right kind. */
    private final class Parser {
        private final List<String> problems;
        private final List<String> badKeys;

        Parser(List<String> problems, List<String> badKeys) {
            this.problems = problems;
            this.badKeys = badKeys;
        }

        Double number(String key) {
            String text = get(key).trim();
            try {
                if (text.isEmpty() || !text.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
                    throw new NumberFormatException(text);
                }
                return Double.valueOf(text);
            } catch (NumberFormatException e) {
                fail(key, text, "a number");
                return null;
            }
        }

        Integer whole(String key) {
            String text = get(key).trim();
            try {
                return Integer.valueOf(text);
            } catch (NumberFormatException e) {
                fail(key, text, "a whole number");
                return null;
            }
        }

        Long wholeLong(String key) {
            String text = get(key).trim();
            try {
                return Long.valueOf(text);
            } catch (NumberFormatException e) {
                fail(key, text, "a whole number");
                return null;
            }
        }

        List<Integer> wholeList(String key) {
            return wholeList(key, "a list of whole numbers, one per client, e.g. 40, 80, 20");
        }

        List<Integer> wholeList(String key, String what) {
            List<Integer> out = parseIntList(get(key));
            if (out == null || out.isEmpty()) {
                fail(key, get(key).trim(), what);
                return null;
            }
            return out;
        }

        List<Double> numberList(String key) {
            List<Double> out = new ArrayList<>();
            for (String part : get(key).split("[,;\\s]+")) {
                if (part.isEmpty()) {
                    continue;
                }
                try {
                    out.add(Double.valueOf(part));
                } catch (NumberFormatException e) {
                    out = null;
                    break;
                }
            }
            if (out == null || out.isEmpty()) {
                fail(key, get(key).trim(), "a list of numbers, one per client, e.g. 1, 2, 7");
                return null;
            }
            return out;
        }

        private void fail(String key, String text, String what) {
            problems.add(text.isEmpty() ? key + " is empty: it must be " + what
                    : key + " cannot be \"" + text + "\": it must be " + what);
            badKeys.add(key);
        }
    }
}
