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
     * What a robust rule used. For the coordinate-wise rules (median, trimmed mean), for each coordinate (w, b,
     * w_2, ...) the clients whose value entered the result; for Krum and Multi-Krum, each upload's score (in upload
     * order) and the chosen clients (then every coordinate used the chosen ones).
     */
    public record Robust(List<List<Integer>> usedByCoordinate, List<Double> scores, List<Integer> chosen) {

        public Robust {
            usedByCoordinate = usedByCoordinate.stream().map(List::copyOf).toList();
            scores = List.copyOf(scores);
            chosen = List.copyOf(chosen);
        }

        /** The clients whose w entered the result. */
        public List<Integer> usedForW() {
            return usedByCoordinate.get(0);
        }

        /** The clients whose b entered the result. */
        public List<Integer> usedForB() {
            return usedByCoordinate.get(1);
        }

        /** The clients whose coordinate i (w, b, w_2, ...) entered the result. */
        public List<Integer> usedFor(int coordinate) {
            return usedByCoordinate.get(coordinate);
        }

        /** Whether the client's value entered the result in some coordinate. */
        public boolean usedAnywhere(int client) {
            for (List<Integer> used : usedByCoordinate) {
                if (used.contains(client)) {
                    return true;
                }
            }
            return false;
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
        int dims = 2;
        for (ClientUpload u : uploads) {
            dims = Math.max(dims, u.delta().size());
        }
        double[] sum = new double[dims];
        for (ClientUpload u : uploads) {
            for (int i = 0; i < dims; i++) {
                sum[i] += u.weight() * u.delta().get(i);
            }
        }
        return Params.of(sum);
    }

    static List<WeightedTerm> termsOf(List<ClientUpload> uploads) {
        return uploads.stream().map(WeightedTerm::of).toList();
    }
}
