package org.fedstep.core.partition;

import org.fedstep.core.data.PooledData;
import org.fedstep.core.random.Rng;
import org.fedstep.core.settings.PartitionSettings;

/**
 * The IID baseline: rows are shuffled and dealt out in parts of equal size (differing by at most one row), so every
 * client sees, up to chance, the same distribution of x and y.
 */
public final class IidPartitioner implements Partitioner {

    @Override
    public String key() {
        return PartitionSettings.IID;
    }

    @Override
    public Partition split(PooledData data, int clients, Rng rng) {
        Splits.checkClientCount(data, clients);
        int[] order = Splits.allRows(data.size());
        rng.shuffle(order);
        int[][] parts = Splits.cut(order, Splits.equalSizes(data.size(), clients));
        return new Partition(parts, Splits.numberedNames(clients), data.size());
    }
}
