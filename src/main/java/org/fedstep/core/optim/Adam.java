package org.fedstep.core.optim;

/**
 * Adam (Kingma and Ba 2015), with both moments (the source article's version drops v), per coordinate:
 * m <- b1 m + (1 - b1) g; v <- b2 v + (1 - b2) g^2; m_hat = m / (1 - b1^t); v_hat = v / (1 - b2^t);
 * theta <- theta - eta * m_hat / (sqrt(v_hat) + eps).
 */
public final class Adam implements LocalOptimizer {

    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private double[] m;
    private double[] v;
    private double beta1Power = 1;
    private double beta2Power = 1;

    public Adam(double learningRate, double beta1, double beta2, double epsilon) {
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    @Override
    public void step(double[] gradient, double[] out) {
        if (m == null) {
            m = new double[gradient.length];
            v = new double[gradient.length];
        }
        beta1Power *= beta1;
        beta2Power *= beta2;
        for (int i = 0; i < gradient.length; i++) {
            double g = gradient[i];
            m[i] = beta1 * m[i] + (1 - beta1) * g;
            v[i] = beta2 * v[i] + (1 - beta2) * g * g;
            double mHat = m[i] / (1 - beta1Power);
            double vHat = v[i] / (1 - beta2Power);
            out[i] = -learningRate * mHat / (Math.sqrt(vHat) + epsilon);
        }
    }
}
