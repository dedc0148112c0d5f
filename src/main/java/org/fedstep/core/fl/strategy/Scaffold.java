package org.fedstep.core.fl.strategy;

import java.util.List;
import org.fedstep.core.model.Params;

/**
 * SCAFFOLD (Karimireddy et al. 2020). Clients correct every gradient with (c - c_k) and upload delta_y and delta_c
 * (the engine does the client side). The server: theta_{t+1} = theta_t + eta_g * sum_k p_k delta_y_k (p_k = 1/|S| by
 * default, as in the paper) and c <- c + (|S| / N) * (1/|S|) sum_k delta_c_k.
 */
public final class Scaffold implements ServerStrategy {

    private final double serverLearningRate;

    public Scaffold(double serverLearningRate) {
        this.serverLearningRate = serverLearningRate;
    }

    @Override
    public String key() {
        return "scaffold";
    }

    @Override
    public boolean usesControlVariates() {
        return true;
    }

    @Override
    public Aggregation aggregate(Params global, List<ClientUpload> uploads, ServerState before, int totalClients) {
        if (uploads.isEmpty()) {
            return Aggregation.nothingUploaded(global, before);
        }
        Params mean = Aggregation.weightedMean(uploads);
        Params step = mean.times(serverLearningRate);
        double cw = 0;
        double cb = 0;
        for (ClientUpload u : uploads) {
            cw += u.controlDelta().w();
            cb += u.controlDelta().b();
        }
        int s = uploads.size();
        Params controlMean = new Params(cw / s, cb / s);
        Params control = before.control().plus(controlMean.times((double) s / totalClients));
        return new Aggregation(Aggregation.termsOf(uploads), mean, step, before, before.withControl(control),
                global.plus(step), controlMean);
    }
}
