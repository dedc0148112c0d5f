package org.fedstep.core.optim;

/** Gradient descent with momentum (heavy ball, as PyTorch's SGD): v <- beta * v + g; theta <- theta - eta * v. */
public final class Momentum implements LocalOptimizer {

    private final double learningRate;
    private final double beta;
    private double[] velocity;

    public Momentum(double learningRate, double beta) {
        this.learningRate = learningRate;
        this.beta = beta;
    }

    @Override
    public void step(double[] gradient, double[] out) {
        if (velocity == null) {
            velocity = new double[gradient.length];
        }
        for (int i = 0; i < gradient.length; i++) {
            velocity[i] = beta * velocity[i] + gradient[i];
            out[i] = -learningRate * velocity[i];
        }
    }
}
