package org.fedstep.core.model;

import org.apache.commons.math3.stat.regression.SimpleRegression;

/** The closed-form least-squares line: the minimiser of the MSE over the given points. */
public final class LeastSquares {

    private LeastSquares() { }

    /**
     * The least-squares line through the points, or null when it is not defined (fewer than two points, or all x
     * equal: then every slope fits equally well).
     */
    public static Params fit(double[] x, double[] y) {
        SimpleRegression r = new SimpleRegression(true);
        for (int i = 0; i < x.length; i++) {
            r.addData(x[i], y[i]);
        }
        if (r.getN() < 2 || r.getXSumSquares() == 0.0) {
            return null;
        }
        return new Params(r.getSlope(), r.getIntercept());
    }
}
