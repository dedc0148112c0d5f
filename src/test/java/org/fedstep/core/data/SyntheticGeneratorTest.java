package org.fedstep.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.fedstep.core.model.LeastSquares;
import org.fedstep.core.model.Params;
import org.fedstep.core.settings.DatasetSettings;
import org.fedstep.core.settings.SizeProfile;
import org.junit.jupiter.api.Test;

/**
 * Synthetic data, y = slope_k x + intercept_k + noise with x uniform on client k's window. Statistical checks use many
 * samples and a tolerance of at least five standard errors, worked out in each test's comment, so that they hold for
 * any seed (the seeds are fixed anyway, so the tests are deterministic).
 */
class SyntheticGeneratorTest {

    private static List<String> names(int k) {
        List<String> n = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            n.add("c" + i);
        }
        return n;
    }

    private static int[] same(int clients, int rows) {
        int[] s = new int[clients];
        java.util.Arrays.fill(s, rows);
        return s;
    }

    private static List<ClientData> gen(DatasetSettings d, int[] sizes, double testFraction, long seed) {
        return SyntheticGenerator.generate(d, sizes, names(sizes.length), testFraction, seed);
    }

    /** All training residuals y - (slope x + intercept) of all clients, against the common line. */
    private static double[] residuals(List<ClientData> clients, double slope, double intercept) {
        int n = clients.stream().mapToInt(ClientData::trainSize).sum();
        double[] r = new double[n];
        int j = 0;
        for (ClientData c : clients) {
            for (int i = 0; i < c.trainSize(); i++) {
                r[j++] = c.trainY(i) - (slope * c.trainX(i) + intercept);
            }
        }
        return r;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s / v.length;
    }

    private static double sd(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double d : v) {
            s += (d - m) * (d - m);
        }
        return Math.sqrt(s / v.length);
    }

    private static double[] pooled(List<ClientData> clients, boolean wantX) {
        List<Double> out = new ArrayList<>();
        for (ClientData c : clients) {
            for (int i = 0; i < c.trainSize(); i++) {
                out.add(wantX ? c.trainX(i) : c.trainY(i));
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    // ---------------------------------------------------------------- sizes and ranges

    @Test
    void everyClientGetsItsSize() {
        DatasetSettings d = DatasetSettings.synthetic(2, 1, 0.5, 0, 1);
        int[] sizes = {5, 17, 40, 1};
        List<ClientData> none = gen(d, sizes, 0.0, 3);
        assertThat(none).hasSize(4);
        for (int k = 0; k < 4; k++) {
            assertThat(none.get(k).trainSize()).isEqualTo(sizes[k]);
            assertThat(none.get(k).testSize()).isZero();
            assertThat(none.get(k).name()).isEqualTo("c" + k);
        }
        List<ClientData> held = gen(d, sizes, 0.2, 3);
        // round(0.2 n): 1, 3, 8, and 0 for the one-row client
        int[] test = {1, 3, 8, 0};
        for (int k = 0; k < 4; k++) {
            assertThat(held.get(k).testSize()).isEqualTo(test[k]);
            assertThat(held.get(k).trainSize() + held.get(k).testSize()).isEqualTo(sizes[k]);
        }
    }

    @Test
    void quantitySkewProfilesGiveTheProfileSizes() {
        DatasetSettings d = DatasetSettings.synthetic(2, 1, 0.5, 0, 1);
        // exponential over 5 clients: 1 : 2 : 4 : 8 : 16 of 310 rows
        List<ClientData> c = gen(d, SizeProfile.EXPONENTIAL.sizes(5, 310, 0), 0.0, 1);
        assertThat(c).extracting(ClientData::trainSize).containsExactly(10, 20, 40, 80, 160);
        // linear over 4 clients of 100 rows, 20% held out: 10, 20, 30, 40 rows, of which 2, 4, 6, 8 for testing
        List<ClientData> l = gen(d, SizeProfile.LINEAR.sizes(4, 100, 0), 0.2, 1);
        assertThat(l).extracting(ClientData::testSize).containsExactly(2, 4, 6, 8);
        assertThat(l).extracting(ClientData::trainSize).containsExactly(8, 16, 24, 32);
    }

    /** Documented: each client's truth and rows come from its own streams, so another client's size changes nothing. */
    @Test
    void changingOneClientsSizeChangesNoOtherClient() {
        DatasetSettings d = DatasetSettings.synthetic(2, 1, 0.5, 0, 1).withConceptShift(0.5, 0.5);
        List<ClientData> a = gen(d, new int[] {10, 20, 30}, 0.0, 9);
        List<ClientData> b = gen(d, new int[] {10, 99, 30}, 0.0, 9);
        assertThat(b.get(0)).isEqualTo(a.get(0));
        assertThat(b.get(2)).isEqualTo(a.get(2));
        assertThat(b.get(1).truth()).isEqualTo(a.get(1).truth());
        // and the 20 rows are the first 20 of the 99
        for (int i = 0; i < 20; i++) {
            assertThat(b.get(1).trainX(i)).isEqualTo(a.get(1).trainX(i));
        }
    }

    @Test
    void xStaysWithinTheRangeAndFillsIt() {
        DatasetSettings d = DatasetSettings.synthetic(2, 1, 0.5, -3, 5);
        for (ClientData c : gen(d, same(3, 2000), 0.0, 4)) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double x : c.trainX()) {
                assertThat(x).isBetween(-3.0, 5.0);
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
            // 2000 uniform draws on a width of 8: P(none below -2.9) = (1 - 0.1/8)^2000 = e^-25
            assertThat(min).isLessThan(-2.9);
            assertThat(max).isGreaterThan(4.9);
        }
    }

    // ---------------------------------------------------------------- noise

    @Test
    void withoutNoiseEveryPointIsOnTheLine() {
        DatasetSettings d = DatasetSettings.synthetic(-0.75, 3.5, 0, -2, 2);
        for (ClientData c : gen(d, same(4, 50), 0.2, 5)) {
            assertThat(c.truth()).isEqualTo(new ClientData.GeneratingLine(-0.75, 3.5, 0));
            for (int i = 0; i < c.trainSize(); i++) {
                assertThat(c.trainY(i)).isEqualTo(-0.75 * c.trainX(i) + 3.5);
            }
            for (int i = 0; i < c.testSize(); i++) {
                assertThat(c.testY(i)).isEqualTo(-0.75 * c.testX(i) + 3.5);
            }
        }
        DatasetSettings u = d.withNoiseKind("uniform");
        for (ClientData c : gen(u, same(2, 50), 0.0, 5)) {
            for (int i = 0; i < c.trainSize(); i++) {
                assertThat(c.trainY(i)).isEqualTo(-0.75 * c.trainX(i) + 3.5);
            }
        }
    }

    /**
     * The source article's data: y = 2x + 1 + U(0, 1), x on [0, 1]; here 10 clients of 10 000 rows.
     * <ul>
     *   <li>Every residual lies in [0, 1) up to rounding (y and 2x + 1 are rounded to doubles, so the residual is within
     *   a few 1e-16 of the drawn U; rounding is monotone, so it cannot go below 0).</li>
     *   <li>Mean 1/2: U(0, 1) has variance 1/12, so the mean of n = 100 000 has standard error
     *   sqrt(1/12 / n) = 9.1e-4; tolerance 0.005 (5.5 standard errors).</li>
     *   <li>Variance 1/12 = 0.08333: Var((U - 1/2)^2) = 1/80 - 1/144 = 1/180, standard error sqrt(1/180 / n) = 2.4e-4;
     *   tolerance 0.0015 (6 standard errors).</li>
     *   <li>The least-squares line is lifted by 1/2 (the class doc): intercept 1.5, slope 2. Residual sd 0.289, x sd
     *   0.289: se(slope) = 0.289 / (0.289 sqrt(n)) = 0.0032, tolerance 0.02; se(intercept) = 0.289 sqrt(1/n + 0.25 /
     *   (n / 12)) = 0.0018, tolerance 0.012.</li>
     * </ul>
     */
    @Test
    void uniformNoiseIsTheArticlesUZeroOne() {
        DatasetSettings d = DatasetSettings.synthetic(2, 1, 1, 0, 1).withNoiseKind("uniform");
        List<ClientData> clients = gen(d, same(10, 10_000), 0.0, 2017);
        double[] r = residuals(clients, 2, 1);
        assertThat(r).hasSize(100_000);
        for (double e : r) {
            assertThat(e).isGreaterThanOrEqualTo(0.0).isLessThan(1.0 + 1e-12);
        }
        assertThat(mean(r)).isCloseTo(0.5, within(0.005));
        assertThat(sd(r) * sd(r)).isCloseTo(1.0 / 12, within(0.0015));
        Params fit = LeastSquares.fit(pooled(clients, true), pooled(clients, false));
        assertThat(fit.w()).isCloseTo(2.0, within(0.02));
        assertThat(fit.b()).isCloseTo(1.5, within(0.012));
        assertThat(SyntheticGenerator.title(d)).isEqualTo("Synthetic data: y = 2x + 1 + U(0, 1)");
    }

    /**
     * N(0, 0.5^2) over 100 000 rows: mean 0 with standard error 0.5 / sqrt(n) = 0.0016, tolerance 0.008; sd 0.5 with
     * standard error 0.5 / sqrt(2n) = 0.0011, tolerance 0.006; the share within one sd is 0.6827 with standard error
     * sqrt(0.68 * 0.32 / n) = 0.0015, tolerance 0.008 (a uniform noise of the same sd would give 0.577).
     */
    @Test
    void gaussianNoiseHasTheRequestedStandardDeviation() {
        DatasetSettings d = DatasetSettings.synthetic(2, 1, 0.5, 0, 1);
        List<ClientData> clients = gen(d, same(10, 10_000), 0.0, 11);
        double[] r = residuals(clients, 2, 1);
        assertThat(mean(r)).isCloseTo(0, within(0.008));
        assertThat(sd(r)).isCloseTo(0.5, within(0.006));
        long inside = java.util.Arrays.stream(r).filter(e -> Math.abs(e) < 0.5).count();
        assertThat(inside / (double) r.length).isCloseTo(0.6827, within(0.008));
        assertThat(clients.get(3).truth()).isEqualTo(new ClientData.GeneratingLine(2, 1, 0.5));
        assertThat(SyntheticGenerator.title(d)).isEqualTo("Synthetic data: y = 2x + 1 + N(0, 0.5^2)");
        assertThat(SyntheticGenerator.title(DatasetSettings.synthetic(-0.5, -3, 0.25, 0, 1)))
                .isEqualTo("Synthetic data: y = -0.5x - 3 + N(0, 0.25^2)");
    }

    /**
     * Noise skew: noise_k = noise exp(skew z), so ln(noise_k / noise) is N(0, skew^2) over clients; 2000 clients with
     * skew 0.4: mean 0 (se 0.009, tolerance 0.05), sd 0.4 (se 0.0063, tolerance 0.035). One client's residual sd
     * then matches its own noise_k (5000 rows: se noise_k / 100, tolerance 5 %). clientNoise, when given, wins.
     */
    @Test
    void noiseSkewAndPerClientNoise() {
        DatasetSettings d = DatasetSettings.synthetic(2, 1, 0.5, 0, 1).withNoiseSkew(0.4);
        List<ClientData> many = gen(d, same(2000, 1), 0.0, 21);
        double[] logs = many.stream().mapToDouble(c -> Math.log(c.truth().noise() / 0.5)).toArray();
        assertThat(mean(logs)).isCloseTo(0, within(0.05));
        assertThat(sd(logs)).isCloseTo(0.4, within(0.035));

        ClientData one = gen(d, new int[] {5000, 5000}, 0.0, 21).get(1);
        double own = one.truth().noise();
        assertThat(own).isEqualTo(many.get(1).truth().noise()); // the truth does not depend on the sizes
        assertThat(sd(residuals(List.of(one), 2, 1))).isCloseTo(own, within(0.05 * own));

        DatasetSettings given = new DatasetSettings(d.kind(), d.name(), d.title(), d.slope(), d.intercept(), d.noise(),
                d.noiseKind(), d.xMin(), d.xMax(), d.slopeSpread(), d.interceptSpread(), d.featureShift(),
                d.noiseSkew(), List.of(0.0, 2.0), d.path(), d.xColumn(), d.yColumn(), d.groupColumn(), d.xLabel(),
                d.yLabel());
        List<ClientData> two = gen(given, same(2, 100), 0.0, 21);
        assertThat(two.get(0).truth().noise()).isEqualTo(0.0);
        assertThat(two.get(1).truth().noise()).isEqualTo(2.0);
        for (int i = 0; i < 100; i++) {
            assertThat(two.get(0).trainY(i)).isEqualTo(2 * two.get(0).trainX(i) + 1);
        }
    }

    // ---------------------------------------------------------------- heterogeneity

    /**
     * Concept shift: slope_k = 2 + 0.5 z, intercept_k = 1 + 0.3 z' over 2000 clients. Mean slope 2 (se 0.5 / sqrt(2000)
     * = 0.011, tolerance 0.06), sd 0.5 (se 0.5 / sqrt(4000) = 0.0079, tolerance 0.04); intercept mean 1 (se 0.0067,
     * tolerance 0.035), sd 0.3 (se 0.0047, tolerance 0.025); z and z' independent: correlation within 0.1 (se 0.022).
     * Without noise each client's rows lie exactly on its own line.
     */
    @Test
    void conceptShiftDrawsClientLinesAroundTheCommonOne() {
        DatasetSettings d = DatasetSettings.synthetic(2, 1, 0, 0, 1).withConceptShift(0.5, 0.3);
        List<ClientData> clients = gen(d, same(2000, 2), 0.0, 8);
        double[] slopes = clients.stream().mapToDouble(c -> c.truth().slope()).toArray();
        double[] intercepts = clients.stream().mapToDouble(c -> c.truth().intercept()).toArray();
        assertThat(mean(slopes)).isCloseTo(2, within(0.06));
        assertThat(sd(slopes)).isCloseTo(0.5, within(0.04));
        assertThat(mean(intercepts)).isCloseTo(1, within(0.035));
        assertThat(sd(intercepts)).isCloseTo(0.3, within(0.025));
        double ms = mean(slopes);
        double mi = mean(intercepts);
        double cov = 0;
        for (int k = 0; k < slopes.length; k++) {
            cov += (slopes[k] - ms) * (intercepts[k] - mi);
        }
        cov /= slopes.length;
        assertThat(cov / (sd(slopes) * sd(intercepts))).isCloseTo(0, within(0.1));
        for (ClientData c : clients) {
            for (int i = 0; i < c.trainSize(); i++) {
                assertThat(c.trainY(i)).isEqualTo(c.truth().slope() * c.trainX(i) + c.truth().intercept());
            }
        }
        // without spread every client has the common line
        for (ClientData c : gen(DatasetSettings.synthetic(2, 1, 0.5, 0, 1), same(5, 3), 0.0, 8)) {
            assertThat(c.truth().slope()).isEqualTo(2.0);
            assertThat(c.truth().intercept()).isEqualTo(1.0);
        }
    }

    private static double[] minMax(ClientData c) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double x : c.trainX()) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        return new double[] {min, max};
    }

    /**
     * K = 4 on [0, 8]. Strictness 1: width 8 (1 - 1 + 1/4) = 2, windows start at k (8 - 2) / 3 = 2k: [0, 2], [2, 4],
     * [4, 6], [6, 8], side by side and disjoint. With 2000 rows each fills its window to within 0.05 of both ends
     * (probability of missing an end (1 - 0.05/2)^2000 = e^-50).
     */
    @Test
    void featureShiftStrictnessOneGivesDisjointRangesSideBySide() {
        DatasetSettings d = DatasetSettings.synthetic(2, 1, 0.5, 0, 8).withFeatureShift(1.0);
        List<ClientData> clients = gen(d, same(4, 2000), 0.0, 6);
        for (int k = 0; k < 4; k++) {
            double[] mm = minMax(clients.get(k));
            assertThat(mm[0]).isBetween(2.0 * k, 2.0 * k + 0.05);
            assertThat(mm[1]).isBetween(2.0 * k + 1.95, 2.0 * k + 2);
            if (k > 0) {
                assertThat(mm[0]).isGreaterThanOrEqualTo(minMax(clients.get(k - 1))[1]);
            }
        }
    }

    /** Strictness 0: every client draws from the whole of [0, 8]. */
    @Test
    void featureShiftStrictnessZeroGivesTheCommonRange() {
        DatasetSettings d = DatasetSettings.synthetic(2, 1, 0.5, 0, 8).withFeatureShift(0.0);
        for (ClientData c : gen(d, same(4, 2000), 0.0, 6)) {
            double[] mm = minMax(c);
            assertThat(mm[0]).isBetween(0.0, 0.05);
            assertThat(mm[1]).isBetween(7.95, 8.0);
        }
    }

    /** Strictness 0.5: width 8 (0.5 + 0.5/4) = 5, starts k (8 - 5) / 3 = k: [0, 5], [1, 6], [2, 7], [3, 8]. */
    @Test
    void featureShiftInBetweenGivesOverlappingWindows() {
        DatasetSettings d = DatasetSettings.synthetic(2, 1, 0.5, 0, 8).withFeatureShift(0.5);
        List<ClientData> clients = gen(d, same(4, 2000), 0.0, 6);
        for (int k = 0; k < 4; k++) {
            double[] mm = minMax(clients.get(k));
            assertThat(mm[0]).isBetween((double) k, k + 0.05);
            assertThat(mm[1]).isBetween(k + 4.95, k + 5.0);
        }
        // a single client always has the whole range
        double[] one = minMax(gen(d.withFeatureShift(1.0), new int[] {2000}, 0.0, 6).get(0));
        assertThat(one[0]).isBetween(0.0, 0.05);
        assertThat(one[1]).isBetween(7.95, 8.0);
    }

    // ---------------------------------------------------------------- seeds

    @Test
    void sameSeedSameDataDifferentSeedDifferentData() {
        DatasetSettings d = DatasetSettings.synthetic(2, 1, 0.5, 0, 1).withConceptShift(0.2, 0.2);
        List<ClientData> a = gen(d, new int[] {30, 40}, 0.2, 77);
        List<ClientData> b = gen(d, new int[] {30, 40}, 0.2, 77);
        List<ClientData> c = gen(d, new int[] {30, 40}, 0.2, 78);
        assertThat(b).isEqualTo(a);
        for (int k = 0; k < 2; k++) {
            assertThat(c.get(k)).isNotEqualTo(a.get(k));
            assertThat(c.get(k).trainX()).isNotEqualTo(a.get(k).trainX());
            assertThat(c.get(k).truth()).isNotEqualTo(a.get(k).truth());
        }
        // clients of one run are not copies of each other
        assertThat(a.get(1).trainX(0)).isNotEqualTo(a.get(0).trainX(0));
    }
}
