package org.fedstep.core.model;

/**
 * The map between original units and the z-scores a model may be trained in: x' = (x - mx) / sx, y' = (y - my) / sy.
 * A line y' = w' x' + b' in z-scores is the line y = w x + b in original units with w = w' sy / sx and
 * b = my + sy b' - w mx. The identity when standardisation is off. Losses are always reported in original units:
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

    /** A line in the training space, in original units. */
    public Params toOriginal(Params model) {
        if (isIdentity()) {
            return model;
        }
        double w = model.w() * yScale / xScale;
        return new Params(w, yMean + yScale * model.b() - w * xMean);
    }

    /** A line in original units, in the training space. */
    public Params toModel(Params original) {
        if (isIdentity()) {
            return original;
        }
        double w = original.w() * xScale / yScale;
        return new Params(w, (original.b() + original.w() * xMean - yMean) / yScale);
    }

    /**
     * A difference of two lines (an update delta), in original units: the linear part of {@link #toOriginal},
     * so that toOriginal(a) - toOriginal(b) = deltaToOriginal(a - b).
     */
    public Params deltaToOriginal(Params modelDelta) {
        if (isIdentity()) {
            return modelDelta;
        }
        double w = modelDelta.w() * yScale / xScale;
        return new Params(w, yScale * modelDelta.b() - w * xMean);
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
