package org.fedstep.core.model;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/** The closed-form least-squares fit: the minimiser of the MSE over the given points, for a line or a curve. */
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

    /**
     * The least-squares polynomial of the given degree, or null when it is not defined (fewer than degree + 1
     * distinct x: then many curves fit equally well). Solved by QR on the powers of the z-scores of x, which keeps
     * the digits that the powers of raw x (say 3,000 pounds, cubed) would lose, then written back in powers of x.
     */
    public static Params fit(double[] x, double[] y, int degree) {
        if (degree == 1) {
            return fit(x, y);
        }
        if (!distinctAtLeast(x, degree + 1)) {
            return null;
        }
        Standardization z = Standardization.of(x, new double[0]);
        double[][] design = new double[x.length][degree + 1];
        for (int i = 0; i < x.length; i++) {
            double zi = z.toModelX(x[i]);
            double power = 1;
            for (int j = 0; j <= degree; j++) {
                design[i][j] = power;
                power *= zi;
            }
        }
        DecompositionSolver solver = new QRDecomposition(new Array2DRowRealMatrix(design, false), 1e-12).getSolver();
        if (!solver.isNonSingular()) {
            return null;
        }
        RealVector c = solver.solve(new ArrayRealVector(y, false));
        Params inZ = Params.polynomial(c.toArray());
        // z = (x - m) / s, y as it is
        return new Standardization(z.xMean(), z.xScale(), 0, 1).toOriginal(inZ);
    }

    private static boolean distinctAtLeast(double[] x, int needed) {
        java.util.Set<Double> seen = new java.util.HashSet<>();
        for (double v : x) {
            if (seen.add(v) && seen.size() >= needed) {
                return true;
            }
        }
        return false;
    }
}
