package org.fedstep.core.fl;

import java.util.Arrays;
import org.fedstep.core.model.Params;

/**
 * A client's way through parameter space in one round of local training: the model it was sent (index 0) and the
 * model after every step. Immutable; held by reference, never handed out as arrays.
 */
public final class ModelPath {

    /** coordinates[c][i]: coordinate c (w, b, w_2, ...) after step i. */
    private final double[][] coordinates;

    /** Takes ownership of the arrays: callers must not keep them. */
    ModelPath(double[][] coordinates) {
        this.coordinates = coordinates;
    }

    /** A line's path. */
    public static ModelPath of(double[] w, double[] b) {
        return new ModelPath(new double[][] {w.clone(), b.clone()});
    }

    /** Points on the path: steps + 1. */
    public int size() {
        return coordinates[0].length;
    }

    public double w(int i) {
        return coordinates[0][i];
    }

    public double b(int i) {
        return coordinates[1][i];
    }

    public Params at(int i) {
        if (coordinates.length == 2) {
            return new Params(coordinates[0][i], coordinates[1][i]);
        }
        double[] v = new double[coordinates.length];
        for (int c = 0; c < v.length; c++) {
            v[c] = coordinates[c][i];
        }
        return Params.of(v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelPath p && Arrays.deepEquals(coordinates, p.coordinates);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(coordinates);
    }

    @Override
    public String toString() {
        return "ModelPath[" + size() + " points]";
    }
}
