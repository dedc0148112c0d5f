package org.fedstep.core.model;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The two parameters of the line y_hat = w * x + b (w slope, b intercept). Also used for updates (deltas),
 * server moments and SCAFFOLD control variates, which live in the same two-dimensional space.
 */
public record Params(double w, double b) {

    public static final Params ZERO = new Params(0.0, 0.0);

    public Params plus(Params o) {
        return new Params(w + o.w, b + o.b);
    }

    public Params minus(Params o) {
        return new Params(w - o.w, b - o.b);
    }

    public Params times(double s) {
        return new Params(w * s, b * s);
    }

    /** Euclidean norm sqrt(w^2 + b^2). */
    public double norm() {
        return Math.hypot(w, b);
    }

    public double distanceTo(Params o) {
        return Math.hypot(w - o.w, b - o.b);
    }

    @JsonIgnore
    public boolean isFinite() {
        return Double.isFinite(w) && Double.isFinite(b);
    }

    @Override
    public String toString() {
        return "(w=" + w + ", b=" + b + ")";
    }
}
