package org.fedstep.core.settings;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The federated algorithm: which server rule combines the uploads (kind), which clients take part (clientFraction C:
 * max(round(C K), 1) of K clients per round) and how many of them drop out after training (dropoutProbability).
 * Per-kind parameters: weighting (samples: p_k = n_k / sum n, or uniform), mu (fedprox), serverLearningRate (eta_g),
 * serverMomentum (fedavgm), beta1, beta2, tau (fedadam, fedyogi, fedadagrad); for the robust rules against bad
 * clients, trim (trimmed-mean: the fraction cut from each end), byzantine (krum, multi-krum: how many bad clients to
 * resist, f) and selected (multi-krum: how many of the best-scored updates are averaged); for asynchronous FedAsync,
 * mixing (alpha), staleness (constant, polynomial or hinge), stalenessExponent (a) and hingeAfter (b).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StrategySettings(String kind, Double clientFraction, Double dropoutProbability, String weighting,
                               Double mu, Double serverLearningRate, Double serverMomentum,
                               Double beta1, Double beta2, Double tau, Double trim, Integer byzantine,
                               Integer selected, Double mixing, String staleness, Double stalenessExponent,
                               Integer hingeAfter) {

    public static final String FEDAVG = "fedavg";
    public static final String FEDSGD = "fedsgd";
    public static final String FEDPROX = "fedprox";
    public static final String FEDAVGM = "fedavgm";
    public static final String FEDADAM = "fedadam";
    public static final String FEDYOGI = "fedyogi";
    public static final String FEDADAGRAD = "fedadagrad";
    public static final String SCAFFOLD = "scaffold";
    public static final String MEDIAN = "median";
    public static final String TRIMMED_MEAN = "trimmed-mean";
    public static final String KRUM = "krum";
    public static final String MULTI_KRUM = "multi-krum";
    /** Asynchronous: each update is mixed into the model as it arrives, weighted down by its staleness. */
    public static final String FEDASYNC = "fedasync";
    public static final List<String> KINDS = List.of(FEDAVG, FEDSGD, FEDPROX, FEDAVGM, FEDADAM, FEDYOGI, FEDADAGRAD,
            SCAFFOLD, MEDIAN, TRIMMED_MEAN, KRUM, MULTI_KRUM, FEDASYNC);
    public static final String STALENESS_CONSTANT = "constant";
    public static final String STALENESS_POLYNOMIAL = "polynomial";
    public static final String STALENESS_HINGE = "hinge";
    public static final List<String> STALENESS_KINDS = List.of(STALENESS_CONSTANT, STALENESS_POLYNOMIAL,
            STALENESS_HINGE);
    public static final String WEIGHT_BY_SAMPLES = "samples";
    public static final String WEIGHT_UNIFORM = "uniform";
    public static final List<String> WEIGHTINGS = List.of(WEIGHT_BY_SAMPLES, WEIGHT_UNIFORM);

    static final StrategySettings EMPTY = new StrategySettings(null, null, null, null, null, null, null, null, null, null);

    /** Settings without the robust rules' parameters (they are filled in for those kinds only). */
    public StrategySettings(String kind, Double clientFraction, Double dropoutProbability, String weighting, Double mu,
                            Double serverLearningRate, Double serverMomentum, Double beta1, Double beta2, Double tau) {
        this(kind, clientFraction, dropoutProbability, weighting, mu, serverLearningRate, serverMomentum, beta1, beta2,
                tau, null, null, null);
    }

    /** Settings without FedAsync's parameters. */
    public StrategySettings(String kind, Double clientFraction, Double dropoutProbability, String weighting, Double mu,
                            Double serverLearningRate, Double serverMomentum, Double beta1, Double beta2, Double tau,
                            Double trim, Integer byzantine, Integer selected) {
        this(kind, clientFraction, dropoutProbability, weighting, mu, serverLearningRate, serverMomentum, beta1, beta2,
                tau, trim, byzantine, selected, null, null, null, null);
    }

    public static StrategySettings of(String kind) {
        return new StrategySettings(kind, null, null, null, null, null, null, null, null, null).withDefaults();
    }

    @JsonIgnore
    public boolean isFedOpt() {
        return FEDADAM.equals(kind) || FEDYOGI.equals(kind) || FEDADAGRAD.equals(kind);
    }

    /** The rules that resist bad clients: they look at every update, so they ignore the weights p_k. */
    @JsonIgnore
    public boolean isRobust() {
        return MEDIAN.equals(kind) || TRIMMED_MEAN.equals(kind) || KRUM.equals(kind) || MULTI_KRUM.equals(kind);
    }

    /** Whether the run is asynchronous (FedAsync): one update arrives per round, from whichever client is done. */
    @JsonIgnore
    public boolean isAsync() {
        return FEDASYNC.equals(kind);
    }

    StrategySettings withDefaults() {
        String k = kind == null ? FEDAVG : kind;
        boolean fedOpt = FEDADAM.equals(k) || FEDYOGI.equals(k) || FEDADAGRAD.equals(k);
        boolean hasServerRate = fedOpt || FEDAVGM.equals(k) || SCAFFOLD.equals(k);
        return new StrategySettings(k,
                clientFraction == null ? 1.0 : clientFraction,
                dropoutProbability == null ? 0.0 : dropoutProbability,
                weighting == null ? (SCAFFOLD.equals(k) ? WEIGHT_UNIFORM : WEIGHT_BY_SAMPLES) : weighting,
                FEDPROX.equals(k) && mu == null ? Double.valueOf(0.01) : mu,
                hasServerRate && serverLearningRate == null ? Double.valueOf(fedOpt ? 0.1 : 1.0) : serverLearningRate,
                FEDAVGM.equals(k) && serverMomentum == null ? Double.valueOf(0.9) : serverMomentum,
                fedOpt && beta1 == null ? Double.valueOf(0.9) : beta1,
                (FEDADAM.equals(k) || FEDYOGI.equals(k)) && beta2 == null ? Double.valueOf(0.99) : beta2,
                fedOpt && tau == null ? Double.valueOf(1e-3) : tau,
                TRIMMED_MEAN.equals(k) && trim == null ? Double.valueOf(0.1) : trim,
                (KRUM.equals(k) || MULTI_KRUM.equals(k)) && byzantine == null ? Integer.valueOf(1) : byzantine,
                selected,
                FEDASYNC.equals(k) && mixing == null ? Double.valueOf(0.5) : mixing,
                FEDASYNC.equals(k) && staleness == null ? STALENESS_POLYNOMIAL : staleness,
                FEDASYNC.equals(k) && stalenessExponent == null
                        && !STALENESS_CONSTANT.equals(staleness == null ? STALENESS_POLYNOMIAL : staleness)
                        ? Double.valueOf(0.5) : stalenessExponent,
                FEDASYNC.equals(k) && hingeAfter == null && STALENESS_HINGE.equals(staleness) ? Integer.valueOf(4)
                        : hingeAfter);
    }

    public StrategySettings withClientFraction(double c) {
        return new StrategySettings(kind, c, dropoutProbability, weighting, mu, serverLearningRate, serverMomentum,
                beta1, beta2, tau, trim, byzantine, selected, mixing, staleness, stalenessExponent, hingeAfter);
    }

    public StrategySettings withDropout(double p) {
        return new StrategySettings(kind, clientFraction, p, weighting, mu, serverLearningRate, serverMomentum,
                beta1, beta2, tau, trim, byzantine, selected, mixing, staleness, stalenessExponent, hingeAfter);
    }

    public StrategySettings withWeighting(String w) {
        return new StrategySettings(kind, clientFraction, dropoutProbability, w, mu, serverLearningRate, serverMomentum,
                beta1, beta2, tau, trim, byzantine, selected, mixing, staleness, stalenessExponent, hingeAfter);
    }
}
