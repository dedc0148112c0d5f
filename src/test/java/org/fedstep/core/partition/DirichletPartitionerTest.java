package org.fedstep.core.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import org.fedstep.core.data.PooledData;
import org.fedstep.core.random.Rng;
import org.fedstep.core.settings.InvalidSettingsException;
import org.junit.jupiter.api.Test;

class DirichletPartitionerTest {

    @Test
    void aHugeAlphaGivesEachClientAnEqualShareOfEachGroup() {
        PooledData data = TestData.blocks(300, 150, 90);
        Partition p = new DirichletPartitioner(1e6).split(data, 3, new Rng(2));
        for (int k = 0; k < 3; k++) {
            Map<String, Integer> counts = groupCounts(data, p, k);
            // q is 1/3 to within about 3e-4, so only the rounding of the cuts is left
            assertThat(counts.get("g0")).isCloseTo(100, within(1));
            assertThat(counts.get("g1")).isCloseTo(50, within(1));
            assertThat(counts.get("g2")).isCloseTo(30, within(1));
        }
    }

    @Test
    void aSmallAlphaLetsOneGroupDominateEachClient() {
        // not every client is pure: the redraws keep only draws where no client is empty, which favours draws that
        // split a group, and a client may take two whole groups; on average one group still makes up most of a client
        PooledData data = TestData.blocks(60, 60, 60);
        double dominance = 0;
        int seeds = 20;
        for (long seed = 1; seed <= seeds; seed++) {
            Partition p = new DirichletPartitioner(0.05).split(data, 3, new Rng(seed));
            for (int k = 0; k < 3; k++) {
                dominance += largestGroupFraction(data, p, k);
            }
        }
        assertThat(dominance / (seeds * 3)).isGreaterThan(0.8);
    }

    @Test
    void aSmallAlphaGivesEachGroupMostlyToOneClient() {
        // six groups over two clients, so the redraw that keeps every client non-empty rarely fires and does not
        // push the groups apart (with three groups over three clients it would, by conditioning on coverage)
        PooledData data = TestData.blocks(60, 60, 60, 60, 60, 60);
        double concentration = 0;
        int seeds = 20;
        for (long seed = 1; seed <= seeds; seed++) {
            Partition p = new DirichletPartitioner(0.05).split(data, 2, new Rng(seed));
            for (String group : data.distinctGroups()) {
                int largest = 0;
                for (int k = 0; k < 2; k++) {
                    largest = Math.max(largest, groupCounts(data, p, k).getOrDefault(group, 0));
                }
                concentration += largest / 60.0;
            }
        }
        // for q ~ Dirichlet(0.05, 0.05), E[max(q)] is about 0.97
        assertThat(concentration / (seeds * 6)).isGreaterThan(0.9);
    }

    @Test
    void aHugeAlphaLetsNoGroupDominate() {
        PooledData data = TestData.blocks(60, 60, 60);
        Partition p = new DirichletPartitioner(1e6).split(data, 3, new Rng(1));
        for (int k = 0; k < 3; k++) {
            assertThat(largestGroupFraction(data, p, k)).isCloseTo(1.0 / 3, within(0.02));
        }
    }

    @Test
    void redrawsUntilEveryClientHasARow() {
        // with alpha 0.3, four clients and three groups many single draws leave a client empty
        PooledData data = TestData.blocks(20, 20, 20);
        for (long seed = 1; seed <= 10; seed++) {
            Partition p = new DirichletPartitioner(0.3).split(data, 4, new Rng(seed));
            for (int k = 0; k < 4; k++) {
                assertThat(p.size(k)).isPositive();
            }
        }
    }

    @Test
    void refusesWhenNoDrawGivesEveryClientARow() {
        PooledData data = TestData.blocks(20, 20);
        assertThatThrownBy(() -> new DirichletPartitioner(0.01).split(data, 8, new Rng(1)))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessage("partition.alpha 0.01 leaves some of the 8 clients with no rows after 100 tries;"
                        + " use a larger alpha or fewer clients");
    }

    @Test
    void refusesDataWithoutGroups() {
        PooledData data = TestData.withoutGroups("cars.csv", 20);
        assertThatThrownBy(() -> new DirichletPartitioner(0.5).split(data, 2, new Rng(1)))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("a Dirichlet partition needs dataset.groupColumn");
    }

    @Test
    void refusesMoreClientsThanRows() {
        PooledData data = TestData.blocks(3, 2);
        assertThatThrownBy(() -> new DirichletPartitioner(0.5).split(data, 6, new Rng(1)))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessage("clients.count (6) is more than the 5 usable rows of groups.csv");
    }

    @Test
    void refusesAnAlphaThatIsNotPositive() {
        assertThatThrownBy(() -> new DirichletPartitioner(0))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessage("partition.alpha must be greater than 0 (found 0)");
    }

    private static Map<String, Integer> groupCounts(PooledData data, Partition p, int client) {
        Map<String, Integer> counts = new HashMap<>();
        for (int r : p.rows(client)) {
            counts.merge(data.group(r), 1, Integer::sum);
        }
        return counts;
    }

    private static double largestGroupFraction(PooledData data, Partition p, int client) {
        int largest = groupCounts(data, p, client).values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        return (double) largest / p.size(client);
    }
}
