package org.fedstep.core.data;

import java.util.Objects;

/**
 * The data one client holds, already split into training and test rows, in original units. Raw data never leave the
 * client in a federated round; the engine only reads them to train and evaluate locally.
 *
 * @param truth the line this client's data were generated from (synthetic data only), or null
 */
public record ClientData(String name, double[] trainX, double[] trainY, double[] testX, double[] testY,
                         GeneratingLine truth) {

    public ClientData {
        Objects.requireNonNull(name, "name");
        if (trainX.length != trainY.length || testX.length != testY.length) {
            throw new IllegalArgumentException("x and y differ in length for client " + name);
        }
        trainX = trainX.clone();
        trainY = trainY.clone();
        testX = testX.clone();
        testY = testY.clone();
    }

    @Override public double[] trainX() { return trainX.clone(); }
    @Override public double[] trainY() { return trainY.clone(); }
    @Override public double[] testX() { return testX.clone(); }
    @Override public double[] testY() { return testY.clone(); }

    public int trainSize() { return trainX.length; }
    public int testSize() { return testX.length; }
    public double trainX(int i) { return trainX[i]; }
    public double trainY(int i) { return trainY[i]; }
    public double testX(int i) { return testX[i]; }
    public double testY(int i) { return testY[i]; }

    /** The true line and noise level of a synthetic client: y = slope * x + intercept + noise. */
    public record GeneratingLine(double slope, double intercept, double noise) { }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientData c && name.equals(c.name)
                && java.util.Arrays.equals(trainX, c.trainX) && java.util.Arrays.equals(trainY, c.trainY)
                && java.util.Arrays.equals(testX, c.testX) && java.util.Arrays.equals(testY, c.testY)
                && Objects.equals(truth, c.truth);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, java.util.Arrays.hashCode(trainX), java.util.Arrays.hashCode(trainY));
    }

    @Override
    public String toString() {
        return "ClientData[" + name + ", train=" + trainX.length + ", test=" + testX.length + "]";
    }
}
