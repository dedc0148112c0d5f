package org.fedstep.core.optim;

/** Plain gradient descent: theta <- theta - eta * g. */
public final class Sgd implements LocalOptimizer {

    private final double learningRate;

    public Sgd(double learningRate) {
        this.learningRate = learningRate;
    }

    @Override
    public void step(double gw, double gb, double[] out) {
        out[0] = -learningRate * gw;
        out[1] = -learningRate * gb;
    }
}
