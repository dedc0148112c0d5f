package org.fedstep.core.fl;

/**
 * A run that left the finite numbers: where it happened and a hint a student can act on.
 *
 * @param client the client whose training diverged, or -1 when it was the server's step or the evaluation
 */
public record Divergence(int round, Phase phase, int client, String hint) {

    @com.fasterxml.jackson.annotation.JsonIgnore
    public String message() {
        return "diverged in round " + round + ", phase " + phase.key()
                + (client >= 0 ? " (client " + (client + 1) + ")" : "") + ": " + hint;
    }
}
