package org.fedstep.app.plots;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure parts of the loss chart: ranges, log ticks, round ticks, thinning to pixel columns. */
class LossChartMathTest {

    @Test
    void aLogRangeSpansWholePowersOfTenAndSkipsZeroNanAndInfinity() {
        LossChart.Series s = t -> new double[] {7.3, 0.0, Double.NaN, Double.POSITIVE_INFINITY, 0.012}[t];
        double[] r = LossChart.yRange(List.of(s), 4, new double[] {0.086}, true);
        assertThat(r).containsExactly(0.01, 10.0);
    }

    @Test
    void aLinearRangeStartsAtZero() {
        LossChart.Series s = t -> new double[] {4.0, 2.0, Double.NEGATIVE_INFINITY}[t];
        double[] r = LossChart.yRange(List.of(s), 2, new double[] {Double.NaN}, false);
        assertThat(r[0]).isZero();
        assertThat(r[1]).isGreaterThan(4.0).isLessThan(4.5);
    }

    @Test
    void nothingDrawableStillGivesARange() {
        LossChart.Series s = t -> Double.NaN;
        assertThat(LossChart.yRange(List.of(s), 3, new double[0], true)).containsExactly(0.1, 10.0);
        assertThat(LossChart.yRange(List.of(s), 3, new double[0], false)).containsExactly(0.0, 1.0);
    }

    @Test
    void aRangeOfHugeFiniteValuesStaysFinite() {
        LossChart.Series s = t -> new double[] {1e-320, 1.7e308}[t];
        double[] log = LossChart.yRange(List.of(s), 1, new double[0], true);
        assertThat(log[0]).isPositive();
        assertThat(Double.isFinite(log[1])).isTrue();
        double[] lin = LossChart.yRange(List.of(s), 1, new double[0], false);
        assertThat(Double.isFinite(lin[1])).isTrue();
    }

    @Test
    void logTicksUseOneTwoFiveOverFewDecadesAndPowersOfTenOverMany() {
        assertThat(LossChart.logTicks(0.01, 10, 12))
                .containsExactly(0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0);
        List<Double> many = LossChart.logTicks(1e-3, 1e9, 8);
        assertThat(many).hasSizeLessThanOrEqualTo(8);
        for (double v : many) {
            double e = Math.log10(v);
            assertThat(Math.abs(e - Math.rint(e))).isLessThan(1e-9);
        }
        assertThat(LossChart.logTicks(0, 10, 5)).isEmpty();
    }

    @Test
    void roundTicksAreWholeRounds() {
        assertThat(LossChart.roundTicks(new Axes(0, 1, 0, 500), 6)).containsExactly(0.0, 1.0);
        assertThat(LossChart.roundTicks(new Axes(0, 10000, 0, 500), 6)).contains(0.0, 2000.0, 10000.0);
    }

    @Test
    void tenThousandRoundsBecomeAboutTwoPointsPerPixelColumn() {
        Axes ax = new Axes(0, 10000, 0, 500);
        Axes ay = new Axes(-3, 1, 300, 0);
        List<Integer> runs = new ArrayList<>();
        LossChart.Decimator d = new LossChart.Decimator();
        d.run(t -> 1.0 / (1 + t) + (t % 97 == 0 ? 5 : 0), 0, 10000, ax, ay, true, (xs, ys, n) -> runs.add(n));
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0)).isLessThanOrEqualTo(2 * 501).isGreaterThan(400);
    }

    @Test
    void spikesSurviveThinning() {
        Axes ax = new Axes(0, 999, 0, 10);
        Axes ay = new Axes(0, 100, 100, 0);
        double[] top = {Double.POSITIVE_INFINITY};
        new LossChart.Decimator().run(t -> t == 500 ? 100 : 1, 0, 999, ax, ay, false, (xs, ys, n) -> {
            for (int i = 0; i < n; i++) {
                top[0] = Math.min(top[0], ys[i]);
            }
        });
        assertThat(top[0]).isEqualTo(0.0);
    }

    @Test
    void undrawableValuesBreakTheLine() {
        Axes ax = new Axes(0, 9, 0, 900);
        Axes ay = new Axes(-2, 2, 100, 0);
        List<Integer> runs = new ArrayList<>();
        double[] v = {1, 2, 3, Double.NaN, 4, 0, 5, 6, Double.POSITIVE_INFINITY, 7};
        new LossChart.Decimator().run(t -> v[t], 0, 9, ax, ay, true, (xs, ys, n) -> runs.add(n));
        assertThat(runs).containsExactly(3, 1, 2, 1);
    }

    @Test
    void tickLabelsAreShortForHugeAndTinyValues() {
        assertThat(LossChart.tickLabel(1e5)).isEqualTo("1e5");
        assertThat(LossChart.tickLabel(2e-4)).isEqualTo("2e-4");
        assertThat(LossChart.tickLabel(3.5e12)).isEqualTo("3.5e12");
        assertThat(LossChart.tickLabel(1e260)).isEqualTo("1e260");
        assertThat(LossChart.tickLabel(0.05)).isEqualTo("0.05");
        assertThat(LossChart.tickLabel(200)).isEqualTo("200");
    }

    @Test
    void manyDecadesGetEveryFewPowersOfTen() {
        List<Double> ticks = LossChart.logTicks(1, 1e300, 6);
        assertThat(ticks).hasSizeLessThanOrEqualTo(6).contains(1.0, 1e100, 1e200, 1e300);
    }
}
