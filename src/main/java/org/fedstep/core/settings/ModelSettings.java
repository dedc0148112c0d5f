package org.fedstep.core.settings;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The model y_hat = b + w x + w_2 x^2 + ... + w_d x^d: its degree d (default 1, a line), the starting line (in
 * original units; default w = b = 0, and w_2 .. w_d start at 0), and whether x and y are standardised to z-scores for
 * training (default: on for real data and for curves, off for a line on synthetic data). Everything shown and
 * exported stays in original units.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelSettings(Double initialSlope, Double initialIntercept, Boolean standardize, Integer degree) {

    /** The highest degree FedStep fits: beyond it, powers of x lose too many digits in doubles to teach with. */
    public static final int MAX_DEGREE = 8;

    static final ModelSettings EMPTY = new ModelSettings(null, null, null, null);

    /** A line's settings. */
    public ModelSettings(Double initialSlope, Double initialIntercept, Boolean standardize) {
        this(initialSlope, initialIntercept, standardize, null);
    }

    /** Fills the defaults; a line's degree stays unwritten, so the files of lines read as they always have. */
    ModelSettings withDefaults(DatasetSettings dataset) {
        int d = degree == null ? 1 : degree;
        return new ModelSettings(initialSlope == null ? 0.0 : initialSlope,
                initialIntercept == null ? 0.0 : initialIntercept,
                standardize == null ? !dataset.isSynthetic() || d > 1 : standardize, d == 1 ? null : degree);
    }

    /** The degree, 1 when not given. */
    @JsonIgnore
    public int degreeOrLine() {
        return degree == null ? 1 : degree;
    }

    /** How many parameters the model has: d + 1. */
    @JsonIgnore
    public int parameterCount() {
        return degreeOrLine() + 1;
    }
}
