package org.fedstep.core.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.fedstep.core.random.Rng;
import org.fedstep.core.settings.PartitionSettings;
import org.junit.jupiter.api.Test;

class PartitionersTest {

    @Test
    void eachKindBuildsThePartitionerWithThatKey() {
        for (String kind : PartitionSettings.KINDS) {
            Partitioner p = Partitioners.create(PartitionSettings.of(kind));
            assertThat(p.key()).isEqualTo(kind);
        }
    }

    @Test
    void settingsReachThePartitioner() {
        PartitionSettings feature = new PartitionSettings("feature-shift", 0.3, null, null, null);
        assertThat(((FeatureShiftPartitioner) Partitioners.create(feature)).strictness()).isEqualTo(0.3);

        PartitionSettings dirichlet = new PartitionSettings("dirichlet", null, 2.0, null, null);
        assertThat(((DirichletPartitioner) Partitioners.create(dirichlet)).alpha()).isEqualTo(2.0);

        PartitionSettings shares = new PartitionSettings("quantity-skew", null, null, null, List.of(1.0, 3.0));
        Partition p = Partitioners.create(shares).split(TestData.withoutGroups("d.csv", 10), 2, new Rng(1));
        assertThat(IidPartitionerTest.sizes(p)).containsExactly(3, 7);

        PartitionSettings square = new PartitionSettings("quantity-skew", null, null, "square", null);
        assertThat(((QuantitySkewPartitioner) Partitioners.create(square)).sizes(14, 3)).containsExactly(2, 4, 8);
    }
}
