package org.fedstep.core.data;

import org.fedstep.core.model.LeastSquares;
import org.fedstep.core.model.Params;

/**
 * What a partition report says about one client: how many rows it holds, where its x values lie, their means, and the
 * client's own least-squares line or curve of the model's degree (null when it is not defined: fewer rows or distinct x
 * values than the curve has parameters).
 */
public record ClientSummary(String name, int size, double xMin, double xMax, double xMean, double yMean,
                            Params ownFit) {

    /** Summarises the given rows of one client, with its own least-squares line. */
    public static ClientSummary of(String name, double[] x, double[] y) {
        return of(name, x, y, 1);
    }

    /** Summarises the given rows of one client, with its own least-squares polynomial of the given degree. */
    public static ClientSummary of(String name, double[] x, double[] y, int degree) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sx = 0;
        double sy = 0;
        for (int i = 0; i < x.length; i++) {
            min = Math.min(min, x[i]);
            max = Math.max(max, x[i]);
            sx += x[i];
            sy += y[i];
        }
        int n = x.length;
        return new ClientSummary(name, n, n == 0 ? Double.NaN : min, n == 0 ? Double.NaN : max,
                n == 0 ? Double.NaN : sx / n, n == 0 ? Double.NaN : sy / n, LeastSquares.fit(x, y, degree));
    }
}
