package org.fedstep.core.fl.strategy;

import java.util.List;
import org.fedstep.core.model.Params;

/**
 * A federated algorithm's rules: how the server combines the uploads, and the two ways an algorithm can change local
 * training (FedProx's proximal term, SCAFFOLD's control variates). One class per algorithm.
 */
public interface ServerStrategy {

    /** The stable key used in settings files, e.g. "fedavg". */
    String key();

    /** The server's memory before the first round. */
    default ServerState initialState() {
        return ServerState.ZERO;
    }

    /** The server's memory before the first round, for a model with this many parameters (d + 1). */
    default ServerState initialState(int parameters) {
        return initialState();
    }

    /** FedProx's mu: each client's gradient gains mu * (w - theta_t). Zero for the others. */
    default double proximalMu() {
        return 0.0;
    }

    /** Whether clients correct their gradients with SCAFFOLD's control variates and upload delta_c. */
    default boolean usesControlVariates() {
        return false;
    }

    /**
     * Combines this round's uploads into theta_{t+1}. Called with an empty list when every sampled client dropped
     * out; then the model and the server state stay as they were.
     *
     * @param totalClients N, the number of clients in the federation (SCAFFOLD scales its control update by |S| / N)
     */
    default Aggregation aggregate(Params global, List<ClientUpload> uploads, ServerState before, int totalClients) {
        return aggregate(global, uploads, before, totalClients, Params.ZERO);
    }

    /**
     * As above, with central differential privacy: noise is added to the weighted mean of the uploads before the
     * server's step (DP-FedAvg); every step after it is post-processing of a private value.
     *
     * @throws IllegalArgumentException from rules that cannot take noise (their sensitivity is not S / m)
     */
    Aggregation aggregate(Params global, List<ClientUpload> uploads, ServerState before, int totalClients,
                          Params noise);

    /** Whether the rule combines the uploads by a weighted average (so noise, secure sums and p_k apply). */
    default boolean averages() {
        return true;
    }
}
