package org.fedstep.core.partition;

import org.fedstep.core.data.PooledData;
import org.fedstep.core.random.Rng;

/** Splits a pooled data set across clients. One class per way of splitting; all randomness comes from rng. */
public interface Partitioner {

    /** The stable key used in settings files, e.g. "iid". */
    String key();

    /**
     * @param clients how many clients to split into; partitioners that take the count from the data (natural) ignore it
     * @throws org.fedstep.core.settings.InvalidSettingsException when the data cannot be split this way
     */
    Partition split(PooledData data, int clients, Rng rng);
}
