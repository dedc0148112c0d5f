package org.fedstep.core.data;

import java.util.Arrays;
import org.fedstep.core.random.Rng;

/**
 * Holds out round(fraction * n) of a client's rows for testing, chosen at random, but never all of them: at least
 * one row stays for training. Both parts keep the rows' original order.
 */
public final class TrainTestSplit {

    private TrainTestSplit() { }

    /** How many of n rows are held out. */
    public static int testCount(int n, double fraction) {
        return (int) Math.min(Math.round(fraction * n), n - 1L);
    }

    public static ClientData split(String name, double[] x, double[] y, double fraction, Rng rng,
                                   ClientData.GeneratingLine truth) {
        int n = x.length;
        int nTest = testCount(n, fraction);
        boolean[] test = new boolean[n];
        if (nTest > 0) {
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            rng.shuffle(order);
            for (int i = 0; i < nTest; i++) {
                test[order[i]] = true;
            }
        }
        double[] trX = new double[n - nTest];
        double[] trY = new double[n - nTest];
        double[] teX = new double[nTest];
        double[] teY = new double[nTest];
        int a = 0;
        int t = 0;
        for (int i = 0; i < n; i++) {
            if (test[i]) {
                teX[t] = x[i];
                teY[t++] = y[i];
            } else {
                trX[a] = x[i];
                trY[a++] = y[i];
            }
        }
        return new ClientData(name, trX, trY, teX, teY, truth);
    }

    static double[] copy(double[] a) {
        return Arrays.copyOf(a, a.length);
    }
}
