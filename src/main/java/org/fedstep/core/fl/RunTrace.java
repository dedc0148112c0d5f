package org.fedstep.core.fl;

import org.fedstep.core.data.FederatedData;
import org.fedstep.core.model.Params;
import org.fedstep.core.settings.Settings;

/**
 * A whole run reduced to what a comparison draws: the global model after every round (original units), its training
 * and test loss, and its distance to the least-squares line, for rounds 0 .. the last one computed. A run that
 * diverges stops there and says where. Immutable.
 */
public final class RunTrace {

    private final Params[] global;
    private final double[] trainLoss;
    private final double[] testLoss;
    private final double[] distance;
    /** The privacy spent after each round; null when the run adds no noise. */
    private final double[] epsilon;
    private final Divergence divergence;

    private RunTrace(Params[] global, double[] trainLoss, double[] testLoss, double[] distance,
                     double[] epsilon, Divergence divergence) {
        this.global = global;
        this.trainLoss = trainLoss;
        this.testLoss = testLoss;
        this.distance = distance;
        this.epsilon = epsilon;
        this.divergence = divergence;
    }

    /**
     * Runs the engine on these settings and data for the settings' rounds.
     *
     * @param settings validated, effective settings for these data
     */
    public static RunTrace of(Settings settings, FederatedData data) {
        RoundEngine e = new RoundEngine(settings, data);
        try {
            e.runRounds(settings.rounds());
        } catch (RunDivergedException stopped) {
            // the rounds before it are kept
        }
        int last = e.completedRounds();
        Params[] global = new Params[last + 1];
        double[] train = new double[last + 1];
        double[] test = new double[last + 1];
        double[] distance = new double[last + 1];
        double[] epsilon = e.privacyMeter().noisy() ? new double[last + 1] : null;
        for (int t = 0; t <= last; t++) {
            RoundSummary s = e.summary(t);
            global[t] = e.units().toOriginal(s.global());
            train[t] = s.trainLoss();
            test[t] = s.testLoss();
            distance[t] = s.distanceToOptimum();
            if (epsilon != null) {
                epsilon[t] = e.privacyAfter(t).epsilon();
            }
        }
        return new RunTrace(global, train, test, distance, epsilon, e.divergence());
    }

    /** The last round computed (the settings' rounds, or the round before a divergence). */
    public int lastRound() {
        return global.length - 1;
    }

    /** The global model after round t, in original units. */
    public Params global(int t) {
        return global[t];
    }

    public double trainLoss(int t) {
        return trainLoss[t];
    }

    /** NaN when there is no test data. */
    public double testLoss(int t) {
        return testLoss[t];
    }

    /** ||theta_t - theta*||; NaN when the least-squares line is not defined. */
    public double distanceToOptimum(int t) {
        return distance[t];
    }

    /** Whether the run adds privacy noise (then it has an epsilon after every round). */
    public boolean isPrivate() {
        return epsilon != null;
    }

    /** The privacy spent after round t (the meter's epsilon); infinite for a run without noise. */
    public double epsilon(int t) {
        return epsilon == null ? Double.POSITIVE_INFINITY : epsilon[t];
    }

    /** Where the run diverged, or null. */
    public Divergence divergence() {
        return divergence;
    }
}
