package org.fedstep.core.fl.strategy;

/** FedAdam: v_t = beta2 v_{t-1} + (1 - beta2) Delta_t^2. */
public final class FedAdam extends FedOpt {

    private final double beta2;

    public FedAdam(double serverLearningRate, double beta1, double beta2, double tau) {
        super(serverLearningRate, beta1, tau);
        this.beta2 = beta2;
    }

    @Override
    public String key() {
        return "fedadam";
    }

    @Override
    protected double nextVariance(double previous, double deltaSquared) {
        return beta2 * previous + (1 - beta2) * deltaSquared;
    }
}
