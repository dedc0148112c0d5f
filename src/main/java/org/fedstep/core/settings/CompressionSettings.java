package org.fedstep.core.settings;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Compressed uploads: none; quantize (each coordinate of the update stochastically rounded to one of 2^bits levels
 * between minus and plus its largest magnitude, unbiased); topk (only the k largest coordinates sent). With
 * errorFeedback each client keeps what compression left out and adds it to its next update.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CompressionSettings(String kind, Integer bits, Integer k, Boolean errorFeedback) {

    public static final String NONE = "none";
    public static final String QUANTIZE = "quantize";
    public static final String TOP_K = "topk";
    public static final List<String> KINDS = List.of(NONE, QUANTIZE, TOP_K);

    static final CompressionSettings EMPTY = new CompressionSettings(null, null, null, null);

    /** What a run without this section does. */
    public static final CompressionSettings OFF = EMPTY.withDefaults();

    CompressionSettings withDefaults() {
        String kd = kind == null ? NONE : kind;
        boolean on = !NONE.equals(kd);
        return new CompressionSettings(kd,
                QUANTIZE.equals(kd) && bits == null ? Integer.valueOf(4) : bits,
                TOP_K.equals(kd) && k == null ? Integer.valueOf(1) : k,
                on && errorFeedback == null ? Boolean.TRUE : errorFeedback);
    }

    public boolean on() {
        return kind != null && !NONE.equals(kind);
    }
}
