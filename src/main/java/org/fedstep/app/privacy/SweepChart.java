package org.fedstep.app.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.fedstep.app.i18n.I18n;
import org.fedstep.app.plots.Axes;
import org.fedstep.app.theme.Palette;
import org.fedstep.app.theme.ViewOptions;
import org.fedstep.core.privacy.PrivacyMeter;
import org.fedstep.core.privacy.PrivacySweep;

/**
 * The privacy-utility chart: for each noise multiplier z, epsilon after the last round (x, log scale) against the
 * final training loss (y, log scale), the mean of the runs with a bar of one standard deviation either way; the run
 * without noise and the least-squares loss J* as horizontal lines, and epsilon = 1 and 10 marked. Left is more private,
 * down is more accurate: the points trace the price of privacy. Draws a core {@link PrivacySweep.Result}; computes
 * nothing.
 */
public final class SweepChart extends Region {

    private static final Color POINT = Color.web("#1F5FAD");
    private static final Color GRID = Color.web("#E6E6E6");
    private static final Color TEXT = Color.web("#222222");

    private final Canvas canvas = new Canvas();
    private final ViewOptions options;
    private PrivacySweep.Result result;

    public SweepChart(ViewOptions options) {
        this.options = options;
        setId("sweepChart");
        getChildren().add(canvas);
        setMinSize(300, 220);
        setPrefSize(640, 380);
        options.projector.addListener(o -> draw());
    }

    public void show(PrivacySweep.Result r) {
        this.result = r;
        draw();
    }

