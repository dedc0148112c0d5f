package org.fedstep.core.fl.strategy;

import java.util.List;
import org.fedstep.core.model.Params;

/**
 * SCAFFOLD (Karimireddy et al. 2020). Clients correct every gradient with (c - c_k) and upload delta_y and delta_c
 * (the engine does the client side). The server: theta_{t+1} = theta_t + eta_g * sum_k p_k delta_y_k and
 * c <- c + share * sum_k p_k delta_c_k, with the round's weights p_k.
 *
 * <p>As in the paper (uniform weighting), p_k = 1/|S| and share = |S| / N, so with every client taking part c is the
 * plain mean of the c_k and the run settles at the minimiser of the unweighted mean of the client losses. Weighted by
 * samples, p_k = n_k / n_S and share = n_S / n_all (n_S: the uploads' rows, n_all: every client's rows), so c is the
 * sample-weighted mean of the c_k and the fixed point is the least-squares line of all data pooled.
 */
public final class Scaffold implements ServerStrategy {

    private final double serverLearningRate;
    /** n_all, every client's training rows, when the control variate is weighted by samples; else 0 (uniform). */
    private final int totalSamples;

    /** Uniform weighting, as in the paper. */
    public Scaffold(double serverLearningRate) {
        this(serverLearningRate, 0);
    }

    /**
     * @param totalSamples n_all, the training rows of all clients: the control variate is then weighted by samples;
     *                     0 for the paper's uniform weighting
     */
    public Scaffold(double serverLearningRate, int totalSamples) {
        if (totalSamples < 0) {
            throw new IllegalArgumentException("totalSamples must be 0 (uniform) or more, found " + totalSamples);
        }
        this.serverLearningRate = serverLearningRate;
        this.totalSamples = totalSamples;
    }

    @Override
    public String key() {
        return "scaffold";
    }

    @Override
    public boolean usesControlVariates() {
        return true;
    }

    /** Whether the server control variate is the sample-weighted mean of the clients' (else the plain mean). */
    public boolean weightsControlBySamples() {
        return totalSamples > 0;
    }

    @Override
    public Aggregation aggregate(Params global, List<ClientUpload> uploads, ServerState before, int totalClients,
                                 Params noise) {
        Noise.none(noise, key());
        if (uploads.isEmpty()) {
            return Aggregation.nothingUploaded(global, before);
        }
        Params mean = Aggregation.weightedMean(uploads);
        Params step = mean.times(serverLearningRate);
        Params controlMean = Params.ZERO;
        int rows = 0;
        for (ClientUpload u : uploads) {
            // uniform: the plain mean, whatever weights the model update used (the paper's 1/|S|)
            double p = weightsControlBySamples() ? u.weight() : 1.0 / uploads.size();
            controlMean = controlMean.plus(u.controlDelta().times(p));
            rows += u.samples();
        }
        double share = weightsControlBySamples() ? (double) rows / totalSamples : (double) uploads.size() / totalClients;
        Params control = before.control().plus(controlMean.times(share));
        return new Aggregation(Aggregation.termsOf(uploads), mean, step, before, before.withControl(control),
                global.plus(step), controlMean);
    }
}
