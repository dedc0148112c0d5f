package org.fedstep.core.partition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fedstep.core.data.PooledData;
import org.fedstep.core.random.Rng;
import org.fedstep.core.settings.InvalidSettingsException;
import org.fedstep.core.settings.PartitionSettings;

/**
 * The natural split: one client per distinct value of the group column (an island, a country, a series), in order of
 * first appearance, each client named after its group. The data decide the number of clients, so the {@code clients}
 * argument of {@link #split} is ignored, and no randomness is used.
 */
public final class NaturalPartitioner implements Partitioner {

    @Override
    public String key() {
        return PartitionSettings.NATURAL;
    }

    /** @param clients ignored: there is one client per group */
    @Override
    public Partition split(PooledData data, int clients, Rng rng) {
        if (!data.hasGroups()) {
            throw new InvalidSettingsException("a natural partition needs dataset.groupColumn: " + data.name()
                    + " has no group column to split by");
        }
        if (data.size() == 0) {
            throw new InvalidSettingsException(data.name() + " has no usable rows to split");
        }
        Map<String, List<Integer>> byGroup = new LinkedHashMap<>();
        for (int row = 0; row < data.size(); row++) {
            byGroup.computeIfAbsent(data.group(row), g -> new ArrayList<>()).add(row);
        }
        int[][] parts = new int[byGroup.size()][];
        int k = 0;
        for (List<Integer> rows : byGroup.values()) {
            // rows were collected in ascending order already
            parts[k++] = rows.stream().mapToInt(Integer::intValue).toArray();
        }
        return new Partition(parts, new ArrayList<>(byGroup.keySet()), data.size());
    }
}