    @Override
    protected void layoutChildren() {
        double w = snapSizeX(getWidth());
        double h = snapSizeY(getHeight());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            draw();
        }
    }

    private Font font(double size) {
        return Font.font("System", options.font(size));
    }

    /** The points that can be placed: a finite epsilon and a positive mean loss. */
    static List<PrivacySweep.Point> drawable(PrivacySweep.Result r) {
        List<PrivacySweep.Point> out = new ArrayList<>();
        for (PrivacySweep.Point p : r.points()) {
            if (Double.isFinite(p.epsilon()) && p.epsilon() > 0 && p.trainLoss() > 0 && Double.isFinite(p.trainLoss())) {
                out.add(p);
            }
        }
        return out;
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double width = canvas.getWidth();
        double height = canvas.getHeight();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, width, height);
        if (result == null || width < 50 || height < 50) {
            return;
        }
        List<PrivacySweep.Point> points = drawable(result);
        if (points.isEmpty()) {
            g.setFill(TEXT);
            g.setFont(font(13));
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(I18n.t("sweep.nothingToDraw"), width / 2, height / 2);
            return;
        }
        // the ranges, in log10: every point with its bar, the lines, and epsilon 1 and 10 when near
        double eMin = Double.POSITIVE_INFINITY;
        double eMax = Double.NEGATIVE_INFINITY;
        double lMin = Double.POSITIVE_INFINITY;
        double lMax = Double.NEGATIVE_INFINITY;
        for (PrivacySweep.Point p : points) {
            eMin = Math.min(eMin, p.epsilon());
            eMax = Math.max(eMax, p.epsilon());
            lMin = Math.min(lMin, low(p));
            lMax = Math.max(lMax, p.trainLoss() + p.trainLossSd());
        }
        double clean = result.withoutNoise().trainLoss();
        double optimum = result.optimumLoss();
        for (double v : new double[] {clean, optimum}) {
            if (v > 0 && Double.isFinite(v)) {
                lMin = Math.min(lMin, v);
                lMax = Math.max(lMax, v);
            }
        }
        eMin = Math.min(eMin, 1);
        eMax = Math.max(eMax, PrivacyMeter.MEANINGFUL_EPSILON);
        double x0 = Math.floor(Math.log10(eMin) - 0.05);
        double x1 = Math.ceil(Math.log10(eMax) + 0.05);
        double y0 = Math.log10(lMin) - 0.08 * Math.max(0.3, Math.log10(lMax / lMin));
        double y1 = Math.log10(lMax) + 0.08 * Math.max(0.3, Math.log10(lMax / lMin));

        double left = options.font(64);
        double right = options.font(28);
        double top = options.font(14);
        double bottom = options.font(48);
        Axes ax = new Axes(x0, x1, left, width - right);
        Axes ay = new Axes(y0, y1, height - bottom, top);

        // grid and ticks: powers of ten on both axes, and 2 and 5 between them on the loss axis when it is short
        g.setLineWidth(1);
        g.setFont(font(12));
        g.setFill(TEXT);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (int e = (int) x0; e <= (int) x1; e++) {
            double px = ax.px(e);
            g.setStroke(GRID);
            g.strokeLine(px, top, px, height - bottom);
            g.fillText(power(e), px, height - bottom + 4);
        }
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        for (double v : lossTicks(y0, y1)) {
            double py = ay.px(Math.log10(v));
            g.setStroke(GRID);
            g.strokeLine(left, py, width - right, py);
            g.fillText(Axes.label(v), left - 6, py);
        }
        g.setStroke(Color.web("#888888"));
        g.strokeRect(left, top, width - right - left, height - bottom - top);

        // epsilon 1 and 10: below 1 a strong guarantee, above 10 little is promised
        g.setFont(font(11.5));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        for (double e : new double[] {1, PrivacyMeter.MEANINGFUL_EPSILON}) {
            double px = ax.px(Math.log10(e));
            g.setStroke(e == 1 ? Color.web("#2E8B57") : Color.web("#B00020"));
            g.setLineWidth(options.line(1.5));
            g.setLineDashes(options.line(6), options.line(4));
            g.strokeLine(px, top, px, height - bottom);
            g.setLineDashes();
            g.setFill(e == 1 ? Color.web("#2E8B57") : Color.web("#B00020"));
            g.fillText("ε = " + (int) e, px + 4, top + 3);
        }

        // the run without noise and the least-squares floor
        // their labels at opposite ends, so that two lines close together stay readable
        List<double[]> taken = new ArrayList<>();
        double dot = options.line(5);
        for (PrivacySweep.Point p : points) {
            // the points themselves: a line's label keeps clear of them
            double px = ax.px(Math.log10(p.epsilon()));
            double py = ay.px(Math.log10(p.trainLoss()));
            taken.add(new double[] {px - dot - 2, py - dot - 2, 2 * dot + 4, 2 * dot + 4});
        }
        hline(g, ax, ay, clean, Color.web("#444444"), new double[] {options.line(8), options.line(5)},
                I18n.t("sweep.line.noNoise", fmt(clean)), false, taken);
        hline(g, ax, ay, optimum, Palette.CENTRALISED, new double[] {options.line(2), options.line(4)},
                I18n.t("sweep.line.optimum", fmt(optimum)), true, taken);

        // the points: joined in order of z, with their spread and their z
        g.setStroke(POINT);
        g.setLineWidth(options.line(1.5));
        g.beginPath();
        for (int i = 0; i < points.size(); i++) {
            PrivacySweep.Point p = points.get(i);
            double px = ax.px(Math.log10(p.epsilon()));
            double py = ay.px(Math.log10(p.trainLoss()));
            if (i == 0) {
                g.moveTo(px, py);
            } else {
                g.lineTo(px, py);
            }
        }
        g.stroke();
        g.setFont(font(12));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BOTTOM);
        double r = options.line(5);
        for (PrivacySweep.Point p : points) {
            double px = ax.px(Math.log10(p.epsilon()));
            double py = ay.px(Math.log10(p.trainLoss()));
            if (p.trainLossSd() > 0) {
                double hi = ay.px(Math.log10(p.trainLoss() + p.trainLossSd()));
                double lo = ay.px(Math.log10(low(p)));
                g.setStroke(POINT);
                g.setLineWidth(options.line(1.2));
                g.strokeLine(px, hi, px, lo);
                g.strokeLine(px - r * 0.8, hi, px + r * 0.8, hi);
                g.strokeLine(px - r * 0.8, lo, px + r * 0.8, lo);
            }
            g.setFill(POINT);
            g.fillOval(px - r, py - r, 2 * r, 2 * r);
        }
        // each point's z beside it, above or below, left out where it would cover another label
        g.setFill(TEXT);
        g.setTextBaseline(VPos.TOP);
        double th = options.font(12) + 2;
        for (PrivacySweep.Point p : points) {
            double px = ax.px(Math.log10(p.epsilon()));
            double py = ay.px(Math.log10(p.trainLoss()));
            String text = "z = " + fmt(p.noiseMultiplier());
            double tw = textWidth(text, g.getFont());
            for (double ty : new double[] {py - th - 2, py + 3}) {
                double[] box = {px + r + 2, ty, tw, th};
                if (taken.stream().noneMatch(o -> overlaps(o, box)) && box[0] + tw < ax.p1()) {
                    g.fillText(text, box[0], box[1]);
                    taken.add(box);
                    break;
                }
            }
        }

        // axis titles
        g.setFill(TEXT);
        g.setFont(font(13));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.BOTTOM);
        g.fillText(I18n.t("sweep.axis.epsilon", MeterStrip.delta(result.points().get(0).delta())),
                (left + width - right) / 2, height - 4);
        g.save();
        g.translate(options.font(14), (top + height - bottom) / 2);
        g.rotate(-90);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(I18n.t("sweep.axis.loss"), 0, 0);
        g.restore();
    }

    /** The lower end of a point's bar, kept above 0 for the log scale. */
    private static double low(PrivacySweep.Point p) {
        double lo = p.trainLoss() - p.trainLossSd();
        return lo > 0 ? lo : p.trainLoss() / 2;
    }

    private void hline(GraphicsContext g, Axes ax, Axes ay, double value, Color color, double[] dashes, String label,
                       boolean atRight, List<double[]> taken) {
        if (!(value > 0) || !Double.isFinite(value)) {
            return;
        }
        double py = ay.px(Math.log10(value));
        g.setStroke(color);
        g.setLineWidth(options.line(1.6));
        g.setLineDashes(dashes);
        g.strokeLine(ax.p0(), py, ax.p1(), py);
        g.setLineDashes();
        g.setFill(color);
        g.setFont(font(11.5));
        double tw = textWidth(label, g.getFont());
        double th = options.font(11.5) + 2;
        double x = atRight ? ax.p1() - tw - 4 : ax.p0() + 4;
        double[] box = {x, py - th - 2, tw, th};
        if (taken.stream().anyMatch(o -> overlaps(o, box))) {
            box[1] = py + 2;
        }
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.fillText(label, box[0], box[1]);
        taken.add(box);
    }

    private static boolean overlaps(double[] a, double[] b) {
        return a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3];
    }

    private static double textWidth(String text, Font font) {
        return org.fedstep.app.plots.CanvasView.textWidth(text, font);
    }

    private static List<Double> lossTicks(double y0, double y1) {
        List<Double> out = new ArrayList<>();
        boolean fine = y1 - y0 < 2.5;
        for (int e = (int) Math.floor(y0); e <= (int) Math.ceil(y1); e++) {
            for (double m : fine ? new double[] {1, 2, 5} : new double[] {1}) {
                double v = m * Math.pow(10, e);
                double l = Math.log10(v);
                if (l >= y0 && l <= y1) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    private static String power(int e) {
        return e >= 0 && e <= 4 ? Long.toString(Math.round(Math.pow(10, e))) : e < 0 && e >= -3
                ? String.format(Locale.ROOT, "%." + (-e) + "f", Math.pow(10, e)) : "1e" + e;
    }

    static String fmt(double v) {
        return org.fedstep.app.inspector.Numbers.brief(v);
    }
}
