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
 * @param controlMean  SCAFFOLD: the mean of the uploaded delta_c with the control variate's weights (else null)
 * @param noise        central differential privacy: the Gaussian noise the server added to the mean update (included in
 *                     meanUpdate); zero without it
 * @param robust       a robust rule's choices (which uploads it used, Krum's scores); null for the averaging rules
 */
public record Aggregation(List<WeightedTerm> terms, Params meanUpdate, Params serverStep, ServerState stateBefore,
                          ServerState stateAfter, Params newGlobal, Params controlMean, Params noise, Robust robust) {

    public Aggregation {
        terms = List.copyOf(terms);
        noise = noise == null ? Params.ZERO : noise;
    }

    /** An averaging rule's aggregation, without noise or robust choices. */
    public Aggregation(List<WeightedTerm> terms, Params meanUpdate, Params serverStep, ServerState stateBefore,
                       ServerState stateAfter, Params newGlobal, Params controlMean) {
        this(terms, meanUpdate, serverStep, stateBefore, stateAfter, newGlobal, controlMean, Params.ZERO, null);
    }

    /**
     * What a robust rule used. For the coordinate-wise rules (median, trimmed mean), the clients whose value of w and
     * of b entered the result; for Krum and Multi-Krum, each upload's score (in upload order) and the chosen clients.
     */
    public record Robust(List<Integer> usedForW, List<Integer> usedForB, List<Double> scores, List<Integer> chosen) {

        public Robust {
            usedForW = List.copyOf(usedForW);
            usedForB = List.copyOf(usedForB);
            scores = List.copyOf(scores);
            chosen = List.copyOf(chosen);
        }
    }

    /** The same aggregation with another server memory after it (the engine adds adaptive clipping's bound). */
    public Aggregation withStateAfter(ServerState after) {
        return new Aggregation(terms, meanUpdate, serverStep, stateBefore, after, newGlobal, controlMean, noise, robust);
    }

    /** Nothing arrived: the model and the server's memory stay as they were. */
    static Aggregation nothingUploaded(Params global, ServerState state) {
        return new Aggregation(List.of(), Params.ZERO, Params.ZERO, state, state, global, null);
    }

    /** Delta_t = sum_k p_k delta_k, summed in client order, plus the server's privacy noise (zero without it). */
    static Params weightedMean(List<ClientUpload> uploads, Params noise) {
        return weightedMean(uploads).plus(noise);
    }

    /** Delta_t = sum_k p_k delta_k, summed in client order. */
    public static Params weightedMean(List<ClientUpload> uploads) {
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
