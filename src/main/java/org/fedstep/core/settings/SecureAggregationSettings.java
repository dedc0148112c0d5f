package org.fedstep.core.settings;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Secure aggregation (Bonawitz et al. 2017): each upload is turned into integers mod 2^modulusBits with precisionBits
 * fractional bits and hidden under pairwise masks that cancel in the sum, so the server learns only the sum. A client
 * that drops out after the masks were agreed has its masks recovered from threshold-of-m Shamir shares of its key
 * (threshold: at least 2 and at most the clients sampled; default: a majority of them).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SecureAggregationSettings(Boolean enabled, Integer threshold, Integer modulusBits,
                                        Integer precisionBits) {

    static final SecureAggregationSettings EMPTY = new SecureAggregationSettings(null, null, null, null);

    /** What a run without this section does. */
    public static final SecureAggregationSettings OFF = EMPTY.withDefaults();

    SecureAggregationSettings withDefaults() {
        boolean on = Boolean.TRUE.equals(enabled);
        return new SecureAggregationSettings(on, threshold,
                on && modulusBits == null ? Integer.valueOf(48) : modulusBits,
                on && precisionBits == null ? Integer.valueOf(20) : precisionBits);
    }

    public boolean on() {
        return Boolean.TRUE.equals(enabled);
    }
}
