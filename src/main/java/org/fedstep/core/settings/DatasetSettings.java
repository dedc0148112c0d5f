package org.fedstep.core.settings;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Where the data come from.
 * <ul>
 *   <li>{@code synthetic-linear}: each client's rows are generated on the client: y = slope * x + intercept + noise,
 *   x uniform on [xMin, xMax]; noise Gaussian N(0, noise^2) or uniform U(0, noise) (as numpy's rand in the source
 *   article). Heterogeneity: concept shift (slopeSpread, interceptSpread), feature shift (featureShift, 0 = IID to
 *   1 = disjoint x ranges), noise skew (noiseSkew, or clientNoise per client).</li>
 *   <li>{@code sample}: a data set shipped in sample-data/ (name: penguins, cars, anscombe, gapminder).</li>
 *   <li>{@code csv}: the user's own CSV file (path, xColumn, yColumn, optional groupColumn).</li>
 * </ul>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DatasetSettings(String kind, String name, String title,
                              Double slope, Double intercept, Double noise, String noiseKind, Double xMin, Double xMax,
                              Double slopeSpread, Double interceptSpread, Double featureShift, Double noiseSkew,
                              List<Double> clientNoise,
                              String path, String xColumn, String yColumn, String groupColumn,
                              String xLabel, String yLabel) {

    public static final String SYNTHETIC = "synthetic-linear";
    public static final String SAMPLE = "sample";
    public static final String CSV = "csv";
    public static final List<String> KINDS = List.of(SYNTHETIC, SAMPLE, CSV);
    public static final List<String> NOISE_KINDS = List.of("gaussian", "uniform");

    static final DatasetSettings EMPTY = new DatasetSettings(null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null);

    public static DatasetSettings synthetic(double slope, double intercept, double noise, double xMin, double xMax) {
        return new DatasetSettings(SYNTHETIC, null, null, slope, intercept, noise, null, xMin, xMax,
                null, null, null, null, null, null, null, null, null, null, null).withDefaults();
    }

    public static DatasetSettings sample(String name) {
        return new DatasetSettings(SAMPLE, name, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null);
    }

    public static DatasetSettings csv(String path, String xColumn, String yColumn, String groupColumn) {
        return new DatasetSettings(CSV, null, null, null, null, null, null, null, null,
                null, null, null, null, null, path, xColumn, yColumn, groupColumn, null, null);
    }

    @JsonIgnore
    public boolean isSynthetic() {
        return SYNTHETIC.equals(kind);
    }

    DatasetSettings withDefaults() {
        String k = kind == null ? SYNTHETIC : kind;
        if (!SYNTHETIC.equals(k)) {
            return new DatasetSettings(k, name, title, slope, intercept, noise, noiseKind, xMin, xMax, slopeSpread,
                    interceptSpread, featureShift, noiseSkew, clientNoise, path, xColumn, yColumn, groupColumn,
                    xLabel, yLabel);
        }
        return new DatasetSettings(k, name, title,
                or(slope, 2.0), or(intercept, 1.0), or(noise, 0.5), noiseKind == null ? "gaussian" : noiseKind,
                or(xMin, 0.0), or(xMax, 1.0), or(slopeSpread, 0.0), or(interceptSpread, 0.0), or(featureShift, 0.0),
                or(noiseSkew, 0.0), clientNoise, path, xColumn, yColumn, groupColumn,
                xLabel == null ? "x" : xLabel, yLabel == null ? "y" : yLabel);
    }

    public DatasetSettings withConceptShift(double newSlopeSpread, double newInterceptSpread) {
        return new DatasetSettings(kind, name, title, slope, intercept, noise, noiseKind, xMin, xMax, newSlopeSpread,
                newInterceptSpread, featureShift, noiseSkew, clientNoise, path, xColumn, yColumn, groupColumn,
                xLabel, yLabel);
    }

    public DatasetSettings withFeatureShift(double strictness) {
        return new DatasetSettings(kind, name, title, slope, intercept, noise, noiseKind, xMin, xMax, slopeSpread,
                interceptSpread, strictness, noiseSkew, clientNoise, path, xColumn, yColumn, groupColumn,
                xLabel, yLabel);
    }

    public DatasetSettings withNoiseSkew(double skew) {
        return new DatasetSettings(kind, name, title, slope, intercept, noise, noiseKind, xMin, xMax, slopeSpread,
                interceptSpread, featureShift, skew, clientNoise, path, xColumn, yColumn, groupColumn,
                xLabel, yLabel);
    }

    public DatasetSettings withNoiseKind(String newNoiseKind) {
        return new DatasetSettings(kind, name, title, slope, intercept, noise, newNoiseKind, xMin, xMax, slopeSpread,
                interceptSpread, featureShift, noiseSkew, clientNoise, path, xColumn, yColumn, groupColumn,
                xLabel, yLabel);
    }

    static Double or(Double v, double fallback) {
        return v == null ? fallback : v;
    }
}
