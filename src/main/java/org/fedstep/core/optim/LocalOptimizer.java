package org.fedstep.core.optim;

/**
 * One client's optimiser for the model's parameters (w, b, and w_2 .. w_d for a curve), coordinate by coordinate.
 * It keeps its own state (momentum, moments, step count) and is made fresh for every client in every round.
 * {@link #step} turns a gradient into the change to add.
 */
public interface LocalOptimizer {

    /**
     * Computes the parameter change for the gradient and writes it to out, coordinate i of out for coordinate i of
     * gradient (w, b, w_2, ...). Writing into an array keeps the training loop free of allocations.
     */
    void step(double[] gradient, double[] out);
}
