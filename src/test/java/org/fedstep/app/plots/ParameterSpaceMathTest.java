package org.fedstep.app.plots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure parts of the parameter-space view: contour levels, marching squares, the window, clipping. */
class ParameterSpaceMathTest {

    @Test
    void contourLevelsAreGeometricAscendingAndBelowTheLargestExcess() {
        double[] levels = ParameterSpaceView.levels(37.0, 16);
        assertThat(levels).isNotEmpty().hasSizeLessThanOrEqualTo(16);
        assertThat(levels[levels.length - 1]).isEqualTo(20.0);
        for (int i = 1; i < levels.length; i++) {
            double ratio = levels[i] / levels[i - 1];
            assertThat(ratio).isBetween(1.99, 2.51);
        }
        assertThat(levels[0]).isGreaterThan(37.0 * ParameterSpaceView.LEVEL_RANGE);
    }

    @Test
    void contourLevelsKeepTheLargestWhenCapped() {
        double[] levels = ParameterSpaceView.levels(1000, 3);
        assertThat(levels).containsExactly(100.0, 200.0, 500.0);
    }

    @Test
    void noLevelsForAFlatOrBrokenSurface() {
        assertThat(ParameterSpaceView.levels(0, 10)).isEmpty();
        assertThat(ParameterSpaceView.levels(Double.NaN, 10)).isEmpty();
        assertThat(ParameterSpaceView.levels(Double.POSITIVE_INFINITY, 10)).isEmpty();
    }

    @Test
    void bandCountsTheLevelsAboveAValue() {
        double[] levels = {1, 2, 5};
        assertThat(ParameterSpaceView.band(levels, 10)).isZero();
        assertThat(ParameterSpaceView.band(levels, 3)).isEqualTo(1);
        assertThat(ParameterSpaceView.band(levels, 0.5)).isEqualTo(3);
    }

