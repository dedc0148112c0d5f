package org.fedstep.core.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.fedstep.core.data.PooledData;
import org.fedstep.core.random.Rng;
import org.fedstep.core.settings.InvalidSettingsException;
import org.junit.jupiter.api.Test;

class NaturalPartitionerTest {

    private final NaturalPartitioner natural = new NaturalPartitioner();

    @Test
    void givesOneClientPerGroupInOrderOfFirstAppearance() {
        PooledData data = TestData.withGroups("Dream", "Biscoe", "Dream", "Torgersen", "Biscoe", "Dream");
        Partition p = natural.split(data, 3, new Rng(1));
        assertThat(p.clientNames()).containsExactly("Dream", "Biscoe", "Torgersen");
        assertThat(p.rows(0)).containsExactly(0, 2, 5);
        assertThat(p.rows(1)).containsExactly(1, 4);
        assertThat(p.rows(2)).containsExactly(3);
    }

    @Test
    void ignoresTheClientCount() {
        PooledData data = TestData.withGroups("a", "b", "a", "b");
        Partition p = natural.split(data, 7, new Rng(1));
        assertThat(p.clientCount()).isEqualTo(2);
    }

    @Test
    void doesNotDependOnTheSeed() {
        PooledData data = TestData.scrambled("s.csv", 37, 5, "x", "y", "z");
        assertThat(TestData.allRows(natural.split(data, 3, new Rng(1))))
                .isDeepEqualTo(TestData.allRows(natural.split(data, 3, new Rng(2))));
    }

    @Test
    void refusesDataWithoutGroups() {
        PooledData data = TestData.withoutGroups("cars.csv", 20);
        assertThatThrownBy(() -> natural.split(data, 2, new Rng(1)))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("a natural partition needs dataset.groupColumn");
    }
}
