package org.fedstep.core.fl.strategy;

import org.fedstep.core.model.Params;

/**
 * What a server remembers between rounds: the first moment m (FedAvgM's velocity, FedOpt's momentum), the second
 * moment v (FedOpt), and the server control variate c (SCAFFOLD). Strategies that do not use one leave it at zero.
 */
public record ServerState(Params momentum, Params variance, Params control) {

    public static final ServerState ZERO = new ServerState(Params.ZERO, Params.ZERO, Params.ZERO);

    public ServerState withMomentum(Params m) {
        return new ServerState(m, variance, control);
    }

    public ServerState withVariance(Params v) {
        return new ServerState(momentum, v, control);
    }

    public ServerState withControl(Params c) {
        return new ServerState(momentum, variance, c);
    }
}
