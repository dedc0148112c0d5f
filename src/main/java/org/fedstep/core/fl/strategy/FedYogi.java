package org.fedstep.core.fl.strategy;

/** FedYogi: v_t = v_{t-1} - (1 - beta2) Delta_t^2 sign(v_{t-1} - Delta_t^2); v changes additively, not by decay. */
public final class FedYogi extends FedOpt {

    private final double beta2;

    public FedYogi(double serverLearningRate, double beta1, double beta2, double tau) {
        super(serverLearningRate, beta1, tau);
        this.beta2 = beta2;
    }

    @Override
    public String key() {
        return "fedyogi";
    }

    @Override
    protected double nextVariance(double previous, double deltaSquared) {
        return previous - (1 - beta2) * deltaSquared * Math.signum(previous - deltaSquared);
    }
}
