package org.fedstep.core.fl;

import org.fedstep.core.model.Params;

/**
 * What one client did to its update on the way to the server, step by step (training space):
 * trained (theta_k - theta_t) -> a bad client's change (afterAttack) -> clipping to norm S (clipScale =
 * min(1, S / norm)) -> local privacy noise -> compression (of the update plus what earlier compression left out, with
 * error feedback) -> sent. Steps that are off leave the update as it was.
 *
 * @param afterAttack    what a misbehaving client made of its update; equal to trained for an honest client
 * @param attack         the attack's kind, or null for an honest client
 * @param norm           the norm of afterAttack, ||Delta_k||, before clipping
 * @param clipNorm       S in this round, or NaN without clipping
 * @param clipScale      min(1, S / norm): 1 when the update was within the bound (or nothing is clipped)
 * @param localNoise     the Gaussian noise the client added (local differential privacy); zero without it
 * @param residualBefore what earlier compression left out and error feedback adds now; zero without it
 * @param compressed     the input of compression: clipped + noise + residualBefore
 * @param sent           what the client sends: compressed after compression (equal to it without compression)
 * @param residualAfter  compressed - sent, kept for the next round with error feedback; zero without it
 */
public record UploadProcessing(int client, Params trained, String attack, Params afterAttack, double norm,
                               double clipNorm, double clipScale, Params localNoise, Params residualBefore,
                               Params compressed, Params sent, Params residualAfter) {

    /** Whether clipping changed the update. */
    public boolean clipped() {
        return clipScale < 1;
    }

    /** The update after clipping, before noise and compression. */
    public Params clippedUpdate() {
        return afterAttack.times(clipScale);
    }
}
