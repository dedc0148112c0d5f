package org.fedstep.core.fl.strategy;

import java.util.List;
import org.fedstep.core.model.Params;

/**
 * FedAvg (McMahan et al. 2017): theta_{t+1} = theta_t + sum_k p_k delta_k, which equals sum_k p_k theta_k because the
 * weights add up to 1. With p_k = n_k / sum n this is the sample-weighted average; with p_k = 1/m the unweighted one.
 */
public class FedAvg implements ServerStrategy {

    @Override
    public String key() {
        return "fedavg";
    }

    @Override
    public Aggregation aggregate(Params global, List<ClientUpload> uploads, ServerState before, int totalClients,
                                 Params noise) {
        if (uploads.isEmpty()) {
            return Aggregation.nothingUploaded(global, before);
        }
        Params mean = Aggregation.weightedMean(uploads, noise);
        return new Aggregation(Aggregation.termsOf(uploads), mean, mean, before, before, global.plus(mean), null,
                noise, null);
    }
}
