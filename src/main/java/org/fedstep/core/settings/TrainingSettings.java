package org.fedstep.core.settings;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Local training on each client: localEpochs (E) passes over its data, mini-batches of batchSize (B, or "full"),
 * learningRate (eta_l), optimizer sgd / momentum (momentum beta) / adam (beta1, beta2, epsilon). Optimiser state
 * starts fresh in every round, as it does on a phone that receives a new model.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainingSettings(Integer localEpochs, BatchSize batchSize, Double learningRate, String optimizer,
                               Double momentum, Double beta1, Double beta2, Double epsilon) {

    public static final String SGD = "sgd";
    public static final String MOMENTUM = "momentum";
    public static final String ADAM = "adam";
    public static final List<String> OPTIMIZERS = List.of(SGD, MOMENTUM, ADAM);
    static final TrainingSettings EMPTY = new TrainingSettings(null, null, null, null, null, null, null, null);

    public static TrainingSettings sgd(int epochs, BatchSize batch, double learningRate) {
        return new TrainingSettings(epochs, batch, learningRate, SGD, null, null, null, null);
    }

    TrainingSettings withDefaults() {
        String opt = optimizer == null ? SGD : optimizer;
        return new TrainingSettings(
                localEpochs == null ? 1 : localEpochs,
                batchSize == null ? BatchSize.FULL : batchSize,
                learningRate == null ? 0.1 : learningRate,
                opt,
                MOMENTUM.equals(opt) && momentum == null ? Double.valueOf(0.9) : momentum,
                ADAM.equals(opt) && beta1 == null ? Double.valueOf(0.9) : beta1,
                ADAM.equals(opt) && beta2 == null ? Double.valueOf(0.999) : beta2,
                ADAM.equals(opt) && epsilon == null ? Double.valueOf(1e-8) : epsilon);
    }
}
