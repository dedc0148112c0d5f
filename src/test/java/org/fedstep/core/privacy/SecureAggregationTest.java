package org.fedstep.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.fedstep.core.random.Rng;
import org.junit.jupiter.api.Test;

/** Pairwise masks cancel exactly in integer arithmetic, and the masks of a dropped client are recovered from shares. */
class SecureAggregationTest {

    private final SecureAggregation secure = new SecureAggregation(32);
    private static final long R = 1L << 32;

    private static List<long[]> inputs(long[]... rows) {
        return new ArrayList<>(Arrays.asList(rows));
    }

    @Test
    void theMasksCancelAndTheMaskedSumIsThePlainSum() {
        List<long[]> in = inputs(new long[] {5, R - 3, 100}, new long[] {7, 11, 200}, new long[] {R - 1, 0, 300},
                new long[] {42, 42, 400});
        SecureAggregationRecord r = secure.run(List.of(0, 2, 5, 7), in, 3, new Rng(11));
        assertThat(r.complete()).isTrue();
        assertThat(r.recoveries()).isEmpty();
        // plain sum mod 2^32: 5 + 7 - 1 + 42 = 53; -3 + 11 + 0 + 42 = 50; 100 + 200 + 300 + 400 = 1000
        assertThat(r.maskedSum()).containsExactly(53L, 50L, 1000L);
        assertThat(r.sum()).containsExactly(53L, 50L, 1000L);
        // what the server saw of each client is not its input
        for (SecureAggregationRecord.Masked m : r.masked()) {
            assertThat(m.masked()).isNotEqualTo(m.input());
            for (long v : m.masked()) {
                assertThat(v).isBetween(0L, R - 1);
            }
        }
        assertThat(r.masked().get(0).client()).isEqualTo(0);
        assertThat(r.masked().get(3).client()).isEqualTo(7);
    }

    @Test
    void aClientThatDropsOutAfterTheKeysHasItsMasksRecoveredFromShares() {
        // client 2 (index 1) agreed keys, then never sent its masked input
        List<long[]> in = inputs(new long[] {1, 2}, null, new long[] {10, 20}, new long[] {100, 200}, new long[] {5, 5});
        SecureAggregationRecord r = secure.run(List.of(1, 2, 3, 4, 6), in, 3, new Rng(99));
        assertThat(r.survivors()).containsExactly(1, 3, 4, 6);
        // the masks shared with the dropped client do not cancel in the masked sum ...
        assertThat(r.maskedSum()).isNotEqualTo(List.of(116L, 227L));
        // ... but after the recovery the sum is exactly the survivors' inputs: 1 + 10 + 100 + 5, 2 + 20 + 200 + 5
        assertThat(r.sum()).containsExactly(116L, 227L);
        assertThat(r.recoveries()).hasSize(1);
        SecureAggregationRecord.Recovery rec = r.recoveries().get(0);
        assertThat(rec.client()).isEqualTo(2);
        assertThat(rec.shareholders()).containsExactly(1, 3, 4);
        assertThat(rec.secretMatches()).isTrue();
        // the recovery took out exactly the difference
        for (int d = 0; d < 2; d++) {
            assertThat(Math.floorMod(r.maskedSum().get(d) - rec.removedMask().get(d), R)).isEqualTo(r.sum().get(d));
        }
    }

    @Test
    void tooFewSurvivorsCannotUnmaskTheSum() {
        List<long[]> in = inputs(new long[] {1}, null, null, new long[] {2});
        SecureAggregationRecord r = secure.run(List.of(0, 1, 2, 3), in, 3, new Rng(5));
        assertThat(r.complete()).isFalse();
        assertThat(r.sum()).isNull();
    }

    @Test
    void anyThresholdOfSharesRebuildsTheSecretAndFewerDoNot() {
        long secret = 123456789012345L;
        long[] poly = {secret, 987654321L, 55555L};
        List<Long> shares = new ArrayList<>();
        for (int v = 0; v < 5; v++) {
            shares.add(SecureAggregation.evaluate(poly, v + 1));
        }
        assertThat(SecureAggregation.interpolateAtZero(List.of(0, 1, 2), shares.subList(0, 3))).isEqualTo(secret);
        assertThat(SecureAggregation.interpolateAtZero(List.of(1, 3, 4), List.of(shares.get(1), shares.get(3),
                shares.get(4)))).isEqualTo(secret);
        assertThat(SecureAggregation.interpolateAtZero(List.of(0, 1), shares.subList(0, 2))).isNotEqualTo(secret);
    }

    @Test
    void theBothSidesOfAPairDeriveTheSameSeed() {
        long a = 1234567L;
        long b = 7654321L;
        long pa = SecureAggregation.power(SecureAggregation.G, a);
        long pb = SecureAggregation.power(SecureAggregation.G, b);
        assertThat(SecureAggregation.power(pb, a)).isEqualTo(SecureAggregation.power(pa, b));
    }

    @Test
    void fixedPointNumbersWrapAroundAndComeBack() {
        assertThat(secure.decode(secure.encode(-1.5, 10), 10)).isEqualTo(-1.5);
        assertThat(secure.decode(secure.encode(0.123456, 20), 20)).isCloseTo(0.123456, within(1e-6));
        assertThat(secure.encode(-1, 0)).isEqualTo(R - 1);
        assertThat(secure.limit(10)).isEqualTo(Math.scalb(1.0, 21));
    }
}
