package org.fedstep.core.fl;

import java.util.function.Supplier;
import org.fedstep.core.model.Params;
import org.fedstep.core.optim.LocalOptimizer;
import org.fedstep.core.random.Rng;

/**
 * Local training on one client: E epochs of mini-batch gradient descent on the MSE, from the model the server sent.
 * Each epoch visits the rows in a fresh seeded order (full batch: in stored order, since one step sees them all).
 * The gradient of a batch of m rows is (2/m) sum (y_hat - y) * (x, 1) (for a curve, (x, 1, x^2, ..)), plus FedProx's mu (theta - theta_t) and
 * SCAFFOLD's correction (c - c_k) when given. This loop is where FedStep spends its time: no allocation per step.
 */
public final class LocalTrainer {

    private final int epochs;
    private final int batchSize;
    private final Supplier<LocalOptimizer> optimizers;

    /** @param batchSize rows per step, or 0 for the full batch */
    public LocalTrainer(int epochs, int batchSize, Supplier<LocalOptimizer> optimizers) {
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.optimizers = optimizers;
    }

    /** How many steps a client with n rows takes: E * ceil(n / B). */
    public int stepsFor(int n) {
        int b = batchSize == 0 ? n : Math.min(batchSize, n);
        return epochs * ((n + b - 1) / b);
    }

    /**
     * Trains from start on the rows (x, y) in the model's units.
     *
     * @param mu         FedProx's proximal coefficient, 0 for none
     * @param correction SCAFFOLD's c - c_k, added to every gradient, or null
     * @param rng        the client's shuffling stream for this round
     * @param recordPath whether to keep the model after every step
     */
    public Result train(double[] x, double[] y, Params start, double mu, Params correction, Rng rng,
                        boolean recordPath) {
        if (start.size() > 2 || (correction != null && correction.size() > 2)) {
            return trainCurve(x, y, start, mu, correction, rng, recordPath);
        }
        int n = x.length;
        int batch = batchSize == 0 ? n : Math.min(batchSize, n);
        int totalSteps = stepsFor(n);
        double[] pathW = recordPath ? new double[totalSteps + 1] : null;
        double[] pathB = recordPath ? new double[totalSteps + 1] : null;
        double w0 = start.w();
        double b0 = start.b();
        double w = w0;
        double b = b0;
        double cw = correction == null ? 0 : correction.w();
        double cb = correction == null ? 0 : correction.b();
        if (recordPath) {
            pathW[0] = w;
            pathB[0] = b;
        }
        LocalOptimizer optimizer = optimizers.get();
        double[] gradient = new double[2];
        double[] change = new double[2];
        int[] order = shuffledOrder(n, batch);
        int step = 0;
        training:
        for (int e = 0; e < epochs; e++) {
            if (order != null) {
                rng.shuffle(order);
            }
            for (int from = 0; from < n; from += batch) {
                int to = Math.min(from + batch, n);
                double gw = 0;
                double gb = 0;
                if (order == null) {
                    for (int i = from; i < to; i++) {
                        double r = w * x[i] + b - y[i];
                        gw += r * x[i];
                        gb += r;
                    }
                } else {
                    for (int i = from; i < to; i++) {
                        int row = order[i];
                        double xi = x[row];
                        double r = w * xi + b - y[row];
                        gw += r * xi;
                        gb += r;
                    }
                }
                double scale = 2.0 / (to - from);
                gradient[0] = gw * scale + mu * (w - w0) + cw;
                gradient[1] = gb * scale + mu * (b - b0) + cb;
                optimizer.step(gradient, change);
                w += change[0];
                b += change[1];
                step++;
                if (recordPath) {
                    pathW[step] = w;
                    pathB[step] = b;
                }
                if (!Double.isFinite(w) || !Double.isFinite(b)) {
                    break training; // diverged: later steps cannot bring it back
                }
            }
        }
        ModelPath path = recordPath ? new ModelPath(new double[][] {trim(pathW, step + 1), trim(pathB, step + 1)})
                : null;
        return new Result(new Params(w, b), step, path);
    }

    /**
     * The same training for a curve y_hat = b + w x + w_2 x^2 + ... : the gradient of a batch is
     * (2/m) sum (y_hat - y) * (x, 1, x^2, ..., x^d), in the coordinates' order (w, b, w_2, ...).
     */
    private Result trainCurve(double[] x, double[] y, Params start, double mu, Params correction, Rng rng,
                              boolean recordPath) {
        int n = x.length;
        int dims = Math.max(start.size(), correction == null ? 0 : correction.size());
        int degree = dims - 1;
        int batch = batchSize == 0 ? n : Math.min(batchSize, n);
        int totalSteps = stepsFor(n);
        double[][] path = recordPath ? new double[dims][totalSteps + 1] : null;
        double[] theta0 = start.toArray(dims);
        double[] theta = theta0.clone();
        double[] c = correction == null ? new double[dims] : correction.toArray(dims);
        // the coefficient of x^p, by power, for the inner loop; kept in step with theta
        double[] byPower = new double[dims];
        if (recordPath) {
            for (int i = 0; i < dims; i++) {
                path[i][0] = theta[i];
            }
        }
        LocalOptimizer optimizer = optimizers.get();
        double[] gradient = new double[dims];
        double[] sums = new double[dims];
        double[] change = new double[dims];
        int[] order = shuffledOrder(n, batch);
        int step = 0;
        training:
        for (int e = 0; e < epochs; e++) {
            if (order != null) {
                rng.shuffle(order);
            }
            for (int from = 0; from < n; from += batch) {
                int to = Math.min(from + batch, n);
                for (int p = 0; p <= degree; p++) {
                    byPower[p] = theta[Params.indexOfPower(p)];
                }
                java.util.Arrays.fill(sums, 0);
                for (int i = from; i < to; i++) {
                    int row = order == null ? i : order[i];
                    double xi = x[row];
                    double yHat = 0;
                    for (int p = degree; p >= 0; p--) {
                        yHat = yHat * xi + byPower[p];
                    }
                    double r = yHat - y[row];
                    double power = r;
                    for (int p = 0; p <= degree; p++) {
                        sums[p] += power;
                        power *= xi;
                    }
                }
                double scale = 2.0 / (to - from);
                boolean finite = true;
                for (int i = 0; i < dims; i++) {
                    gradient[i] = sums[Params.powerOfIndex(i)] * scale + mu * (theta[i] - theta0[i]) + c[i];
                }
                optimizer.step(gradient, change);
                for (int i = 0; i < dims; i++) {
                    theta[i] += change[i];
                    finite &= Double.isFinite(theta[i]);
                    if (recordPath) {
                        path[i][step + 1] = theta[i];
                    }
                }
                step++;
                if (!finite) {
                    break training; // diverged: later steps cannot bring it back
                }
            }
        }
        ModelPath trail = null;
        if (recordPath) {
            for (int i = 0; i < dims; i++) {
                path[i] = trim(path[i], step + 1);
            }
            trail = new ModelPath(path);
        }
        return new Result(Params.of(theta), step, trail);
    }

    /** The rows' order for mini-batches (shuffled each epoch), or null for the full batch in stored order. */
    private static int[] shuffledOrder(int n, int batch) {
        if (batch >= n) {
            return null;
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    private static double[] trim(double[] a, int length) {
        return a.length == length ? a : java.util.Arrays.copyOf(a, length);
    }

    /** @param path the model before the first step and after every step, or null when not recorded */
    public record Result(Params end, int steps, ModelPath path) { }
}
