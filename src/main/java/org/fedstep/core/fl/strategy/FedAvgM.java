package org.fedstep.core.fl.strategy;

import java.util.List;
import org.fedstep.core.model.Params;

/**
 * FedAvgM (Hsu et al. 2019): server momentum on the averaged update. v_t = beta * v_{t-1} + Delta_t,
 * theta_{t+1} = theta_t + eta_g * v_t. With beta = 0 and eta_g = 1 it is FedAvg.
 */
public final class FedAvgM implements ServerStrategy {

    private final double serverLearningRate;
    private final double beta;

    public FedAvgM(double serverLearningRate, double beta) {
        this.serverLearningRate = serverLearningRate;
        this.beta = beta;
    }

    @Override
    public String key() {
        return "fedavgm";
    }

    @Override
    public Aggregation aggregate(Params global, List<ClientUpload> uploads, ServerState before, int totalClients,
                                 Params noise) {
        if (uploads.isEmpty()) {
            return Aggregation.nothingUploaded(global, before);
        }
        Params mean = Aggregation.weightedMean(uploads, noise);
        Params velocity = before.momentum().times(beta).plus(mean);
        Params step = velocity.times(serverLearningRate);
        return new Aggregation(Aggregation.termsOf(uploads), mean, step, before, before.withMomentum(velocity),
                global.plus(step), null, noise, null);
    }
}
