package org.fedstep.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ParamsTest {

    @Test
    void arithmeticIsComponentWise() {
        Params a = new Params(1.5, -2);
        Params b = new Params(0.25, 4);
        assertThat(a.plus(b)).isEqualTo(new Params(1.75, 2));
        assertThat(a.minus(b)).isEqualTo(new Params(1.25, -6));
        assertThat(a.times(-2)).isEqualTo(new Params(-3, 4));
        assertThat(Params.ZERO).isEqualTo(new Params(0, 0));
    }

    @Test
    void normAndDistanceAreEuclidean() {
        assertThat(new Params(3, 4).norm()).isEqualTo(5.0);
        assertThat(new Params(1, 1).distanceTo(new Params(4, -3))).isEqualTo(5.0); // (3, -4)
        assertThat(Params.ZERO.norm()).isZero();
    }

    @Test
    void finiteOnlyWhenBothParametersAre() {
        assertThat(new Params(1, 2).isFinite()).isTrue();
        assertThat(new Params(Double.NaN, 2).isFinite()).isFalse();
        assertThat(new Params(1, Double.NEGATIVE_INFINITY).isFinite()).isFalse();
    }
}
