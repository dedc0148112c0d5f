package org.fedstep.app.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NumbersTest {

    @Test
    void briefNumbersKeepFourSignificantDigits() {
        assertThat(Numbers.brief(18.847412)).isEqualTo("18.85");
        assertThat(Numbers.brief(1.1892345)).isEqualTo("1.189");
        assertThat(Numbers.brief(668.354)).isEqualTo("668.4");
        assertThat(Numbers.brief(105797.4)).isEqualTo("105797");
        assertThat(Numbers.brief(-0.9145481)).isEqualTo("−0.9145");
        assertThat(Numbers.brief(2.0)).isEqualTo("2");
        assertThat(Numbers.brief(1.0613e-8)).isEqualTo("1.061e−08");
        assertThat(Numbers.brief(Double.NaN)).isEqualTo("–");
    }
}
