package org.fedstep.core.fl.strategy;

/** FedAdagrad: v_t = v_{t-1} + Delta_t^2, so every coordinate's steps shrink as its squared updates add up. */
public final class FedAdagrad extends FedOpt {

    public FedAdagrad(double serverLearningRate, double beta1, double tau) {
        super(serverLearningRate, beta1, tau);
    }

    @Override
    public String key() {
        return "fedadagrad";
    }

    @Override
    protected double nextVariance(double previous, double deltaSquared) {
        return previous + deltaSquared;
    }
}
