package org.fedstep.core.model;

/**
 * The loss of DESIGN.md, stated once: J = (1/n) * sum (y_hat - y)^2 with y_hat = w * x + b (a line) or
 * y_hat = b + w x + w_2 x^2 + ... + w_d x^d (a curve); dJ/dw_j = (2/n) * sum (y_hat - y) * x^j, so dJ/dw = (2/n) *
 * sum (y_hat - y) * x and dJ/db = (2/n) * sum (y_hat - y).
 */
public final class Mse {

    private Mse() { }

    /** J over all points; NaN for no points. */
    public static double loss(Params p, double[] x, double[] y) {
        if (p.size() == 2) {
            return loss(p.w(), p.b(), x, y, x.length);
        }
        return x.length == 0 ? Double.NaN : sumOfSquares(p, x, y) / x.length;
    }

    /** J of the line (w, b) over the first n points. */
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
        if (p.size() == 2) {
            double w = p.w();
            double b = p.b();
            for (int i = 0; i < x.length; i++) {
                double r = w * x[i] + b - y[i];
                sum += r * r;
            }
            return sum;
        }
        for (int i = 0; i < x.length; i++) {
            double r = p.valueAt(x[i]) - y[i];
            sum += r * r;
        }
        return sum;
    }

    /** The gradient (dJ/dw, dJ/db, dJ/dw_2, ...) over all points. */
    public static Params gradient(Params p, double[] x, double[] y) {
        double[] g = new double[p.size()];
        for (int i = 0; i < x.length; i++) {
            double r = p.valueAt(x[i]) - y[i];
            double power = 1;
            for (int j = 0; j < g.length; j++) {
                g[Params.indexOfPower(j)] += r * power;
                power *= x[i];
            }
        }
        for (int j = 0; j < g.length; j++) {
            g[j] = 2 * g[j] / x.length;
        }
        return Params.of(g);
    }
}
