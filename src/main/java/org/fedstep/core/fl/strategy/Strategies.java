package org.fedstep.core.fl.strategy;

import org.fedstep.core.settings.StrategySettings;

/** Builds the strategy a (validated, defaults filled) StrategySettings names. */
public final class Strategies {

    private Strategies() { }

    /** The strategy with SCAFFOLD's control variate weighted as the paper does (uniform) unless s asks for samples. */
    public static ServerStrategy create(StrategySettings s) {
        return create(s, 0);
    }

    /**
     * @param totalSamples every client's training rows, n_all: SCAFFOLD weighted by samples needs it for its control
     *                     variate (c = sum_k n_k / n_all c_k); ignored by the other strategies
     */
    public static ServerStrategy create(StrategySettings s, int totalSamples) {
        return switch (s.kind()) {
            case StrategySettings.FEDAVG -> new FedAvg();
            case StrategySettings.FEDSGD -> new FedSgd();
            case StrategySettings.FEDPROX -> new FedProx(s.mu());
            case StrategySettings.FEDAVGM -> new FedAvgM(s.serverLearningRate(), s.serverMomentum());
            case StrategySettings.FEDADAM -> new FedAdam(s.serverLearningRate(), s.beta1(), s.beta2(), s.tau());
            case StrategySettings.FEDYOGI -> new FedYogi(s.serverLearningRate(), s.beta1(), s.beta2(), s.tau());
            case StrategySettings.FEDADAGRAD -> new FedAdagrad(s.serverLearningRate(), s.beta1(), s.tau());
            case StrategySettings.SCAFFOLD -> StrategySettings.WEIGHT_BY_SAMPLES.equals(s.weighting())
                    ? new Scaffold(s.serverLearningRate(), requirePositive(totalSamples))
                    : new Scaffold(s.serverLearningRate());
            case StrategySettings.MEDIAN -> new CoordinateMedian();
            case StrategySettings.TRIMMED_MEAN -> new TrimmedMean(s.trim());
            case StrategySettings.KRUM -> Krum.krum(s.byzantine());
            case StrategySettings.MULTI_KRUM -> Krum.multiKrum(s.byzantine(), s.selected());
            case StrategySettings.FEDASYNC -> FedAsync.of(s);
            default -> throw new IllegalArgumentException("strategy.kind \"" + s.kind() + "\" is not known");
        };
    }

    private static int requirePositive(int totalSamples) {
        if (totalSamples <= 0) {
            throw new IllegalArgumentException("SCAFFOLD weighted by samples needs the clients' total training rows"
                    + " (found " + totalSamples + ")");
        }
        return totalSamples;
    }
}
