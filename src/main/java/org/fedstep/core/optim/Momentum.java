package org.fedstep.core.optim;

/** Gradient descent with momentum (heavy ball, as PyTorch's SGD): v <- beta * v + g; theta <- theta - eta * v. */
public final class Momentum implements LocalOptimizer {

    private final double learningRate;
    private final double beta;
    private double vw;
    private double vb;

    public Momentum(double learningRate, double beta) {
        this.learningRate = learningRate;
        this.beta = beta;
    }

    @Override
    public void step(double gw, double gb, double[] out) {
        vw = beta * vw + gw;
        vb = beta * vb + gb;
        out[0] = -learningRate * vw;
        out[1] = -learningRate * vb;
    }
}
