package org.fedstep.core.model;

/**
 * The map between original units and the z-scores a model may be trained in: x' = (x - mx) / sx, y' = (y - my) / sy.
 * A line y' = w' x' + b' in z-scores is the line y = w x + b in original units with w = w' sy / sx and
 * b = my + sy b' - w mx; a curve's coefficients are mapped by expanding the powers of x' (binomial theorem). The identity when standardisation is off. Losses are always reported in original units:
 * a residual in original units is sy times the residual in z-scores, so the MSE is sy^2 times larger.
 */
public record Standardization(double xMean, double xScale, double yMean, double yScale) {

    public static final Standardization IDENTITY = new Standardization(0, 1, 0, 1);

    /** The z-score map of the given pooled training data (population standard deviation; 1 where it is 0). */
    public static Standardization of(double[] x, double[] y) {
        return new Standardization(mean(x), scale(x), mean(y), scale(y));
    }

    public boolean isIdentity() {
        return xMean == 0 && xScale == 1 && yMean == 0 && yScale == 1;
    }

    public double toModelX(double x) {
        return (x - xMean) / xScale;
    }

    public double toModelY(double y) {
        return (y - yMean) / yScale;
    }

    /** A line or curve in the training space, in original units. */
    public Params toOriginal(Params model) {
        if (isIdentity()) {
            return model;
        }
        if (model.size() == 2) {
            double w = model.w() * yScale / xScale;
            return new Params(w, yMean + yScale * model.b() - w * xMean);
        }
        return curveToOriginal(model, true);
    }

    /** A line or curve in original units, in the training space. */
    public Params toModel(Params original) {
        if (isIdentity()) {
            return original;
        }
        if (original.size() == 2) {
            double w = original.w() * xScale / yScale;
            return new Params(w, (original.b() + original.w() * xMean - yMean) / yScale);
        }
        // x = mx + sx z: sum_i c_i (mx + sx z)^i = sum_j [sum_{i >= j} c_i C(i, j) mx^(i-j) sx^j] z^j
        int d = original.degree();
        double[] c = new double[d + 1];
        for (int j = 0; j <= d; j++) {
            double sum = 0;
            for (int i = j; i <= d; i++) {
                sum += original.coefficient(i) * binomial(i, j) * Math.pow(xMean, i - j);
            }
            c[j] = (sum * Math.pow(xScale, j) - (j == 0 ? yMean : 0)) / yScale;
        }
        return Params.polynomial(c);
    }

    /**
     * A difference of two lines or curves (an update delta), in original units: the linear part of
     * {@link #toOriginal}, so that toOriginal(a) - toOriginal(b) = deltaToOriginal(a - b).
     */
    public Params deltaToOriginal(Params modelDelta) {
        if (isIdentity()) {
            return modelDelta;
        }
        if (modelDelta.size() == 2) {
            double w = modelDelta.w() * yScale / xScale;
            return new Params(w, yScale * modelDelta.b() - w * xMean);
        }
        return curveToOriginal(modelDelta, false);
    }

    /**
     * y = my + sy sum_j c'_j ((x - mx) / sx)^j expanded in powers of x:
     * c_i = sy sum_{j >= i} c'_j C(j, i) (-mx)^(j-i) / sx^j, plus my in c_0 unless the curve is a difference.
     */
    private Params curveToOriginal(Params model, boolean withMean) {
        int d = model.degree();
        double[] c = new double[d + 1];
        for (int i = 0; i <= d; i++) {
            double sum = 0;
            for (int j = i; j <= d; j++) {
                sum += model.coefficient(j) * binomial(j, i) * Math.pow(-xMean, j - i) / Math.pow(xScale, j);
            }
            c[i] = yScale * sum + (i == 0 && withMean ? yMean : 0);
        }
        return Params.polynomial(c);
    }

    private static double binomial(int n, int k) {
        double r = 1;
        for (int i = 1; i <= k; i++) {
            r = r * (n - k + i) / i;
        }
        return r;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return v.length == 0 ? 0 : s / v.length;
    }

    private static double scale(double[] v) {
        if (v.length == 0) {
            return 1;
        }
        double m = mean(v);
        double s = 0;
        for (double d : v) {
            s += (d - m) * (d - m);
        }
        double sd = Math.sqrt(s / v.length);
        return sd > 0 ? sd : 1;
    }
}
