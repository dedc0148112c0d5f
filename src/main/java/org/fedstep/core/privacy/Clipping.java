package org.fedstep.core.privacy;

import org.fedstep.core.model.Params;

/**
 * Clipping an update to an L2 norm bound S, and the adaptive bound of Andrew et al. 2021 ("Differentially private
 * learning with adaptive clipping"): S follows a target quantile gamma of the update norms,
 * S_{t+1} = S_t exp(-eta (b_t - gamma)), b_t the fraction of this round's updates with norm at most S_t.
 */
public final class Clipping {

    /**
     * The share of the privacy budget that adaptive clipping with central noise spends on the count of clipped
     * updates: the count gets noise sigma_b with (2 sigma_b)^-2 = COUNT_SHARE z^-2, the updates the rest, so that
     * together they are the Gaussian mechanism with multiplier z (Andrew et al., theorem 1).
     */
    public static final double COUNT_SHARE = 0.05;

    private Clipping() { }

    /** min(1, S / ||delta||): the factor that brings the update within the bound. */
    public static double scale(Params delta, double bound) {
        double norm = delta.norm();
        return norm <= bound || norm == 0 ? 1.0 : bound / norm;
    }

    /** The next adaptive bound from the fraction of updates that were within the current one. */
    public static double nextBound(double bound, double fractionWithin, double targetQuantile, double learningRate) {
        return bound * Math.exp(-learningRate * (fractionWithin - targetQuantile));
    }

    /** sigma_b, the noise of the count of updates within the bound, for total noise multiplier z. */
    public static double countNoise(double z) {
        return z / (2 * Math.sqrt(COUNT_SHARE));
    }

    /** The noise multiplier left for the updates when the count takes its share: z / sqrt(1 - COUNT_SHARE). */
    public static double updateNoiseMultiplier(double z) {
        return z / Math.sqrt(1 - COUNT_SHARE);
    }
}
