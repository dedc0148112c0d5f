package org.fedstep.core.partition;

import java.util.List;
import org.fedstep.core.settings.InvalidSettingsException;
import org.fedstep.core.settings.PartitionSettings;
import org.fedstep.core.settings.SizeProfile;

/** Builds the partitioner a (validated, defaults filled) PartitionSettings names. */
public final class Partitioners {

    private Partitioners() { }

    public static Partitioner create(PartitionSettings s) {
        return switch (s.kind()) {
            case PartitionSettings.IID -> new IidPartitioner();
            case PartitionSettings.QUANTITY_SKEW -> quantitySkew(s);
            case PartitionSettings.FEATURE_SHIFT -> new FeatureShiftPartitioner(s.strictness());
            case PartitionSettings.DIRICHLET -> new DirichletPartitioner(s.alpha());
            case PartitionSettings.NATURAL -> new NaturalPartitioner();
            default -> throw new InvalidSettingsException("partition.kind must be one of "
                    + String.join(", ", PartitionSettings.KINDS) + " (found \"" + s.kind() + "\")");
        };
    }

    private static Partitioner quantitySkew(PartitionSettings s) {
        List<Double> shares = s.shares();
        if (shares != null) {
            return new QuantitySkewPartitioner(shares);
        }
        SizeProfile profile = SizeProfile.byKey(s.profile());
        if (profile == null) {
            throw new InvalidSettingsException("partition.profile must be one of "
                    + String.join(", ", SizeProfile.keys()) + " (found \"" + s.profile() + "\")");
        }
        return new QuantitySkewPartitioner(profile);
    }
}
