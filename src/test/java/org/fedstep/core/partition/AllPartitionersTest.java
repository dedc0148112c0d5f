package org.fedstep.core.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.fedstep.core.data.PooledData;
import org.fedstep.core.random.Rng;
import org.fedstep.core.settings.SizeProfile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Properties every partitioner must have, whatever its way of splitting. */
class AllPartitionersTest {

    private static final List<PooledData> DATA = List.of(
            TestData.scrambled("ten.csv", 10, 3, "a", "b"),
            TestData.scrambled("thirty-seven.csv", 37, 5, "north", "south", "east"),
            TestData.scrambled("two-hundred-one.csv", 201, 7, "v", "w", "x", "y", "z"));
    private static final long[] SEEDS = {1, 42, 20240607};

    /** name, partitioner, whether it uses randomness. */
    static Stream<Arguments> partitioners() {
        return Stream.of(
                Arguments.of("iid", new IidPartitioner(), true),
                Arguments.of("quantity skew, linear", new QuantitySkewPartitioner(SizeProfile.LINEAR), true),
                Arguments.of("quantity skew, exponential", new QuantitySkewPartitioner(SizeProfile.EXPONENTIAL), true),
                Arguments.of("quantity skew, shares", new QuantitySkewPartitioner(List.of(1.0, 2.0, 5.0)), true),
                Arguments.of("feature shift 0", new FeatureShiftPartitioner(0.0), true),
                Arguments.of("feature shift 0.6", new FeatureShiftPartitioner(0.6), true),
                Arguments.of("feature shift 1", new FeatureShiftPartitioner(1.0), false),
                Arguments.of("dirichlet 0.5", new DirichletPartitioner(0.5), true),
                Arguments.of("dirichlet 1e6", new DirichletPartitioner(1e6), true),
                Arguments.of("natural", new NaturalPartitioner(), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("partitioners")
    void givesEveryRowToExactlyOneClientInAscendingOrder(String name, Partitioner partitioner, boolean random) {
        for (PooledData data : DATA) {
            for (long seed : SEEDS) {
                Partition p = partitioner.split(data, 3, new Rng(seed));
                assertThat(TestData.isDisjointCompleteAndSorted(p, data.size()))
                        .as("%s on %s, seed %d", name, data.name(), seed).isTrue();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("partitioners")
    void theSameSeedGivesTheSamePartition(String name, Partitioner partitioner, boolean random) {
        for (PooledData data : DATA) {
            Partition a = partitioner.split(data, 3, new Rng(7));
            Partition b = partitioner.split(data, 3, new Rng(7));
            assertThat(TestData.allRows(a)).isDeepEqualTo(TestData.allRows(b));
            assertThat(a.clientNames()).isEqualTo(b.clientNames());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("partitioners")
    void aDifferentSeedGivesADifferentPartitionWhenTheSplitIsRandom(String name, Partitioner partitioner,
                                                                    boolean random) {
        PooledData data = DATA.get(1);
        Partition a = partitioner.split(data, 3, new Rng(7));
        Partition b = partitioner.split(data, 3, new Rng(8));
        if (random) {
            assertThat(TestData.allRows(a)).isNotEqualTo(TestData.allRows(b));
        } else {
            assertThat(TestData.allRows(a)).isDeepEqualTo(TestData.allRows(b));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("partitioners")
    void namesClientsOneBasedOrAfterTheirGroup(String name, Partitioner partitioner, boolean random) {
        PooledData data = DATA.get(1);
        Partition p = partitioner.split(data, 3, new Rng(3));
        if (partitioner instanceof NaturalPartitioner) {
            assertThat(p.clientNames()).isEqualTo(data.distinctGroups());
        } else {
            assertThat(p.clientNames()).containsExactly("Client 1", "Client 2", "Client 3");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("partitioners")
    void reportsItsOwnKey(String name, Partitioner partitioner, boolean random) {
        assertThat(partitioner.key()).isIn("iid", "quantity-skew", "feature-shift", "dirichlet", "natural");
        assertThat(name).startsWith(partitioner.key().replace('-', ' '));
    }
}
