package org.fedstep.core.settings;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The starting line (in original units; default w = b = 0) and whether x and y are standardised to z-scores for
 * training (default: on for real data, off for synthetic). Everything shown and exported stays in original units.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelSettings(Double initialSlope, Double initialIntercept, Boolean standardize) {

    static final ModelSettings EMPTY = new ModelSettings(null, null, null);

    ModelSettings withDefaults(DatasetSettings dataset) {
        return new ModelSettings(initialSlope == null ? 0.0 : initialSlope,
                initialIntercept == null ? 0.0 : initialIntercept,
                standardize == null ? !dataset.isSynthetic() : standardize);
    }
}
