package org.fedstep.core.settings;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Clients that misbehave (1-based numbers, as the app shows them): flip (upload minus their honest update), scale
 * (upload factor times it), noise (upload Gaussian noise with factor times the honest update's norm per coordinate),
 * poison (train honestly on poisoned data: every y shifted by shift, in the data's units). None by default.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AttackSettings(List<Integer> clients, String kind, Double factor, Double shift) {

    public static final String FLIP = "flip";
    public static final String SCALE = "scale";
    public static final String NOISE = "noise";
    public static final String POISON = "poison";
    public static final List<String> KINDS = List.of(FLIP, SCALE, NOISE, POISON);

    static final AttackSettings EMPTY = new AttackSettings(null, null, null, null);

    /** What a run without this section does. */
    public static final AttackSettings NONE = EMPTY.withDefaults();

    public AttackSettings {
        clients = clients == null ? null : List.copyOf(clients);
    }

    AttackSettings withDefaults() {
        if (clients == null || clients.isEmpty()) {
            return new AttackSettings(clients, kind, factor, shift);
        }
        String kd = kind == null ? SCALE : kind;
        return new AttackSettings(clients, kd,
                (SCALE.equals(kd) || NOISE.equals(kd)) && factor == null ? Double.valueOf(10.0) : factor,
                POISON.equals(kd) && shift == null ? Double.valueOf(10.0) : shift);
    }

    /** Whether any client misbehaves. */
    public boolean on() {
        return clients != null && !clients.isEmpty();
    }

    /** Whether this (0-based) client misbehaves. */
    public boolean isBad(int client) {
        return on() && clients.contains(client + 1);
    }
}
