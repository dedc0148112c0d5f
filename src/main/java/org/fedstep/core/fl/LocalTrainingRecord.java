package org.fedstep.core.fl;

import java.util.List;

/** Phase 2: each sampled client's training, in ascending client order. */
public record LocalTrainingRecord(int round, List<ClientTraining> clients) implements PhaseRecord {

    public LocalTrainingRecord {
        clients = List.copyOf(clients);
    }

    @Override
    public Phase phase() {
        return Phase.LOCAL_TRAINING;
    }
}
