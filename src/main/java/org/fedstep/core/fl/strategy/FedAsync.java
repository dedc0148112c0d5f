package org.fedstep.core.fl.strategy;

import java.util.List;
import org.fedstep.core.model.Params;
import org.fedstep.core.settings.StrategySettings;

/**
 * FedAsync (Xie, Koyejo and Gupta 2019): the server does not wait for a round of clients. Each update is mixed into
 * the model the moment it arrives, theta_t = (1 - alpha_t) theta_{t-1} + alpha_t theta_k, where theta_k = theta_tau +
 * delta_k is the client's model, trained from the older model theta_tau it was sent, and alpha_t = alpha * s(staleness)
 * with staleness = t - 1 - tau, the number of updates the server made since. s is 1 (constant), (1 + staleness)^-a
 * (polynomial) or 1 up to b and 1 / (a (staleness - b) + 1) after (hinge): a stale update counts less.
 */
public final class FedAsync implements ServerStrategy {

    private final double mixing;
    private final String staleness;
    private final double exponent;
    private final int hingeAfter;

    public FedAsync(double mixing, String staleness, Double exponent, Integer hingeAfter) {
        if (!(mixing > 0 && mixing <= 1)) {
            throw new IllegalArgumentException("mixing must be greater than 0 and at most 1 (found " + mixing + ")");
        }
        this.mixing = mixing;
        this.staleness = staleness;
        this.exponent = exponent == null ? 0 : exponent;
        this.hingeAfter = hingeAfter == null ? 0 : hingeAfter;
    }

    /** The rule a (validated) fedasync strategy setting names. */
    public static FedAsync of(StrategySettings s) {
        return new FedAsync(s.mixing(), s.staleness(), s.stalenessExponent(), s.hingeAfter());
    }

    @Override
    public String key() {
        return StrategySettings.FEDASYNC;
    }

    @Override
    public boolean averages() {
        return false;
    }

    /** s(staleness): how much an update that is this many server steps old still counts, 0 to 1. */
    public double stalenessFactor(int stale) {
        if (stale < 0) {
            throw new IllegalArgumentException("staleness cannot be negative (found " + stale + ")");
        }
        return switch (staleness) {
            case StrategySettings.STALENESS_CONSTANT -> 1.0;
            case StrategySettings.STALENESS_HINGE -> stale <= hingeAfter ? 1.0
                    : 1.0 / (exponent * (stale - hingeAfter) + 1);
            default -> Math.pow(1 + stale, -exponent);
        };
    }

    /** alpha_t = alpha * s(staleness). */
    public double weight(int stale) {
        return mixing * stalenessFactor(stale);
    }

    /**
     * Mixes one arrived update into the model.
     *
     * @param global theta_{t-1}, the model now
     * @param upload the client's update delta_k, relative to the model it trained from
     * @param origin theta_tau, the model the client trained from
     * @param stale  t - 1 - tau
     */
    public Aggregation mix(Params global, ClientUpload upload, Params origin, int stale, ServerState before) {
        double alpha = weight(stale);
        // theta_t = theta_{t-1} + alpha (theta_k - theta_{t-1}): the step towards the client's model
        Params towards = origin.plus(upload.delta()).minus(global);
        Params step = towards.times(alpha);
        WeightedTerm term = new WeightedTerm(upload.client(), alpha, towards, step);
        return new Aggregation(List.of(term), towards, step, before, before, global.plus(step), null, Params.ZERO,
                null);
    }

    /** Updates that arrive together are mixed in one by one, in client order, each counted as fresh. */
    @Override
    public Aggregation aggregate(Params global, List<ClientUpload> uploads, ServerState before, int totalClients,
                                 Params noise) {
        Noise.none(noise, key());
        if (uploads.isEmpty()) {
            return Aggregation.nothingUploaded(global, before);
        }
        Params model = global;
        Aggregation last = null;
        for (ClientUpload u : uploads) {
            last = mix(model, u, model, 0, before);
            model = last.newGlobal();
        }
        return uploads.size() == 1 ? last : new Aggregation(Aggregation.termsOf(uploads), model.minus(global),
                model.minus(global), before, before, model, null, Params.ZERO, null);
    }
}
