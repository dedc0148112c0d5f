package org.fedstep.core.fl;

/**
 * What happened in one phase of one round. Parameters are in the training space (z-scores when standardisation is
 * on; RoundEngine.units() converts them to original units); losses are always in original units.
 */
public sealed interface PhaseRecord
        permits BroadcastRecord, LocalTrainingRecord, UploadRecord, AggregateRecord, UpdateRecord {

    int round();

    Phase phase();
}
