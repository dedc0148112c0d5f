package org.fedstep.core.fl;

/**
 * Everything that happened in one round, phase by phase. When the round diverged, the records after the phase where
 * it happened are null.
 */
public record RoundDetail(int round, BroadcastRecord broadcast, LocalTrainingRecord localTraining,
                          UploadRecord upload, AggregateRecord aggregate, UpdateRecord update,
                          Divergence divergence) {

    /** The record of one phase, or null when the round diverged before it. */
    public PhaseRecord record(Phase phase) {
        return switch (phase) {
            case BROADCAST -> broadcast;
            case LOCAL_TRAINING -> localTraining;
            case UPLOAD -> upload;
            case AGGREGATE -> aggregate;
            case UPDATE -> update;
        };
    }

    /** The last phase that has a record. */
    public Phase lastPhase() {
        return divergence == null ? Phase.UPDATE : divergence.phase();
    }
}
