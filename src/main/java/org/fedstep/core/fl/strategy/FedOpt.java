package org.fedstep.core.fl.strategy;

import java.util.List;
import org.fedstep.core.model.Params;

/**
 * The adaptive server optimisers of Reddi et al. 2021 ("Adaptive Federated Optimization"), per coordinate:
 * m_t = beta1 m_{t-1} + (1 - beta1) Delta_t; v_t from the subclass's rule;
 * theta_{t+1} = theta_t + eta_g m_t / (sqrt(v_t) + tau). As in the paper there is no bias correction, and v starts at
 * tau^2 (the paper asks v_{-1} >= tau^2).
 */
public abstract class FedOpt implements ServerStrategy {

    protected final double serverLearningRate;
    protected final double beta1;
    protected final double tau;

    protected FedOpt(double serverLearningRate, double beta1, double tau) {
        this.serverLearningRate = serverLearningRate;
        this.beta1 = beta1;
        this.tau = tau;
    }

    @Override
    public ServerState initialState() {
        return initialState(2);
    }

    @Override
    public ServerState initialState(int parameters) {
        return ServerState.ZERO.withVariance(Params.filled(parameters, tau * tau));
    }

    /** v_t for one coordinate, from v_{t-1} and that coordinate's Delta_t squared. */
    protected abstract double nextVariance(double previous, double deltaSquared);

    @Override
    public Aggregation aggregate(Params global, List<ClientUpload> uploads, ServerState before, int totalClients,
                                 Params noise) {
        if (uploads.isEmpty()) {
            return Aggregation.nothingUploaded(global, before);
        }
        Params delta = Aggregation.weightedMean(uploads, noise);
        Params m = before.momentum().times(beta1).plus(delta.times(1 - beta1));
        Params v = before.variance().zip(delta, (previous, d) -> nextVariance(previous, d * d));
        Params step = m.zip(v, (mi, vi) -> serverLearningRate * mi / (Math.sqrt(vi) + tau));
        return new Aggregation(Aggregation.termsOf(uploads), delta, step, before,
                before.withMomentum(m).withVariance(v), global.plus(step), null, noise, null);
    }
}
