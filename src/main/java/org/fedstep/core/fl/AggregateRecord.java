package org.fedstep.core.fl;

import org.fedstep.core.fl.strategy.Aggregation;

/** Phase 4: how the server combined the uploads, term by term, with the server state before and after. */
public record AggregateRecord(int round, String strategy, Aggregation aggregation) implements PhaseRecord {

    @Override
    public Phase phase() {
        return Phase.AGGREGATE;
    }
}
