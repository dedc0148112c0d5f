package org.fedstep.core.fl;

import org.fedstep.core.model.Params;

/** Phase 5: theta_{t+1} replaces theta_t, and how good it is. */
public record UpdateRecord(int round, Params previous, Params global, Evaluation evaluation) implements PhaseRecord {

    @Override
    public Phase phase() {
        return Phase.UPDATE;
    }
}
