package org.fedstep.core.optim;

/**
 * One client's optimiser for the two parameters (w, b). It keeps its own state (momentum, moments, step count) and
 * is made fresh for every client in every round. {@link #step} turns a gradient into the change to add.
 */
public interface LocalOptimizer {

    /**
     * Computes the parameter change for gradient (gw, gb) and writes it to out[0] (for w) and out[1] (for b).
     * Writing into an array keeps the training loop free of allocations.
     */
    void step(double gw, double gb, double[] out);
}
