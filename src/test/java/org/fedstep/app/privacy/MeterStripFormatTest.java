package org.fedstep.app.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MeterStripFormatTest {

    @Test
    void bytesAreWrittenInDecimalUnits() {
        assertThat(MeterStrip.bytes(0)).isEqualTo("0 B");
        assertThat(MeterStrip.bytes(999)).isEqualTo("999 B");
        assertThat(MeterStrip.bytes(2_400)).isEqualTo("2.4 kB");
        assertThat(MeterStrip.bytes(3_100_000)).isEqualTo("3.1 MB");
        assertThat(MeterStrip.bytes(5_000_000_000L)).isEqualTo("5.0 GB");
    }

    @Test
    void deltaIsWrittenAsUsual() {
        assertThat(MeterStrip.delta(0.001)).isEqualTo("0.001");
        assertThat(MeterStrip.delta(1e-5)).isEqualTo("1e-5");
        assertThat(MeterStrip.delta(2.5e-7)).isEqualTo("2.5e-7");
        assertThat(MeterStrip.delta(9.999e-6)).isEqualTo("1e-5");
    }

    @Test
    void epsilonKeepsTwoDecimalsBelowTen() {
        assertThat(MeterStrip.epsilon(Double.POSITIVE_INFINITY)).isEqualTo("∞");
        assertThat(MeterStrip.epsilon(0.5)).isEqualTo("0.50");
        assertThat(MeterStrip.epsilon(12.34)).isEqualTo("12.3");
    }
}
