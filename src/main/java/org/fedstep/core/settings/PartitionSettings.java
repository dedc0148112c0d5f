package org.fedstep.core.settings;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * How a pooled data set (sample or csv) is split across clients: iid (equal sizes, random rows), quantity-skew
 * (profile linear / square / exponential, or shares: relative sizes per client), feature-shift (by x, strictness 0 =
 * IID to 1 = disjoint x ranges), dirichlet (over the group column, concentration alpha), natural (one client per
 * group). Synthetic data are generated on the clients: their only partition is iid (heterogeneity is set in dataset
 * and clients).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PartitionSettings(String kind, Double strictness, Double alpha, String profile, List<Double> shares) {

    public static final String IID = "iid";
    public static final String QUANTITY_SKEW = "quantity-skew";
    public static final String FEATURE_SHIFT = "feature-shift";
    public static final String DIRICHLET = "dirichlet";
    public static final String NATURAL = "natural";
    public static final List<String> KINDS = List.of(IID, QUANTITY_SKEW, FEATURE_SHIFT, DIRICHLET, NATURAL);

    static final PartitionSettings EMPTY = new PartitionSettings(null, null, null, null, null);

    public static PartitionSettings of(String kind) {
        return new PartitionSettings(kind, null, null, null, null).withDefaults();
    }

    PartitionSettings withDefaults() {
        String k = kind == null ? IID : kind;
        return new PartitionSettings(k,
                FEATURE_SHIFT.equals(k) && strictness == null ? Double.valueOf(0.8) : strictness,
                DIRICHLET.equals(k) && alpha == null ? Double.valueOf(0.5) : alpha,
                QUANTITY_SKEW.equals(k) && profile == null && shares == null ? SizeProfile.EXPONENTIAL.key() : profile,
                shares);
    }
}
