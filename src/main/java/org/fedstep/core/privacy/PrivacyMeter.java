package org.fedstep.core.privacy;

import java.util.List;
import org.fedstep.core.settings.PrivacySettings;
import org.fedstep.core.settings.Settings;

/**
 * The privacy a run has spent after each round, as client-level (epsilon, delta)-differential privacy, accounted with
 * Renyi DP ({@link RdpAccountant}):
 * <ul>
 *   <li>central noise: the released model after t rounds is t compositions of the sampled Gaussian mechanism with
 *       q = m / K and noise multiplier z (adaptive clipping's noisy count included: together they are the Gaussian
 *       mechanism with multiplier z). FedStep samples m of K clients without replacement; the accountant treats that
 *       as Poisson sampling with q = m / K, as the DP-FedAvg literature does.</li>
 *   <li>local noise: against the server, which sees every noisy upload, a client that uploaded c times has spent c
 *       compositions of the Gaussian mechanism (no sampling amplification); the meter shows the client that uploaded
 *       most often.</li>
 * </ul>
 * Without noise there is no guarantee (epsilon is infinite), whatever the clipping.
 */
public final class PrivacyMeter {

    /** Above this epsilon a guarantee says little (a usual reading; some deployments accept more). */
    public static final double MEANINGFUL_EPSILON = 10;

    private final PrivacySettings privacy;
    private final double q;
    private final int clients;
    /** RDP of one round (central) or one upload (local) at each order. */
    private final double[] perRound;

    /**
     * @param settings validated settings
     * @param clients  K
     * @param sampled  m, the clients sampled each round
     */
    public PrivacyMeter(Settings settings, int clients, int sampled) {
        this.privacy = settings.privacyOrOff();
        this.clients = clients;
        this.q = (double) sampled / clients;
        List<Double> orders = RdpAccountant.ORDERS;
        this.perRound = new double[orders.size()];
        if (privacy.noisy()) {
            double z = privacy.noiseMultiplier();
            for (int i = 0; i < perRound.length; i++) {
                perRound[i] = PrivacySettings.CENTRAL.equals(privacy.noise())
                        ? RdpAccountant.sampledGaussian(q, z, orders.get(i))
                        : RdpAccountant.gaussian(z, orders.get(i));
            }
        }
    }

    /** Whether the run adds noise at all (else there is nothing to meter). */
    public boolean noisy() {
        return privacy.noisy();
    }

    public double delta() {
        return privacy.noisy() ? privacy.delta() : Double.NaN;
    }

    /** The sampling rate the central accountant uses, q = m / K. */
    public double samplingRate() {
        return q;
    }

    /**
     * The guarantee after `compositions` rounds (central: rounds completed; local: the most uploads of one client).
     * Epsilon is infinite without noise and 0 before the first composition.
     */
    public RdpAccountant.Guarantee after(int compositions) {
        if (!privacy.noisy()) {
            return new RdpAccountant.Guarantee(Double.POSITIVE_INFINITY, Double.NaN, Double.NaN);
        }
        if (compositions <= 0) {
            return new RdpAccountant.Guarantee(0, privacy.delta(), Double.NaN);
        }
        double[] total = new double[perRound.length];
        for (int i = 0; i < total.length; i++) {
            total[i] = compositions * perRound[i];
        }
        return RdpAccountant.epsilon(RdpAccountant.ORDERS, total, privacy.delta());
    }

    /**
     * The Renyi DP at one of the accountant's orders after `compositions` rounds (or uploads): compositions times the
     * cost of one, the first term of epsilon = RDP(alpha) + ln(1/delta) / (alpha - 1).
     */
    public double rdp(int compositions, double order) {
        int i = RdpAccountant.ORDERS.indexOf(order);
        if (i < 0) {
            throw new IllegalArgumentException("not one of the accountant's orders: " + order);
        }
        return compositions * perRound[i];
    }

    /** Whether local noise is metered per client (then compositions count one client's uploads). */
    public boolean perClient() {
        return PrivacySettings.LOCAL.equals(privacy.noise());
    }

    /** What to warn a teacher about, or null when the guarantee is meaningful. */
    public Warning warning(RdpAccountant.Guarantee g) {
        if (!privacy.noisy()) {
            return privacy.clips() ? Warning.CLIPPING_ONLY : null;
        }
        if (privacy.noiseMultiplier() == 0) {
            return Warning.NO_NOISE;
        }
        if (privacy.delta() >= 1.0 / clients) {
            return Warning.DELTA_TOO_LARGE;
        }
        if (g.epsilon() > MEANINGFUL_EPSILON) {
            return Warning.EPSILON_TOO_LARGE;
        }
        return null;
    }

    /** Why a setting gives no meaningful privacy. */
    public enum Warning {
        /** Clipping alone bounds what one client can change but hides nothing. */
        CLIPPING_ONLY,
        /** Noise multiplier 0: the noise is switched off. */
        NO_NOISE,
        /** delta of 1/K or more: the guarantee may fail for a whole client. */
        DELTA_TOO_LARGE,
        /** epsilon above {@link #MEANINGFUL_EPSILON}. */
        EPSILON_TOO_LARGE
    }
}
