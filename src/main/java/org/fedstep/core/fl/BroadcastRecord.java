package org.fedstep.core.fl;

import java.util.List;
import org.fedstep.core.model.Params;

/**
 * Phase 1: the server sent theta_t to the recipients (0-based client indices, ascending); the others were not sampled.
 *
 * @param serverControl SCAFFOLD's server control variate c, sent along with the model; null for other strategies
 */
public record BroadcastRecord(int round, Params global, List<Integer> recipients, List<Integer> notSampled,
                              Params serverControl) implements PhaseRecord {

    public BroadcastRecord {
        recipients = List.copyOf(recipients);
        notSampled = List.copyOf(notSampled);
    }

    @Override
    public Phase phase() {
        return Phase.BROADCAST;
    }
}
