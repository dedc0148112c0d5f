package org.fedstep.core.fl.strategy;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.fedstep.core.model.Params;

/**
 * What a server remembers between rounds: the first moment m (FedAvgM's velocity, FedOpt's momentum), the second
 * moment v (FedOpt), the server control variate c (SCAFFOLD), and the clip norm S of adaptive clipping (null without
 * it). Strategies that do not use one leave it at zero.
 */
public record ServerState(Params momentum, Params variance, Params control,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Double clipNorm) {

    public static final ServerState ZERO = new ServerState(Params.ZERO, Params.ZERO, Params.ZERO);

    public ServerState(Params momentum, Params variance, Params control) {
        this(momentum, variance, control, null);
    }

    public ServerState withMomentum(Params m) {
        return new ServerState(m, variance, control, clipNorm);
    }

    public ServerState withVariance(Params v) {
        return new ServerState(momentum, v, control, clipNorm);
    }

    public ServerState withControl(Params c) {
        return new ServerState(momentum, variance, c, clipNorm);
    }

    public ServerState withClipNorm(Double s) {
        return new ServerState(momentum, variance, control, s);
    }
}
