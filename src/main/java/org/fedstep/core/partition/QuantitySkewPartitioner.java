package org.fedstep.core.partition;

import java.util.List;
import java.util.Objects;
import org.fedstep.core.data.PooledData;
import org.fedstep.core.random.Rng;
import org.fedstep.core.settings.InvalidSettingsException;
import org.fedstep.core.settings.PartitionSettings;
import org.fedstep.core.settings.SizeProfile;

/**
 * Quantity skew: clients hold different amounts of data drawn from the same distribution. The sizes follow a
 * {@link SizeProfile} or explicit relative shares (one per client, sizes proportional to them), rounded by largest
 * remainder so they add up to the number of rows, each at least one; which rows a client gets is random.
 */
public final class QuantitySkewPartitioner implements Partitioner {

    private final SizeProfile profile;
    private final double[] shares;

    /** Sizes from a profile, whatever the number of clients. */
    public QuantitySkewPartitioner(SizeProfile profile) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.shares = null;
    }

    /** Sizes proportional to the given shares; the partition then needs exactly shares.size() clients. */
    public QuantitySkewPartitioner(List<Double> shares) {
        this.profile = null;
        this.shares = new double[shares.size()];
        for (int i = 0; i < shares.size(); i++) {
            Double v = shares.get(i);
            if (v == null || !(v > 0) || v.isInfinite()) {
                throw new InvalidSettingsException("partition.shares[" + i + "] must be greater than 0 (found "
                        + (v == null ? "nothing" : Splits.fmt(v)) + ")");
            }
            this.shares[i] = v;
        }
    }

    @Override
    public String key() {
        return PartitionSettings.QUANTITY_SKEW;
    }

    @Override
    public Partition split(PooledData data, int clients, Rng rng) {
        Splits.checkClientCount(data, clients);
        if (shares != null && shares.length != clients) {
            throw new InvalidSettingsException("partition.shares gives " + shares.length + " shares for " + clients
                    + " clients");
        }
        int[] sizes = sizes(data.size(), clients);
        int[] order = Splits.allRows(data.size());
        rng.shuffle(order);
        return new Partition(Splits.cut(order, sizes), Splits.numberedNames(clients), data.size());
    }

    /** The client sizes this partitioner gives for the given numbers of rows and clients. */
    public int[] sizes(int rows, int clients) {
        return shares != null ? SizeProfile.apportion(shares, rows, 1) : profile.sizes(clients, rows, 1);
    }
}
