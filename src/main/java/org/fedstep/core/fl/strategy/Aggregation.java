package org.fedstep.core.fl.strategy;

import java.util.List;
import org.fedstep.core.model.Params;

/**
 * How the server combined one round's uploads.
 *
 * @param terms        p_k * delta_k for each upload, in client order
 * @param meanUpdate   Delta_t = sum_k p_k * delta_k (zero when nothing was uploaded)
 * @param serverStep   what is added to theta_t: theta_{t+1} = theta_t + serverStep
 * @param stateBefore  the server's memory before this round
 * @param stateAfter   the server's memory after this round
 * @param newGlobal    theta_{t+1}
 * @param controlMean  SCAFFOLD: the uniform mean of the uploaded delta_c (else null)
 */
public record Aggregation(List<WeightedTerm> terms, Params meanUpdate, Params serverStep, ServerState stateBefore,
                          ServerState stateAfter, Params newGlobal, Params controlMean) {

    public Aggregation {
        terms = List.copyOf(terms);
    }

    /** Nothing arrived: the model and the server's memory stay as they were. */
    static Aggregation nothingUploaded(Params global, ServerState state) {
        return new Aggregation(List.of(), Params.ZERO, Params.ZERO, state, state, global, null);
    }

    /** Delta_t = sum_k p_k delta_k, summed in client order. */
    static Params weightedMean(List<ClientUpload> uploads) {
        double w = 0;
        double b = 0;
        for (ClientUpload u : uploads) {
            w += u.weight() * u.delta().w();
            b += u.weight() * u.delta().b();
        }
        return new Params(w, b);
    }

    static List<WeightedTerm> termsOf(List<ClientUpload> uploads) {
        return uploads.stream().map(WeightedTerm::of).toList();
    }
}
