package org.fedstep.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Quantity-skew sizes: client k of K gets a share proportional to 1 (equal), k + 1 (linear), (k + 1)^2 (square) or
 * 2^(4k / (K - 1)) (exponential); the free rows (total - K * minimum) are split by largest remainder, ties to the
 * lower index, and every client then gets the minimum on top.
 */
class SizeProfileTest {

    @Test
    void linearOnAHandExample() {
        // shares 1 : 2 : 3 : 4, sum 10, of 100 rows
        assertThat(SizeProfile.LINEAR.sizes(4, 100, 0)).containsExactly(10, 20, 30, 40);
        // shares 1 : 2 : 3 of 10 rows: 1.67, 3.33, 5 -> floors 1, 3, 5 (9); the one left goes to the largest
        // remainder (0.67, client 0)
        assertThat(SizeProfile.LINEAR.sizes(3, 10, 0)).containsExactly(2, 3, 5);
    }

    @Test
    void squareOnHandExamples() {
        // shares 1 : 4 : 9, sum 14, of 140 rows
        assertThat(SizeProfile.SQUARE.sizes(3, 140, 0)).containsExactly(10, 40, 90);
        // shares 1 : 4 : 9 : 16, sum 30, of 100 rows: 3.33, 13.33, 30, 53.33 -> floors 3, 13, 30, 53 (99); clients 0,
        // 1 and 3 tie with remainder 1/3, so the last row goes to the lowest index, client 0
        assertThat(SizeProfile.SQUARE.sizes(4, 100, 0)).containsExactly(4, 13, 30, 53);
    }

    @Test
    void exponentialSpansAFactorOfSixteenWhateverTheCount() {
        // K = 5: 2^(4k/4) = 1, 2, 4, 8, 16, sum 31
        assertThat(SizeProfile.EXPONENTIAL.shares(5)).containsExactly(1, 2, 4, 8, 16);
        assertThat(SizeProfile.EXPONENTIAL.sizes(5, 310, 0)).containsExactly(10, 20, 40, 80, 160);
        // K = 3: 2^0, 2^2, 2^4 = 1, 4, 16, sum 21
        assertThat(SizeProfile.EXPONENTIAL.sizes(3, 210, 0)).containsExactly(10, 40, 160);
        // K = 2: 1, 16
        assertThat(SizeProfile.EXPONENTIAL.sizes(2, 170, 0)).containsExactly(10, 160);
        for (int k = 2; k <= 12; k++) {
            double[] s = SizeProfile.EXPONENTIAL.shares(k);
            assertThat(s[0]).isEqualTo(1.0);
            assertThat(s[k - 1] / s[0]).isEqualTo(16.0);
            for (int i = 1; i < k; i++) {
                assertThat(s[i] / s[i - 1]).isEqualTo(Math.pow(2, 4.0 / (k - 1)), org.assertj.core.api.Assertions.within(1e-12));
            }
        }
        assertThat(SizeProfile.EXPONENTIAL.sizes(1, 37, 0)).containsExactly(37);
    }

    @Test
    void equalSplitsEvenlyAndGivesLeftoversToTheFirstClients() {
        assertThat(SizeProfile.EQUAL.sizes(4, 100, 0)).containsExactly(25, 25, 25, 25);
        // minimum 1: free 93, 9.3 each -> 9 each (90), three left over for clients 0, 1, 2 (equal remainders)
        assertThat(SizeProfile.EQUAL.sizes(10, 103, 1)).containsExactly(11, 11, 11, 10, 10, 10, 10, 10, 10, 10);
    }

    @Test
    void theMinimumComesOnTopOfTheProportionalPart() {
        // free = 100 - 4 * 5 = 80, linear 8, 16, 24, 32, plus 5 each
        assertThat(SizeProfile.LINEAR.sizes(4, 100, 5)).containsExactly(13, 21, 29, 37);
        // exactly the minimum for everyone
        assertThat(SizeProfile.SQUARE.sizes(4, 8, 2)).containsExactly(2, 2, 2, 2);
        assertThatThrownBy(() -> SizeProfile.LINEAR.sizes(4, 7, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * For every profile, count, total and minimum: the sizes add up to the total, each is at least the minimum, each
     * is within one row of its exact quota minimum + free * share / sum, and they never decrease with k when the shares
     * grow with k (equal: leftovers go to the first clients, so sizes never increase and differ by at most one).
     */
    @Test
    void sizesAlwaysSumToTheTotalAndFollowTheShares() {
        for (SizeProfile p : SizeProfile.values()) {
            for (int k = 1; k <= 12; k++) {
                double[] shares = p.shares(k);
                double sum = Arrays.stream(shares).sum();
                for (int minimum = 0; minimum <= 3; minimum++) {
                    for (int total = k * minimum; total <= k * minimum + 250; total += 7) {
                        int[] sizes = p.sizes(k, total, minimum);
                        String what = p + " K=" + k + " total=" + total + " min=" + minimum;
                        assertThat(Arrays.stream(sizes).sum()).as(what).isEqualTo(total);
                        int free = total - k * minimum;
                        for (int i = 0; i < k; i++) {
                            assertThat(sizes[i]).as(what).isGreaterThanOrEqualTo(minimum);
                            double quota = minimum + free * shares[i] / sum;
                            assertThat(Math.abs(sizes[i] - quota)).as(what).isLessThan(1.0);
                            if (i > 0 && p != SizeProfile.EQUAL) {
                                assertThat(sizes[i]).as(what).isGreaterThanOrEqualTo(sizes[i - 1]);
                            }
                            if (i > 0 && p == SizeProfile.EQUAL) {
                                // equal shares tie: leftovers go to the lowest indices
                                assertThat(sizes[i]).as(what).isBetween(sizes[0] - 1, sizes[0]);
                                assertThat(sizes[i]).as(what).isLessThanOrEqualTo(sizes[i - 1]);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void apportionTakesExplicitShares() {
        // 3 : 1 of 10 rows: 7.5, 2.5 -> tie at 0.5, the lower index wins: 8, 2
        assertThat(SizeProfile.apportion(new double[] {3, 1}, 10, 0)).containsExactly(8, 2);
        assertThat(SizeProfile.apportion(new double[] {1, 3}, 10, 0)).containsExactly(3, 7);
    }

    @Test
    void keysNameTheProfiles() {
        assertThat(SizeProfile.keys()).containsExactly("equal", "linear", "square", "exponential");
        assertThat(SizeProfile.byKey("square")).isEqualTo(SizeProfile.SQUARE);
        assertThat(SizeProfile.byKey("Square")).isNull();
        assertThat(SizeProfile.byKey("cubic")).isNull();
    }
}
