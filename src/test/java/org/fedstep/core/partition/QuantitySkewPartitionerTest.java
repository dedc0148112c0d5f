package org.fedstep.core.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.fedstep.core.data.PooledData;
import org.fedstep.core.random.Rng;
import org.fedstep.core.settings.InvalidSettingsException;
import org.fedstep.core.settings.SizeProfile;
import org.junit.jupiter.api.Test;

class QuantitySkewPartitionerTest {

    @Test
    void sizesFollowTheProfileApportionment() {
        PooledData data = TestData.withoutGroups("d.csv", 100);
        for (SizeProfile profile : SizeProfile.values()) {
            for (int clients : new int[] {1, 2, 4, 7}) {
                Partition p = new QuantitySkewPartitioner(profile).split(data, clients, new Rng(clients));
                assertThat(IidPartitionerTest.sizes(p)).as("%s, %d clients", profile, clients)
                        .containsExactly(profile.sizes(clients, 100, 1));
            }
        }
    }

    @Test
    void linearProfileOfFourClientsOnHundredRowsGivesElevenToThirtyNine() {
        // one row each, then 96 rows in shares 1:2:3:4 = 9.6, 19.2, 28.8, 38.4; the two left over go to .8 and .6
        Partition p = new QuantitySkewPartitioner(SizeProfile.LINEAR)
                .split(TestData.withoutGroups("d.csv", 100), 4, new Rng(3));
        assertThat(IidPartitionerTest.sizes(p)).containsExactly(11, 20, 30, 39);
    }

    @Test
    void sizesFollowExplicitShares() {
        PooledData data = TestData.withoutGroups("d.csv", 50);
        List<Double> shares = List.of(1.0, 3.0, 6.0);
        Partition p = new QuantitySkewPartitioner(shares).split(data, 3, new Rng(9));
        assertThat(IidPartitionerTest.sizes(p))
                .containsExactly(SizeProfile.apportion(new double[] {1, 3, 6}, 50, 1))
                .containsExactly(6, 15, 29);
    }

    @Test
    void everyClientGetsAtLeastOneRowEvenWithATinyShare() {
        PooledData data = TestData.withoutGroups("d.csv", 6);
        Partition p = new QuantitySkewPartitioner(List.of(0.001, 1000.0, 0.001)).split(data, 3, new Rng(9));
        assertThat(IidPartitionerTest.sizes(p)).containsExactly(1, 4, 1);
    }

    @Test
    void theRowsAreDrawnAtRandomNotInBlocks() {
        Partition p = new QuantitySkewPartitioner(SizeProfile.LINEAR)
                .split(TestData.withoutGroups("d.csv", 40), 2, new Rng(4));
        int[] first = p.rows(0);
        assertThat(first[first.length - 1]).isGreaterThan(first.length - 1);
    }

    @Test
    void aShareCountThatDiffersFromTheClientCountIsRefused() {
        QuantitySkewPartitioner q = new QuantitySkewPartitioner(List.of(1.0, 2.0, 3.0));
        assertThatThrownBy(() -> q.split(TestData.withoutGroups("d.csv", 20), 4, new Rng(1)))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessage("partition.shares gives 3 shares for 4 clients");
    }

    @Test
    void aShareThatIsNotPositiveIsRefused() {
        assertThatThrownBy(() -> new QuantitySkewPartitioner(List.of(1.0, -2.0)))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessage("partition.shares[1] must be greater than 0 (found -2)");
    }

    @Test
    void moreClientsThanRowsIsRefused() {
        QuantitySkewPartitioner q = new QuantitySkewPartitioner(SizeProfile.SQUARE);
        assertThatThrownBy(() -> q.split(TestData.withoutGroups("cars.csv", 3), 5, new Rng(1)))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessage("clients.count (5) is more than the 3 usable rows of cars.csv");
    }
}
