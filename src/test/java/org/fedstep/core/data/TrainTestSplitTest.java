package org.fedstep.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import org.fedstep.core.random.Rng;
import org.junit.jupiter.api.Test;

/**
 * Documented: round(fraction * n) of a client's rows are held out for testing, chosen at random, but at least one row
 * stays for training; both parts keep the original row order.
 */
class TrainTestSplitTest {

    @Test
    void testCountIsRoundedFractionOfRowsButNeverAll() {
        assertThat(TrainTestSplit.testCount(10, 0.2)).isEqualTo(2);
        assertThat(TrainTestSplit.testCount(100, 0.2)).isEqualTo(20);
        assertThat(TrainTestSplit.testCount(7, 0.2)).isEqualTo(1);   // 1.4 rounds down
        assertThat(TrainTestSplit.testCount(8, 0.2)).isEqualTo(2);   // 1.6 rounds up (floor would give 1)
        assertThat(TrainTestSplit.testCount(13, 0.5)).isEqualTo(7);  // 6.5 rounds half up
        assertThat(TrainTestSplit.testCount(2, 0.2)).isEqualTo(0);   // 0.4
        assertThat(TrainTestSplit.testCount(50, 0.0)).isEqualTo(0);
        assertThat(TrainTestSplit.testCount(1, 0.9)).isEqualTo(0);   // round(0.9) = 1, but one row must stay
        assertThat(TrainTestSplit.testCount(3, 0.99)).isEqualTo(2);  // round(2.97) = 3, capped at n - 1
    }

    /** x = 0 .. n-1 and y = 10 + x, so every row is recognisable by its x and its y must travel with it. */
    private static ClientData split(int n, double fraction, long seed) {
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = 10 + i;
        }
        return TrainTestSplit.split("c", x, y, fraction, new Rng(seed),
                new ClientData.GeneratingLine(1, 10, 0));
    }

    @Test
    void trainAndTestAreDisjointCoverTheRowsAndKeepTheirOrder() {
        for (long seed = 0; seed < 20; seed++) {
            ClientData c = split(23, 0.2, seed);
            assertThat(c.testSize()).isEqualTo(5);    // round(4.6)
            assertThat(c.trainSize()).isEqualTo(18);
            Set<Double> train = new TreeSet<>();
            Set<Double> test = new TreeSet<>();
            for (int i = 0; i < c.trainSize(); i++) {
                train.add(c.trainX(i));
                assertThat(c.trainY(i)).isEqualTo(10 + c.trainX(i));
                if (i > 0) {
                    assertThat(c.trainX(i)).isGreaterThan(c.trainX(i - 1));
                }
            }
            for (int i = 0; i < c.testSize(); i++) {
                test.add(c.testX(i));
                assertThat(c.testY(i)).isEqualTo(10 + c.testX(i));
                if (i > 0) {
                    assertThat(c.testX(i)).isGreaterThan(c.testX(i - 1));
                }
            }
            assertThat(train).doesNotContainAnyElementsOf(test);
            Set<Double> all = new HashSet<>(train);
            all.addAll(test);
            assertThat(all).hasSize(23);
            for (int i = 0; i < 23; i++) {
                assertThat(all).contains((double) i);
            }
            assertThat(c.name()).isEqualTo("c");
            assertThat(c.truth()).isEqualTo(new ClientData.GeneratingLine(1, 10, 0));
        }
    }

    @Test
    void fractionZeroHoldsOutNothing() {
        ClientData c = split(9, 0.0, 1);
        assertThat(c.testSize()).isZero();
        assertThat(c.trainX()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(c.trainY()).containsExactly(10, 11, 12, 13, 14, 15, 16, 17, 18);
    }

    @Test
    void aSingleRowStaysForTraining() {
        ClientData c = split(1, 0.5, 1);
        assertThat(c.trainSize()).isEqualTo(1);
        assertThat(c.testSize()).isZero();
    }

    @Test
    void sameStreamSameSplitDifferentStreamDifferentSplit() {
        assertThat(split(30, 0.2, 4)).isEqualTo(split(30, 0.2, 4));
        Set<String> heldOut = new HashSet<>();
        for (long seed = 0; seed < 10; seed++) {
            heldOut.add(java.util.Arrays.toString(split(30, 0.2, seed).testX()));
        }
        // C(30, 6) = 593 775 possible test sets; ten seeds giving fewer than 9 distinct ones would be a broken shuffle
        assertThat(heldOut.size()).isGreaterThanOrEqualTo(9);
    }

    /**
     * Chosen at random: over 5000 streams each of 10 rows is held out with probability 2/10, so about 1000 times
     * (binomial sd sqrt(5000 * 0.2 * 0.8) = 28); a split that always took, say, the first or last rows would give
     * 5000 or 0. Checked to +- 150 (over 5 sd).
     */
    @Test
    void everyRowIsEquallyLikelyToBeHeldOut() {
        int[] count = new int[10];
        for (long seed = 0; seed < 5000; seed++) {
            for (double x : split(10, 0.2, seed).testX()) {
                count[(int) x]++;
            }
        }
        for (int c : count) {
            assertThat(c).isBetween(850, 1150);
        }
    }
}
