package org.fedstep.core.fl.strategy;

import org.fedstep.core.model.Params;

/** One term of the server's weighted sum: p_k * delta_k, kept with its parts so it can be written out. */
public record WeightedTerm(int client, double weight, Params delta, Params weighted) {

    static WeightedTerm of(ClientUpload u) {
        return new WeightedTerm(u.client(), u.weight(), u.delta(), u.delta().times(u.weight()));
    }
}
