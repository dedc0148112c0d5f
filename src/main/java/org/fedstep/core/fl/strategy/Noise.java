package org.fedstep.core.fl.strategy;

import org.fedstep.core.model.Params;

/** The check of the rules that cannot take the server's privacy noise (the settings validator refuses them first). */
final class Noise {

    private Noise() { }

    static void none(Params noise, String rule) {
        if (noise != null && !noise.equals(Params.ZERO)) {
            throw new IllegalArgumentException(rule + " cannot add differential-privacy noise to its result");
        }
    }
}
