package org.fedstep.core.fl;

import org.fedstep.core.model.Params;

/**
 * One client's local training in one round.
 *
 * @param path          the model after every step (index 0: the model received), so the client's drift can be drawn
 * @param lossBefore    the client's training loss under the model it received (original units)
 * @param lossAfter     the client's training loss under the model it trained (original units)
 * @param dropsOut      whether this client will fail to upload (it trains, but nothing reaches the server)
 * @param controlBefore SCAFFOLD: the client's control variate c_k before the round (else null)
 * @param controlAfter  SCAFFOLD: c_k+ = c_k - c + (theta_t - y) / (K eta_l) (else null)
 */
public record ClientTraining(int client, int samples, Params start, Params end, int steps, ModelPath path,
                             double lossBefore, double lossAfter, boolean dropsOut,
                             Params controlBefore, Params controlAfter) { }
