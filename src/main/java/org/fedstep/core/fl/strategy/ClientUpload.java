package org.fedstep.core.fl.strategy;

import org.fedstep.core.model.Params;

/**
 * Exactly what one client sends to the server at the end of a round: its update delta_k = theta_k - theta_t, its
 * training sample count n_k, and the weight p_k the server will give it (set by the weighting rule over this round's
 * uploads). SCAFFOLD clients also send the change of their control variate, delta_c; for others it is null.
 */
public record ClientUpload(int client, Params delta, int samples, double weight, Params controlDelta) { }
