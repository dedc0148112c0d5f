package org.fedstep.core.fl;

import java.util.Arrays;
import org.fedstep.core.model.Params;

/**
 * A client's way through parameter space in one round of local training: the model it was sent (index 0) and the
 * model after every step. Immutable; held by reference, never handed out as arrays.
 */
public final class ModelPath {

    private final double[] w;
    private final double[] b;

    /** Takes ownership of the arrays: callers must not keep them. */
    ModelPath(double[] w, double[] b) {
        this.w = w;
        this.b = b;
    }

    public static ModelPath of(double[] w, double[] b) {
        return new ModelPath(w.clone(), b.clone());
    }

    /** Points on the path: steps + 1. */
    public int size() {
        return w.length;
    }

    public double w(int i) {
        return w[i];
    }

    public double b(int i) {
        return b[i];
    }

    public Params at(int i) {
        return new Params(w[i], b[i]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelPath p && Arrays.equals(w, p.w) && Arrays.equals(b, p.b);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(w) + Arrays.hashCode(b);
    }

    @Override
    public String toString() {
        return "ModelPath[" + w.length + " points]";
    }
}
