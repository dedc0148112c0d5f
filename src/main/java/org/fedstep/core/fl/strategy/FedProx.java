package org.fedstep.core.fl.strategy;

/**
 * FedProx (Li et al. 2020): each client minimises F_k(w) + (mu/2) ||w - theta_t||^2, so its gradient gains
 * mu * (w - theta_t), which pulls it back towards the model it was sent. The server averages as FedAvg does.
 */
public final class FedProx extends FedAvg {

    private final double mu;

    public FedProx(double mu) {
        this.mu = mu;
    }

    @Override
    public String key() {
        return "fedprox";
    }

    @Override
    public double proximalMu() {
        return mu;
    }
}
