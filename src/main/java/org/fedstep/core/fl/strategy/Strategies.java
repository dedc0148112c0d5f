package org.fedstep.core.fl.strategy;

import org.fedstep.core.settings.StrategySettings;

/** Builds the strategy a (validated, defaults filled) StrategySettings names. */
public final class Strategies {

    private Strategies() { }

    public static ServerStrategy create(StrategySettings s) {
        return switch (s.kind()) {
            case StrategySettings.FEDAVG -> new FedAvg();
            case StrategySettings.FEDSGD -> new FedSgd();
            case StrategySettings.FEDPROX -> new FedProx(s.mu());
            case StrategySettings.FEDAVGM -> new FedAvgM(s.serverLearningRate(), s.serverMomentum());
            case StrategySettings.FEDADAM -> new FedAdam(s.serverLearningRate(), s.beta1(), s.beta2(), s.tau());
            case StrategySettings.FEDYOGI -> new FedYogi(s.serverLearningRate(), s.beta1(), s.beta2(), s.tau());
            case StrategySettings.FEDADAGRAD -> new FedAdagrad(s.serverLearningRate(), s.beta1(), s.tau());
            case StrategySettings.SCAFFOLD -> new Scaffold(s.serverLearningRate());
            default -> throw new IllegalArgumentException("strategy.kind \"" + s.kind() + "\" is not known");
        };
    }
}
