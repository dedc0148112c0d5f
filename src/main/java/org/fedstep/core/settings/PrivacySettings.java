package org.fedstep.core.settings;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Client-level differential privacy (DP-FedAvg, McMahan et al. 2018), applied in the upload phase:
 * clipping (none, fixed: every update scaled to norm at most clipNorm S; adaptive: S follows the targetQuantile of
 * the update norms, Andrew et al. 2021, at clipLearningRate), and Gaussian noise with noiseMultiplier z (none;
 * central: the server adds N(0, (z S / m)^2) to the mean of the m clipped updates; local: each client adds
 * N(0, (z S)^2) to its own). delta is the delta of the privacy meter's (epsilon, delta) guarantee. Norms and noise
 * are in the space the model trains in (z-scores when standardisation is on).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PrivacySettings(String clipping, Double clipNorm, Double targetQuantile, Double clipLearningRate,
                              String noise, Double noiseMultiplier, Double delta) {

    public static final String NONE = "none";
    public static final String FIXED = "fixed";
    public static final String ADAPTIVE = "adaptive";
    public static final List<String> CLIPPINGS = List.of(NONE, FIXED, ADAPTIVE);
    public static final String CENTRAL = "central";
    public static final String LOCAL = "local";
    public static final List<String> NOISES = List.of(NONE, CENTRAL, LOCAL);

    static final PrivacySettings EMPTY = new PrivacySettings(null, null, null, null, null, null, null);

    /** What a run without this section does. */
    public static final PrivacySettings OFF = EMPTY.withDefaults();

    PrivacySettings withDefaults() {
        String c = clipping == null ? NONE : clipping;
        String n = noise == null ? NONE : noise;
        boolean clips = !NONE.equals(c);
        boolean adaptive = ADAPTIVE.equals(c);
        boolean noisy = !NONE.equals(n);
        return new PrivacySettings(c,
                clips && clipNorm == null ? Double.valueOf(1.0) : clipNorm,
                adaptive && targetQuantile == null ? Double.valueOf(0.5) : targetQuantile,
                adaptive && clipLearningRate == null ? Double.valueOf(0.2) : clipLearningRate,
                n,
                noisy && noiseMultiplier == null ? Double.valueOf(1.0) : noiseMultiplier,
                noisy && delta == null ? Double.valueOf(1e-5) : delta);
    }

    /** Whether updates are clipped. */
    @JsonIgnore
    public boolean clips() {
        return clipping != null && !NONE.equals(clipping);
    }

    /** Whether Gaussian noise is added (central or local). */
    @JsonIgnore
    public boolean noisy() {
        return noise != null && !NONE.equals(noise);
    }

    @JsonIgnore
    public boolean isOff() {
        return !clips() && !noisy();
    }
}
