package org.fedstep.core.model;

/**
 * The loss of DESIGN.md, stated once: J = (1/n) * sum (y_hat - y)^2 with y_hat = w * x + b;
 * dJ/dw = (2/n) * sum (y_hat - y) * x, dJ/db = (2/n) * sum (y_hat - y).
 */
public final class Mse {

    private Mse() { }

    /** J over all points; NaN for no points. */
    public static double loss(Params p, double[] x, double[] y) {
        return loss(p.w(), p.b(), x, y, x.length);
    }

    /** J over the first n points. */
    public static double loss(double w, double b, double[] x, double[] y, int n) {
        if (n == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double r = w * x[i] + b - y[i];
            sum += r * r;
        }
        return sum / n;
    }

    /** The sum of squared residuals (not divided by n), for pooling losses across clients. */
    public static double sumOfSquares(Params p, double[] x, double[] y) {
        double sum = 0;
        double w = p.w();
        double b = p.b();
        for (int i = 0; i < x.length; i++) {
            double r = w * x[i] + b - y[i];
            sum += r * r;
        }
        return sum;
    }

    /** The gradient (dJ/dw, dJ/db) over all points. */
    public static Params gradient(Params p, double[] x, double[] y) {
        double gw = 0;
        double gb = 0;
        for (int i = 0; i < x.length; i++) {
            double r = p.w() * x[i] + p.b() - y[i];
            gw += r * x[i];
            gb += r;
        }
        return new Params(2 * gw / x.length, 2 * gb / x.length);
    }
}
