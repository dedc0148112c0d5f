package org.fedstep.core.optim;

/** Plain gradient descent: theta <- theta - eta * g. */
public final class Sgd implements LocalOptimizer {

    private final double learningRate;

    public Sgd(double learningRate) {
        this.learningRate = learningRate;
    }

    @Override
    public void step(double[] gradient, double[] out) {
        for (int i = 0; i < gradient.length; i++) {
            out[i] = -learningRate * gradient[i];
        }
    }
}
