package org.fedstep.core.fl;

import java.util.List;
import org.fedstep.core.model.Params;

/**
 * A global model measured on everyone's data (original units).
 *
 * @param trainLoss          MSE over all clients' training rows pooled
 * @param testLoss           MSE over all clients' test rows pooled (NaN when there are none)
 * @param clientLosses       each client's training MSE under this model
 * @param distanceToOptimum  Euclidean distance in (slope, intercept), original units, to the centralised
 *                           least-squares line (NaN when that line is not defined)
 */
public record Evaluation(Params globalOriginal, double trainLoss, double testLoss, List<Double> clientLosses,
                         double distanceToOptimum) {

    public Evaluation {
        clientLosses = List.copyOf(clientLosses);
    }
}
