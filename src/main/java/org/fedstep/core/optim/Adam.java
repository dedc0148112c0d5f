package org.fedstep.core.optim;

/**
 * Adam (Kingma and Ba 2015), with both moments (the source article's version drops v):
 * m <- b1 m + (1 - b1) g; v <- b2 v + (1 - b2) g^2; m_hat = m / (1 - b1^t); v_hat = v / (1 - b2^t);
 * theta <- theta - eta * m_hat / (sqrt(v_hat) + eps).
 */
public final class Adam implements LocalOptimizer {

    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private double mw;
    private double mb;
    private double vw;
    private double vb;
    private double beta1Power = 1;
    private double beta2Power = 1;

    public Adam(double learningRate, double beta1, double beta2, double epsilon) {
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    @Override
    public void step(double gw, double gb, double[] out) {
        beta1Power *= beta1;
        beta2Power *= beta2;
        mw = beta1 * mw + (1 - beta1) * gw;
        mb = beta1 * mb + (1 - beta1) * gb;
        vw = beta2 * vw + (1 - beta2) * gw * gw;
        vb = beta2 * vb + (1 - beta2) * gb * gb;
        double mwHat = mw / (1 - beta1Power);
        double mbHat = mb / (1 - beta1Power);
        double vwHat = vw / (1 - beta2Power);
        double vbHat = vb / (1 - beta2Power);
        out[0] = -learningRate * mwHat / (Math.sqrt(vwHat) + epsilon);
        out[1] = -learningRate * mbHat / (Math.sqrt(vbHat) + epsilon);
    }
}
