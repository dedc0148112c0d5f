package org.fedstep.core.fl;

import org.fedstep.core.attack.Attacks;
import org.fedstep.core.comm.Compressor;
import org.fedstep.core.model.Params;
import org.fedstep.core.privacy.Clipping;
import org.fedstep.core.random.Rng;
import org.fedstep.core.settings.AttackSettings;
import org.fedstep.core.settings.PrivacySettings;
import org.fedstep.core.settings.Settings;

/**
 * The client's side of the upload phase: what happens to a trained update before it leaves the client, in this
 * order: a bad client's attack, clipping to S, local privacy noise, compression with error feedback. Each step draws
 * its randomness from its own stream of (seed, round, client), so a round replays exactly.
 */
final class UploadPipeline {

    private final long seed;
    private final AttackSettings attack;
    private final PrivacySettings privacy;
    private final Compressor compressor;
    private final boolean errorFeedback;

    UploadPipeline(Settings settings) {
        this.seed = settings.seed();
        this.attack = settings.attackOrNone();
        this.privacy = settings.privacyOrOff();
        this.compressor = new Compressor(settings.compressionOrOff(), settings.model().parameterCount());
        this.errorFeedback = settings.compressionOrOff().on()
                && Boolean.TRUE.equals(settings.compressionOrOff().errorFeedback());
    }

    /** Whether clients keep what compression left out (then the engine carries their residuals between rounds). */
    boolean keepsResiduals() {
        return errorFeedback;
    }

    /**
     * @param trained  theta_k - theta_t after local training
     * @param residual what compression left out of this client's earlier updates (zero without error feedback)
     * @param bound    this round's clip norm S (NaN without clipping)
     */
    UploadProcessing process(int round, int client, Params trained, Params residual, double bound) {
        boolean bad = attack.isBad(client) && !AttackSettings.POISON.equals(attack.kind());
        Params afterAttack = bad ? Attacks.apply(attack, trained, Rng.derive(seed, Rng.Stream.ATTACK, round, client))
                : trained;
        double norm = afterAttack.norm();
        double scale = Double.isNaN(bound) ? 1.0 : Clipping.scale(afterAttack, bound);
        Params clipped = afterAttack.times(scale);
        Params noise = Params.ZERO;
        if (PrivacySettings.LOCAL.equals(privacy.noise())) {
            Rng rng = Rng.derive(seed, Rng.Stream.PRIVACY, round, client + 1L);
            double sd = privacy.noiseMultiplier() * bound;
            noise = Params.gaussian(trained.size(), sd, rng);
        }
        Params before = errorFeedback ? residual : Params.ZERO;
        Params input = clipped.plus(noise).plus(before);
        Params sent = compressor.compress(input, Rng.derive(seed, Rng.Stream.COMPRESSION, round, client));
        Params after = errorFeedback ? input.minus(sent) : Params.ZERO;
        return new UploadProcessing(client, trained, attack.isBad(client) ? attack.kind() : null, afterAttack, norm,
                bound, scale, noise, before, input, sent, after);
    }
}
