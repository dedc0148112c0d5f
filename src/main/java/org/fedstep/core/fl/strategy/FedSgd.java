package org.fedstep.core.fl.strategy;

/**
 * FedSGD: FedAvg with one local epoch of one full-batch gradient step, so each delta_k = -eta * grad F_k(theta_t) and
 * the server's weighted sum is one step of gradient descent on all the data (the settings validator enforces E = 1,
 * B = full, optimizer sgd).
 */
public final class FedSgd extends FedAvg {

    @Override
    public String key() {
        return "fedsgd";
    }
}
