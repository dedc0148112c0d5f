package org.fedstep.core.privacy;

import java.util.List;

/**
 * One round of secure aggregation, as the inspector shows it: what each client held and what the server received,
 * the masked sum, and how the masks of clients that dropped out were taken out of it. Integers are modulo
 * 2^modulusBits; keys and shares live in GF(2^61 - 1).
 *
 * @param sampled    the clients that agreed keys (0-based)
 * @param survivors  the clients whose masked input arrived
 * @param publicKeys each sampled client's public key g^s_u, in sampled order
 * @param masked     each survivor's input and what the server saw of it
 * @param maskedSum  the sum of the masked inputs as received, before any recovery
 * @param recoveries for each client that dropped out: the shares used and the masks taken out
 * @param sum        the unmasked sum of the survivors' inputs, or null when too few survived to rebuild the secrets
 * @param complete   whether the sum could be unmasked (all survived, or at least threshold of them did)
 */
public record SecureAggregationRecord(int modulusBits, int threshold, List<Integer> sampled, List<Integer> survivors,
                                      List<Long> publicKeys, List<Masked> masked, List<Long> maskedSum,
                                      List<Recovery> recoveries, List<Long> sum, boolean complete) {

    public SecureAggregationRecord {
        sampled = List.copyOf(sampled);
        survivors = List.copyOf(survivors);
        publicKeys = List.copyOf(publicKeys);
        masked = List.copyOf(masked);
        maskedSum = List.copyOf(maskedSum);
        recoveries = List.copyOf(recoveries);
        sum = sum == null ? null : List.copyOf(sum);
    }

    /** A survivor's input (what only it knows) and the masked input the server received. */
    public record Masked(int client, List<Long> input, List<Long> masked) {

        public Masked {
            input = List.copyOf(input);
            masked = List.copyOf(masked);
        }
    }

    /**
     * The recovery of a dropped client's masks: the survivors asked for shares, their shares, the secret rebuilt from
     * them (and whether it is the client's own), and the total mask taken out of the sum.
     */
    public record Recovery(int client, List<Integer> shareholders, List<Long> shares, long rebuiltSecret,
                           boolean secretMatches, List<Long> removedMask) {

        public Recovery {
            shareholders = List.copyOf(shareholders);
            shares = List.copyOf(shares);
            removedMask = List.copyOf(removedMask);
        }
    }
}
