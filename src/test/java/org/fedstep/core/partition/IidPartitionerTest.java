package org.fedstep.core.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.fedstep.core.data.PooledData;
import org.fedstep.core.random.Rng;
import org.fedstep.core.settings.InvalidSettingsException;
import org.junit.jupiter.api.Test;

class IidPartitionerTest {

    private final IidPartitioner iid = new IidPartitioner();

    @Test
    void clientSizesDifferByAtMostOne() {
        for (int n : new int[] {10, 37, 100, 201}) {
            PooledData data = TestData.withoutGroups("d.csv", n);
            for (int clients = 1; clients <= Math.min(n, 12); clients++) {
                Partition p = iid.split(data, clients, new Rng(n * 100L + clients));
                int[] sizes = sizes(p);
                assertThat(Arrays.stream(sizes).sum()).isEqualTo(n);
                assertThat(Arrays.stream(sizes).max().getAsInt() - Arrays.stream(sizes).min().getAsInt())
                        .as("%d rows, %d clients: %s", n, clients, Arrays.toString(sizes)).isLessThanOrEqualTo(1);
            }
        }
    }

    @Test
    void tenRowsForThreeClientsGiveFourThreeThree() {
        Partition p = iid.split(TestData.withoutGroups("d.csv", 10), 3, new Rng(5));
        assertThat(sizes(p)).containsExactly(4, 3, 3);
    }

    @Test
    void asManyClientsAsRowsGivesOneRowEach() {
        Partition p = iid.split(TestData.withoutGroups("d.csv", 10), 10, new Rng(5));
        assertThat(sizes(p)).containsOnly(1);
    }

    @Test
    void oneClientHoldsEverything() {
        Partition p = iid.split(TestData.withoutGroups("d.csv", 10), 1, new Rng(5));
        assertThat(p.rows(0)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(p.clientNames()).containsExactly("Client 1");
    }

    @Test
    void moreClientsThanRowsIsRefusedNamingTheCountAndTheData() {
        PooledData data = TestData.withoutGroups("penguins.csv", 10);
        assertThatThrownBy(() -> iid.split(data, 12, new Rng(1)))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessage("clients.count (12) is more than the 10 usable rows of penguins.csv");
    }

    @Test
    void fewerThanOneClientIsRefused() {
        PooledData data = TestData.withoutGroups("penguins.csv", 10);
        assertThatThrownBy(() -> iid.split(data, 0, new Rng(1)))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessage("clients.count must be at least 1 (found 0)");
    }

    @Test
    void theShuffleMixesRowsAcrossClients() {
        // a random split almost never hands out rows 0..9, 10..19, ... in blocks
        Partition p = iid.split(TestData.withoutGroups("d.csv", 30), 3, new Rng(11));
        assertThat(p.rows(0)).isNotEqualTo(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
    }

    static int[] sizes(Partition p) {
        int[] s = new int[p.clientCount()];
        for (int k = 0; k < s.length; k++) {
            s[k] = p.size(k);
        }
        return s;
    }
}
