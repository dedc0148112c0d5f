package org.fedstep.core.fl;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The five phases of a federated round (DESIGN.md), in order. The source article's Chinese terms are in the UI's
 * resource bundles; the keys here are stable and appear in files.
 */
public enum Phase {
    /** The server sends theta_t to the clients sampled for this round. */
    BROADCAST("broadcast"),
    /** Each sampled client runs E epochs of mini-batch gradient descent on its own data. */
    LOCAL_TRAINING("local-training"),
    /** Each client that did not drop out sends delta_k = theta_k - theta_t and n_k; raw data never leave it. */
    UPLOAD("upload"),
    /** The server combines the uploads (FedAvg: the p_k-weighted mean of the deltas). */
    AGGREGATE("aggregate"),
    /** The server forms theta_{t+1} and evaluates it; it is broadcast next round. */
    UPDATE("update");

    private final String key;

    Phase(String key) {
        this.key = key;
    }

    @JsonValue
    public String key() {
        return key;
    }

    /** 1 to 5, as the phases are numbered for users. */
    public int number() {
        return ordinal() + 1;
    }

    /** The phase after this one in the same round, or null after UPDATE. */
    public Phase next() {
        return this == UPDATE ? null : values()[ordinal() + 1];
    }

    public Phase previous() {
        return this == BROADCAST ? null : values()[ordinal() - 1];
    }

    @JsonCreator
    public static Phase byKey(String key) {
        for (Phase p : values()) {
            if (p.key.equals(key)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no phase \"" + key + "\"");
    }
}
