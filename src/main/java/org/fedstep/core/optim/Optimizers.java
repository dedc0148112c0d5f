package org.fedstep.core.optim;

import java.util.function.Supplier;
import org.fedstep.core.settings.TrainingSettings;

/** Makes fresh optimisers of the kind validated TrainingSettings name. */
public final class Optimizers {

    private Optimizers() { }

    public static Supplier<LocalOptimizer> factory(TrainingSettings t) {
        double eta = t.learningRate();
        return switch (t.optimizer()) {
            case TrainingSettings.SGD -> () -> new Sgd(eta);
            case TrainingSettings.MOMENTUM -> () -> new Momentum(eta, t.momentum());
            case TrainingSettings.ADAM -> () -> new Adam(eta, t.beta1(), t.beta2(), t.epsilon());
            default -> throw new IllegalArgumentException("training.optimizer \"" + t.optimizer() + "\" is not known");
        };
    }
}
