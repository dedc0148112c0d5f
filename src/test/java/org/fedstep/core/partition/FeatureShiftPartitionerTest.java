package org.fedstep.core.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.fedstep.core.data.PooledData;
import org.fedstep.core.random.Rng;
import org.fedstep.core.settings.InvalidSettingsException;
import org.junit.jupiter.api.Test;

class FeatureShiftPartitionerTest {

    private static final PooledData DATA = TestData.scrambled("scrambled.csv", 101, 7);

    @Test
    void fullStrictnessGivesDisjointXRangesInClientOrder() {
        for (long seed = 1; seed <= 5; seed++) {
            Partition p = new FeatureShiftPartitioner(1.0).split(DATA, 4, new Rng(seed));
            for (int k = 0; k + 1 < p.clientCount(); k++) {
                double maxHere = max(TestData.xs(DATA, p, k));
                double minNext = min(TestData.xs(DATA, p, k + 1));
                assertThat(maxHere).as("client %d ends below client %d", k, k + 1).isLessThan(minNext);
            }
            // x values are 0..100: the first client holds exactly the smallest 26 of them
            assertThat(TestData.xs(DATA, p, 0))
                    .containsExactlyInAnyOrder(IntStream.range(0, 26).asDoubleStream().toArray());
        }
    }

    @Test
    void fullStrictnessWithTiedXValuesKeepsRangesOrdered() {
        // x = 0,0,0,1,1,1,2,2,2 in a mixed row order: neighbouring clients may share a boundary value, never cross
        double[] x = {2, 0, 1, 1, 0, 2, 0, 2, 1};
        PooledData tied = new PooledData("tied.csv", "x", "y", x, x.clone(), null, null, 0);
        Partition p = new FeatureShiftPartitioner(1.0).split(tied, 2, new Rng(1));
        assertThat(max(TestData.xs(tied, p, 0))).isLessThanOrEqualTo(min(TestData.xs(tied, p, 1)));
    }

    @Test
    void zeroStrictnessIsARandomSplitWhoseXRangesOverlap() {
        for (long seed = 1; seed <= 5; seed++) {
            Partition p = new FeatureShiftPartitioner(0.0).split(DATA, 4, new Rng(seed));
            assertThat(IidPartitionerTest.sizes(p)).containsExactly(26, 25, 25, 25);
            for (int k = 0; k + 1 < p.clientCount(); k++) {
                assertThat(max(TestData.xs(DATA, p, k))).isGreaterThan(min(TestData.xs(DATA, p, k + 1)));
            }
        }
    }

    @Test
    void theOverlapShrinksAsStrictnessGrows() {
        double[] strictness = {0.0, 0.25, 0.5, 0.75, 0.9, 1.0};
        double[] overlap = new double[strictness.length];
        for (int i = 0; i < strictness.length; i++) {
            FeatureShiftPartitioner f = new FeatureShiftPartitioner(strictness[i]);
            for (long seed = 1; seed <= 20; seed++) {
                overlap[i] += overlap(f.split(DATA, 4, new Rng(seed)));
            }
            overlap[i] /= 20;
        }
        for (int i = 1; i < overlap.length; i++) {
            assertThat(overlap[i]).as("overlap at s=%s vs s=%s: %s", strictness[i], strictness[i - 1],
                    Arrays.toString(overlap)).isLessThan(overlap[i - 1]);
        }
        assertThat(overlap[overlap.length - 1]).isZero();
    }

    @Test
    void clientZeroHoldsTheSmallestXOnAverageAtModerateStrictness() {
        Partition p = new FeatureShiftPartitioner(0.7).split(DATA, 4, new Rng(12));
        double[] means = new double[4];
        for (int k = 0; k < 4; k++) {
            means[k] = Arrays.stream(TestData.xs(DATA, p, k)).average().orElseThrow();
        }
        assertThat(means).isSorted();
    }

    @Test
    void strictnessOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> new FeatureShiftPartitioner(1.5))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessage("partition.strictness must be from 0 to 1 (found 1.5)");
    }

    @Test
    void aSingleRowForASingleClientIsFine() {
        PooledData one = TestData.withoutGroups("one.csv", 1);
        Partition p = new FeatureShiftPartitioner(1.0).split(one, 1, new Rng(1));
        assertThat(p.rows(0)).containsExactly(0);
    }

    /** How far neighbouring clients' x ranges run into each other, summed over neighbours. */
    private static double overlap(Partition p) {
        double total = 0;
        for (int k = 0; k + 1 < p.clientCount(); k++) {
            total += Math.max(0, max(TestData.xs(DATA, p, k)) - min(TestData.xs(DATA, p, k + 1)));
        }
        return total;
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElseThrow();
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElseThrow();
    }
}
