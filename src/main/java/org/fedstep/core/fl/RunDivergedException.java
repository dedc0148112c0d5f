package org.fedstep.core.fl;

/** Thrown when asked to step past the phase where a run diverged. */
public final class RunDivergedException extends RuntimeException {

    private final transient Divergence divergence;

    public RunDivergedException(Divergence divergence) {
        super(divergence.message());
        this.divergence = divergence;
    }

    public Divergence divergence() {
        return divergence;
    }
}
