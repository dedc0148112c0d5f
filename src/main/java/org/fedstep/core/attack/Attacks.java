package org.fedstep.core.attack;

import org.fedstep.core.model.Params;
import org.fedstep.core.random.Rng;
import org.fedstep.core.settings.AttackSettings;

/**
 * What a misbehaving client uploads instead of its honest update (poisoning its data instead happens before
 * training, in the engine): flip -delta; scale factor * delta; noise: each coordinate drawn from N(0, (factor * s)^2),
 * s the honest update's norm (1 if it is zero), so that the noise is as large as the updates it hides among.
 */
public final class Attacks {

    private Attacks() { }

    public static Params apply(AttackSettings a, Params honest, Rng rng) {
        return switch (a.kind()) {
            case AttackSettings.FLIP -> honest.times(-1);
            case AttackSettings.SCALE -> honest.times(a.factor());
            case AttackSettings.NOISE -> {
                double s = a.factor() * (honest.norm() > 0 ? honest.norm() : 1.0);
                yield Params.gaussian(honest.size(), s, rng);
            }
            default -> honest; // poison: the update is honest training on poisoned data
        };
    }
}