    @Test
    void marchingSquaresTracesACircleOfAParaboloid() {
        int n = 81;
        double[] grid = new double[n * n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                double x = i - 40;
                double y = j - 40;
                grid[j * n + i] = x * x + y * y;
            }
        }
        List<double[]> segments = new ArrayList<>();
        ParameterSpaceView.contour(grid, n, n, 400, (a, b, c, d) -> segments.add(new double[] {a, b, c, d}));
        assertThat(segments).hasSizeGreaterThan(60);
        for (double[] s : segments) {
            assertThat(Math.hypot(s[0] - 40, s[1] - 40)).isCloseTo(20, within(0.1));
            assertThat(Math.hypot(s[2] - 40, s[3] - 40)).isCloseTo(20, within(0.1));
        }
    }

    @Test
    void theWindowIsTheBoxPaddedByATenth() {
        ParameterSpaceView.Extent e = new ParameterSpaceView.Extent();
        e.add(0, 0);
        e.add(2, 1.5);
        e.add(Double.NaN, 7);
        e.add(Double.POSITIVE_INFINITY, 1);
        ParameterSpaceView.Window w = e.padded(0.1);
        assertThat(w.wMin()).isCloseTo(-0.2, within(1e-12));
        assertThat(w.wMax()).isCloseTo(2.2, within(1e-12));
        assertThat(w.bMin()).isCloseTo(-0.15, within(1e-12));
        assertThat(w.bMax()).isCloseTo(1.65, within(1e-12));
    }

    @Test
    void aSinglePointOrNothingStillGivesAWindow() {
        ParameterSpaceView.Extent e = new ParameterSpaceView.Extent();
        assertThat(e.padded(0.1)).isEqualTo(new ParameterSpaceView.Window(-1, 1, -1, 1));
        e.add(0, 100);
        ParameterSpaceView.Window w = e.padded(0.1);
        assertThat(w.wMax() - w.wMin()).isEqualTo(1.0);
        assertThat(w.bMax() - w.bMin()).isEqualTo(50.0);
        assertThat(w.bMin()).isLessThan(100).isNotNaN();
    }

    @Test
    void clippingKeepsTheVisiblePartOfASegment() {
        double[] s = ParameterSpaceView.clipSegment(50, 50, 1e200, 50, 0, 0, 100, 100);
        assertThat(s).containsExactly(50, 50, 100, 50);
        assertThat(ParameterSpaceView.clipSegment(-10, -10, -5, 200, 0, 0, 100, 100)).isNull();
        double[] d = ParameterSpaceView.clipSegment(-50, 50, 150, 50, 0, 0, 100, 100);
        assertThat(d).containsExactly(0, 50, 100, 50);
    }

    @Test
    void aPolylineSkipsSubPixelStepsAndBreaksAtGapsAndEdges() {
        ParameterSpaceView.Polyline line = new ParameterSpaceView.Polyline();
        line.clip(0, 0, 100, 100);
        line.start(null);
        for (int i = 0; i <= 10000; i++) {
            line.add(10 + i * 0.005, 10);
        }
        assertThat(line.pending()).isLessThanOrEqualTo(102);
        line.add(Double.NaN, 5);
        assertThat(line.strokes()).isEqualTo(1);
        line.add(20, 20);
        line.add(30, 30);
        line.add(1e300, 30);
        // the piece up to the edge was stroked; nothing is left hanging
        assertThat(line.strokes()).isEqualTo(2);
        assertThat(line.pending()).isZero();
        line.finish();
    }

    @Test
    void subscriptsAreDigits() {
        assertThat(ParameterSpaceView.subscript(10)).isEqualTo("₁₀");
    }

    @Test
    void labelsAvoidEachOtherAndStayInsideThePlot() {
        ParameterSpaceView.Labels labels = new ParameterSpaceView.Labels();
        labels.add("least squares", 95, 50, 5, javafx.scene.paint.Color.GRAY, 4);
        labels.add("θ₇", 100, 50, 3, javafx.scene.paint.Color.BLACK, 1);
        List<double[]> boxes = labels.layout(12, text -> text.length() * 7.0, 0, 0, 300, 100);
        double[] a = boxes.get(0);
        double[] b = boxes.get(1);
        assertThat(a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]).as("overlap").isFalse();
        for (double[] box : boxes) {
            assertThat(box[0]).isGreaterThanOrEqualTo(0);
            assertThat(box[2]).isLessThanOrEqualTo(300);
        }
    }

    @Test
    void anOptionalLabelIsLeftOutWhereItCannotBePlacedFree() {
        ParameterSpaceView.Labels labels = new ParameterSpaceView.Labels();
        // a plot just large enough for one label beside the point: the second cannot go anywhere free
        labels.add("θ₇", 20, 10, 3, javafx.scene.paint.Color.BLACK, 1);
        labels.addOptional("FedAvg", 20, 10, 3, javafx.scene.paint.Color.GRAY, 3);
        List<double[]> boxes = labels.layout(12, text -> text.length() * 7.0, 0, 0, 60, 30);
        assertThat(boxes.get(0)).isNotNull();
        assertThat(boxes.get(1)).isNull();
    }

    @Test
    void aCurveBlowingUpDoesNotShrinkTheRestToADot() throws Exception {
        // the cars with a cubic and too large a step: the loss grows without bound but stays finite for many rounds
        org.fedstep.core.settings.Settings s = org.fedstep.io.SettingsFiles.parse("blowing-up.json",
                new java.io.StringReader("{ \"seed\": 1, \"dataset\": { \"kind\": \"sample\", \"name\": \"cars\" },"
                        + " \"partition\": { \"kind\": \"natural\" }, \"model\": { \"degree\": 3 },"
                        + " \"training\": { \"localEpochs\": 2, \"learningRate\": 0.1 } }"));
        var data = org.fedstep.core.data.DataSets.build(s, null);
        var engine = new org.fedstep.core.fl.RoundEngine(org.fedstep.core.data.DataSets.effective(s, data), data);
        try {
            engine.runRounds(40);
        } catch (org.fedstep.core.fl.RunDivergedException stopped) {
            // the rounds before it are what is drawn
        }
        assertThat(engine.summary(engine.completedRounds()).trainLoss())
                .as("the run really blows up").isGreaterThan(1e6 * engine.summary(0).trainLoss());
        var snapshot = org.fedstep.app.run.Snapshot.of(engine, org.fedstep.app.run.RunInfo.of(engine, null));
        ParameterSpaceView.Window w = ParameterSpaceView.fit(snapshot);
        var optimum = engine.optimum();
        // theta_0 = (0, 0) and theta* are in view, and the window is of their size, not of the blown-up models'
        assertThat(w.wMin()).isLessThanOrEqualTo(Math.min(0, optimum.w()));
        assertThat(w.wMax()).isGreaterThanOrEqualTo(Math.max(0, optimum.w()));
        assertThat(w.bMax()).isGreaterThanOrEqualTo(optimum.b());
        assertThat(w.bMax() - w.bMin()).isLessThan(1000 * Math.abs(optimum.b()));
    }
}
