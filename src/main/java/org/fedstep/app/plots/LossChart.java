package org.fedstep.app.plots;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.shape.StrokeLineJoin;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.fedstep.app.i18n.I18n;
import org.fedstep.app.run.ComparedRun;
import org.fedstep.app.run.RunInfo;
import org.fedstep.app.run.Snapshot;
import org.fedstep.app.theme.Palette;
import org.fedstep.app.theme.ViewOptions;
import org.fedstep.core.fl.RoundSummary;

/**
 * Losses per round, in original units: the global model's training MSE (bold black) and test MSE (dashed black, when
 * the run has test rows), each client's training MSE under the global model (thin, in its colour), and the
 * least-squares minimum J* (dashed grey), which no line can beat on the pooled training data. A vertical marker shows
 * the round whose global model is in force at the cursor; rounds computed beyond the cursor are drawn faint. Log scale
 * when the view option says so; non-finite values (a diverged run) and, on a log scale, zeros are left out.
 * Thousands of rounds are thinned to the lowest and highest value per pixel column.
 */
public final class LossChart extends CanvasView {

    /** The left margin: room for the widest tick label and the axis title; set at each draw. */
    private double left = 66;
    static final double RIGHT = 18;
    /** The bottom margin: tick labels and the axis title, larger in projector mode; set at each draw. */
    private double bottom = 46;
    private static final Color TEXT = Color.web("#222222");
    private static final Color GRID = Color.web("#E6E6E6");

    private final Decimator decimator = new Decimator();
    private Object rangeKey;
    private double[] range;

    public LossChart(ViewOptions options) {
        super(options);
    }

    // --- pure helpers ---

    /** A series of values by round. */
    interface Series {
        double at(int round);
    }

    /** Whether a value can be drawn: finite, and positive on a log scale. */
    static boolean drawable(double v, boolean log) {
        return Double.isFinite(v) && (!log || v > 0);
    }

    /**
     * The y range {lo, hi} covering the drawable values of all series over rounds 0..last and the extra values. Log:
     * whole powers of ten around them. Linear: from 0 (losses are never negative) to a little above the largest.
     * A sensible default when nothing is drawable.
     */
    static double[] yRange(List<Series> series, int last, double[] extra, boolean log) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int t = 0; t <= last; t++) {
                double v = s.at(t);
                if (drawable(v, log)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        for (double v : extra) {
            if (drawable(v, log)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo > hi) {
            return log ? new double[] {0.1, 10} : new double[] {0, 1};
        }
        if (log) {
            double a = Math.floor(Math.log10(lo));
            double b = Math.ceil(Math.log10(hi));
            if (b - a < 1) {
                b = a + 1;
            }
            // keep inside the doubles: 1e-320 or 1e308 have no room around them
            a = Math.max(a, -300);
            b = Math.min(Math.max(b, a + 1), 307);
            return new double[] {Math.pow(10, a), Math.pow(10, b)};
        }
        double top = hi > 0 ? hi * 1.06 : 1;
        double bottom = Math.min(0, lo);
        if (!Double.isFinite(top)) {
            top = Double.MAX_VALUE / 4;
        }
        return new double[] {bottom, top};
    }

    /**
     * Ticks for a log axis from lo to hi (both positive): 1, 2 and 5 times powers of ten when few decades are shown,
     * powers of ten alone when more, and every second or third power when very many.
     */
    static List<Double> logTicks(double lo, double hi, int maxCount) {
        List<Double> out = new ArrayList<>();
        if (!(lo > 0) || !(hi > lo) || !Double.isFinite(hi)) {
            return out;
        }
        int a = (int) Math.floor(Math.log10(lo));
        int b = (int) Math.ceil(Math.log10(hi));
        int decades = Math.max(1, b - a);
        double[] mantissas = decades * 3 <= maxCount ? new double[] {1, 2, 5} : new double[] {1};
        int stride = 1;
        for (int step : new int[] {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000}) {
            stride = step;
            if (decades / step + 1 <= Math.max(1, maxCount)) {
                break;
            }
        }
        for (int e = a; e <= b; e++) {
            if (mantissas.length == 1 && Math.floorMod(e, stride) != 0) {
                continue;
            }
            for (double m : mantissas) {
                double v = m * Math.pow(10, e);
                if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    /** Integer round ticks: the nice ticks of the axis that are whole rounds. */
    static List<Double> roundTicks(Axes ax, int count) {
        List<Double> out = new ArrayList<>();
        for (double v : ax.ticks(count)) {
            if (v == Math.rint(v) && v >= 0) {
                out.add(v);
            }
        }
        return out;
    }

    /** Receives one unbroken run of pixel points. */
    interface Sink {
        void polyline(double[] xs, double[] ys, int n);
    }

    /**
     * Turns a series into pixel polylines with about two points per pixel column: within a column the lowest and the
     * highest value are kept, in the order they come, so spikes survive thinning. Undrawable values break the line.
     * The arrays are reused between calls.
     */
    static final class Decimator {
        private double[] xs = new double[512];
        private double[] ys = new double[512];
        private int n;

        void run(Series s, int from, int to, Axes ax, Axes ay, boolean log, Sink sink) {
            n = 0;
            int column = Integer.MIN_VALUE;
            double minV = 0;
            double maxV = 0;
            int minT = 0;
            int maxT = 0;
            boolean open = false;
            for (int t = from; t <= to; t++) {
                double v = s.at(t);
                if (!drawable(v, log)) {
                    if (open) {
                        emit(ax, ay, log, minT, minV, maxT, maxV);
                        open = false;
                    }
                    flush(sink);
                    column = Integer.MIN_VALUE;
                    continue;
                }
                int c = (int) Math.floor(ax.px(t));
                if (open && c == column) {
                    if (v < minV) {
                        minV = v;
                        minT = t;
                    }
                    if (v > maxV) {
                        maxV = v;
                        maxT = t;
                    }
                    continue;
                }
                if (open) {
                    emit(ax, ay, log, minT, minV, maxT, maxV);
                }
                column = c;
                open = true;
                minV = v;
                maxV = v;
                minT = t;
                maxT = t;
            }
            if (open) {
                emit(ax, ay, log, minT, minV, maxT, maxV);
            }
            flush(sink);
        }

        private void emit(Axes ax, Axes ay, boolean log, int minT, double minV, int maxT, double maxV) {
            if (minT == maxT) {
                add(ax.px(minT), ay.px(log ? Math.log10(minV) : minV));
            } else if (minT < maxT) {
                add(ax.px(minT), ay.px(log ? Math.log10(minV) : minV));
                add(ax.px(maxT), ay.px(log ? Math.log10(maxV) : maxV));
            } else {
                add(ax.px(maxT), ay.px(log ? Math.log10(maxV) : maxV));
                add(ax.px(minT), ay.px(log ? Math.log10(minV) : minV));
            }
        }

        private void add(double x, double y) {
            if (n == xs.length) {
                xs = java.util.Arrays.copyOf(xs, n * 2);
                ys = java.util.Arrays.copyOf(ys, n * 2);
            }
            xs[n] = x;
            ys[n] = y;
            n++;
        }

        private void flush(Sink sink) {
            if (n > 0) {
                sink.polyline(xs, ys, n);
            }
            n = 0;
        }
    }

    // --- drawing ---

    @Override
    protected void draw(GraphicsContext g, Snapshot s, double width, double height) {
        bottom = Math.ceil(options.font(12) + options.font(13) + 20);
        RunInfo run = s.run();
        List<RoundSummary> history = s.history();
        int last = history.size() - 1;
        boolean log = options.logLoss.get();
        boolean hasTest = false;
        for (RoundSummary r : history) {
            if (Double.isFinite(r.testLoss())) {
                hasTest = true;
                break;
            }
        }
        int clients = run.clientCount();
        double ref = run.optimumLoss();

        boolean showRef = Double.isFinite(ref) && drawable(ref, log);
        boolean diverged = diverged(s);
        double top = legend(g, width, hasTest, showRef, diverged, false) + 6;
        // a small view keeps the plot: J* is labelled on its line anyway, then the client entry goes, then the test one
        boolean refEntry = showRef;
        boolean clientEntry = true;
        boolean testEntry = hasTest;
        double roomy = Math.max(0.22 * height, options.font(11.5) + 20);
        if (top > roomy) {
            refEntry = false;
            top = legend(g, width, testEntry, false, diverged, false, clientEntry) + 6;
        }
        if (top > roomy) {
            clientEntry = false;
            top = legend(g, width, testEntry, false, diverged, false, clientEntry) + 6;
        }
        if (top > roomy && testEntry) {
            testEntry = false;
            top = legend(g, width, false, false, diverged, false, clientEntry) + 6;
        }
        double plotH = height - top - bottom;
        if (plotH < 20) {
            return;
        }
        double[] yr = range(s, log, clients, ref);
        Axes ay = log ? new Axes(Math.log10(yr[0]), Math.log10(yr[1]), height - bottom, top)
                : new Axes(yr[0], yr[1], height - bottom, top);
        int yCount = (int) Math.max(2, plotH / options.font(40));
        List<Double> yTicks = log ? logTicks(yr[0], yr[1], yCount) : ay.ticks(yCount);
        Font tickFont = font(12);
        double widest = 0;
        for (double v : yTicks) {
            widest = Math.max(widest, textWidth(tickLabel(v), tickFont));
        }
        left = Math.ceil(widest + 12 + options.font(13) + 8);
        double plotW = width - left - RIGHT;
        if (plotW < 20) {
            return;
        }
        int xMax = Math.max(1, Math.max(last, s.frontier().round()));
        Axes ax = new Axes(0, xMax, left, width - RIGHT);

        g.setFill(Color.WHITE);
        g.fillRect(0, 0, width, height);
        drawGrid(g, ax, ay, yTicks, log, width, height, top);
        legend(g, width, testEntry, refEntry, diverged, true, clientEntry);
        double refPx = showRef ? ay.px(log ? Math.log10(ref) : ref) : Double.NaN;
        if (showRef) {
            // J*: the floor no line can go below on the training data
            g.setStroke(Palette.CENTRALISED);
            g.setLineWidth(options.line(1.8));
            g.setLineDashes(options.line(8), options.line(6));
            g.strokeLine(left, refPx, width - RIGHT, refPx);
            g.setLineDashes();
        }

        // the curves: up to the cursor in full colour, beyond it (rounds computed, then stepped back from) faint
        int cursor = Math.min(s.completedAtCursor(), Math.max(last, 0));
        double cx = ax.px(cursor);
        g.setLineCap(StrokeLineCap.ROUND);
        g.setLineJoin(StrokeLineJoin.ROUND);
        for (int pass = 0; pass < 2; pass++) {
            g.save();
            g.beginPath();
            if (pass == 0) {
                double right = cursor >= last ? width - RIGHT : Math.max(left, cx) + 1;
                g.rect(left, top, right - left, plotH);
            } else {
                if (cursor >= last) {
                    g.restore();
                    break;
                }
                g.rect(cx + 1, top, width - RIGHT - cx - 1, plotH);
                g.setGlobalAlpha(0.3);
            }
            g.clip();
            drawCurves(g, s, ax, ay, log, clients, hasTest, ref, top, width);
            g.restore();
        }
        double[] cursorLabel = drawCursor(g, s, ax, ay, log, cursor, top, height);
        if (showRef) {
            g.setFont(font(11.5));
            String text = "J* = " + tickLabel(ref);
            double tw = textWidth(text, g.getFont());
            double th = options.font(11.5) + 2;
            double above = refPx - th - 2;
            double ty = above < top ? refPx + 2 : above;
            double tx = left + 4;
            // the cursor's label may sit on the J* line too: then the other side of the line, or beside the label,
            // or stacked just above it
            if (overlaps(cursorLabel, tx, ty, tw + 4, th)) {
                double other = ty == above ? refPx + 2 : above;
                double rightEnd = width - RIGHT - tw - 8;
                if (other >= top && other + th <= height - bottom && !overlaps(cursorLabel, tx, other, tw + 4, th)) {
                    ty = other;
                } else if (!overlaps(cursorLabel, rightEnd, ty, tw + 4, th)) {
                    tx = rightEnd;
                } else {
                    ty = cursorLabel[1] - th - 2;
                }
            }
            g.setFill(Color.rgb(255, 255, 255, 0.8));
            g.fillRect(tx, ty, tw + 4, th);
            g.setFill(Color.web("#555555"));
            g.setTextAlign(TextAlignment.LEFT);
            g.setTextBaseline(VPos.TOP);
            g.fillText(text, tx + 2, ty + 1);
        }
    }

    /** A tick label: powers of ten and very large or small values as 1e5, 2e-4, 3.5e12. */
    static String tickLabel(double v) {
        double a = Math.abs(v);
        if (v == 0 || !Double.isFinite(v) || (a < 1e5 && a >= 1e-3)) {
            return Axes.label(v);
        }
        int e = (int) Math.floor(Math.log10(a));
        double m = v / Math.pow(10, e);
        if (Math.abs(m) >= 9.995) {
            m /= 10;
            e++;
        }
        String mant = String.format(java.util.Locale.ROOT, "%.2f", m).replaceAll("0+$", "").replaceAll("\\.$", "");
        return mant + "e" + e;
    }

    private static boolean diverged(Snapshot s) {
        if (s.divergence() != null) {
            return true;
        }
        for (RoundSummary r : s.history()) {
            if (!Double.isFinite(r.trainLoss())) {
                return true;
            }
        }
        return false;
    }

    private double[] range(Snapshot s, boolean log, int clients, double ref) {
        List<RoundSummary> h = s.history();
        List<ComparedRun> compared = options.comparisons.get();
        Object key = List.of(s.run(), h.size(), h.isEmpty() ? 0 : h.get(h.size() - 1).hashCode(), log, compared);
        if (!key.equals(rangeKey)) {
            rangeKey = key;
            List<Series> series = new ArrayList<>();
            series.add(t -> h.get(t).trainLoss());
            series.add(t -> h.get(t).testLoss());
            for (ComparedRun c : compared) {
                series.add(t -> t <= c.trace().lastRound() ? c.trace().trainLoss(t) : Double.NaN);
            }
            for (int k = 0; k < clients; k++) {
                int client = k;
                series.add(t -> client < h.get(t).clientCount() ? h.get(t).lossUnderGlobal(client) : Double.NaN);
            }
            range = yRange(series, h.size() - 1, new double[] {ref}, log);
        }
        return range;
    }

    private void drawGrid(GraphicsContext g, Axes ax, Axes ay, List<Double> yTicks, boolean log, double width,
                          double height, double top) {
        g.setFont(font(12));
        g.setLineWidth(1);
        g.setFill(Color.web("#333333"));
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        for (double v : yTicks) {
            double py = ay.px(log ? Math.log10(v) : v);
            boolean major = !log || Math.abs(Math.log10(v) - Math.rint(Math.log10(v))) < 1e-9;
            g.setStroke(major ? GRID : Color.web("#F2F2F2"));
            g.strokeLine(left, py, width - RIGHT, py);
            g.fillText(tickLabel(v), left - 6, py);
        }
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (double v : roundTicks(ax, (int) Math.max(2, (width - left - RIGHT) / options.font(70)))) {
            double px = ax.px(v);
            g.setStroke(GRID);
            g.strokeLine(px, top, px, height - bottom);
            g.fillText(Axes.label(v), px, height - bottom + 5);
        }
        g.setStroke(Color.web("#888888"));
        g.strokeRect(left, top, width - left - RIGHT, height - top - bottom);
        g.setFont(font(13));
        g.setFill(TEXT);
        g.setTextBaseline(VPos.BOTTOM);
        g.fillText(I18n.t("loss.axis.round"), (left + width - RIGHT) / 2, height - 3);
        g.save();
        g.translate(options.font(13) * 0.5 + 4, (top + height - bottom) / 2);
        g.rotate(-90);
        g.setTextBaseline(VPos.CENTER);
        String title = I18n.t(log ? "loss.axis.mseLog" : "loss.axis.mse");
        if (textWidth(title, g.getFont()) > height - top - bottom) {
            title = I18n.t(log ? "loss.axis.mseLogShort" : "loss.axis.mseShort");
        }
        g.fillText(title, 0, 0);
        g.restore();
    }

    private void drawCurves(GraphicsContext g, Snapshot s, Axes ax, Axes ay, boolean log, int clients,
                            boolean hasTest, double ref, double top, double width) {
        List<RoundSummary> h = s.history();
        int last = h.size() - 1;
        Sink stroke = g::strokePolyline;
        if (last < 0) {
            return;
        }
        // the clients, dimmed ones first, the focused one last and thicker
        int focused = options.focusedClient.get();
        for (int pass = 0; pass < 2; pass++) {
            for (int k = 0; k < clients; k++) {
                if ((pass == 1) != (k == focused)) {
                    continue;
                }
                int client = k;
                g.setStroke(fade(Palette.client(k), k));
                g.setLineWidth(options.line(options.isFocused(k) ? 2.6 : clients > 30 ? 0.8 : 1.2));
                decimator.run(t -> client < h.get(t).clientCount() ? h.get(t).lossUnderGlobal(client) : Double.NaN,
                        0, last, ax, ay, log, stroke);
            }
        }
        if (hasTest) {
            g.setStroke(Palette.GLOBAL);
            g.setLineWidth(options.line(2));
            g.setLineDashes(options.line(7), options.line(5));
            decimator.run(t -> h.get(t).testLoss(), 0, last, ax, ay, log, stroke);
            g.setLineDashes();
        }
        // compared runs' training losses, grey with their own dashes, under the run's own
        for (ComparedRun c : options.comparisons.get()) {
            g.setStroke(Palette.COMPARED);
            g.setLineWidth(options.line(2));
            g.setLineDashes(Palette.comparedDashes(c.index(), options.line(1)));
            decimator.run(c.trace()::trainLoss, 0, Math.min(last, c.trace().lastRound()), ax, ay, log, stroke);
            g.setLineDashes();
        }
        g.setStroke(Palette.GLOBAL);
        g.setLineWidth(options.line(3));
        decimator.run(t -> h.get(t).trainLoss(), 0, last, ax, ay, log, stroke);
        // dots on the training curve while the rounds are few enough to tell apart
        if ((width - left - RIGHT) / Math.max(1, last) >= options.line(12)) {
            double r = options.line(3);
            g.setFill(Palette.GLOBAL);
            for (int t = 0; t <= last; t++) {
                double v = h.get(t).trainLoss();
                if (drawable(v, log)) {
                    double px = ax.px(t);
                    double py = ay.px(log ? Math.log10(v) : v);
                    g.fillOval(px - r, py - r, 2 * r, 2 * r);
                }
            }
        }
    }

    private static boolean overlaps(double[] r, double x, double y, double w, double h) {
        return x < r[0] + r[2] && r[0] < x + w && y < r[1] + r[3] && r[1] < y + h;
    }

    /** Draws the cursor line and its label; returns the label's box {x, y, width, height}. */
    private double[] drawCursor(GraphicsContext g, Snapshot s, Axes ax, Axes ay, boolean log, int cursor, double top,
                                double height) {
        double px = ax.px(cursor);
        g.setStroke(Color.web("#1F5FAD"));
        g.setLineWidth(options.line(1.5));
        g.strokeLine(px, top, px, height - bottom);
        String text = I18n.t("loss.cursor", cursor);
        g.setFont(font(11.5));
        double tw = textWidth(text, g.getFont());
        boolean right = px + 4 + tw < canvas.getWidth() - RIGHT;
        g.setFill(Color.rgb(255, 255, 255, 0.8));
        // never out of the plot to the left, over the axis's numbers: a narrow plot has the label cover the line
        double tx = right ? px + 4 : Math.max(ax.p0() + 2, px - 4 - tw);
        // at the top, unless the global loss is up there: then at the bottom
        double ty = top + 4;
        if (cursor < s.history().size()) {
            double v = s.history().get(cursor).trainLoss();
            if (drawable(v, log) && ay.px(log ? Math.log10(v) : v) < (top + height - bottom) / 2) {
                ty = height - bottom - options.font(11.5) - 6;
            }
        }
        g.fillRect(tx - 2, ty - 1, tw + 4, options.font(11.5) + 4);
        g.setFill(Color.web("#1F5FAD"));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.fillText(text, tx, ty);
        if (cursor < s.history().size()) {
            double v = s.history().get(cursor).trainLoss();
            if (drawable(v, log)) {
                double py = ay.px(log ? Math.log10(v) : v);
                double r = options.line(5);
                g.setStroke(Color.web("#1F5FAD"));
                g.setLineWidth(options.line(2));
                g.strokeOval(px - r, py - r, 2 * r, 2 * r);
            }
        }
        return new double[] {tx - 2, ty - 1, tw + 4, options.font(11.5) + 4};
    }

    /** Lays the legend out in rows above the plot, drawing it when asked; returns the height it takes. */
    private double legend(GraphicsContext g, double width, boolean test, boolean optimum, boolean diverged,
                          boolean paint) {
        return legend(g, width, test, optimum, diverged, paint, true);
    }

    private double legend(GraphicsContext g, double width, boolean test, boolean optimum, boolean diverged,
                          boolean paint, boolean clientEntry) {
        Font f = font(11.5);
        double rowHeight = options.font(11.5) + 7;
        double swatch = options.font(11.5) * 2;
        double x = left;
        double y = 4 + rowHeight / 2;
        if (paint) {
            g.setFont(f);
            g.setTextAlign(TextAlignment.LEFT);
            g.setTextBaseline(VPos.CENTER);
        }
        List<String> keys = new ArrayList<>(List.of("loss.legend.train"));
        List<ComparedRun> compared = options.comparisons.get();
        for (int i = 0; i < compared.size(); i++) {
            keys.add(COMPARED_KEY + i);
        }
        if (test) {
            keys.add("loss.legend.test");
        }
        if (clientEntry) {
            keys.add("loss.legend.clients");
        }
        if (optimum) {
            keys.add("loss.legend.optimum");
        }
        if (diverged) {
            keys.add("loss.note.nonFinite");
        }
        for (String key : keys) {
            ComparedRun run = key.startsWith(COMPARED_KEY)
                    ? compared.get(Integer.parseInt(key.substring(COMPARED_KEY.length()))) : null;
            String text = run != null ? I18n.t("loss.legend.compared", run.label()) : I18n.t(key);
            boolean note = key.equals("loss.note.nonFinite");
            text = fitText(text, f, width - RIGHT - left - (note ? 0 : swatch + 5));
            double w = (note ? 0 : swatch + 5) + textWidth(text, f);
            if (x > left && x + w > width - RIGHT) {
                x = left;
                y += rowHeight;
            }
            if (paint && note) {
                g.setFill(Color.web("#8A1C1C"));
                g.fillText(text, x, y);
            } else if (paint && run != null) {
                g.setStroke(Palette.COMPARED);
                g.setLineWidth(options.line(2));
                g.setLineDashes(Palette.comparedDashes(run.index(), options.line(1)));
                g.strokeLine(x, y, x + swatch, y);
                g.setLineDashes();
                g.setFill(TEXT);
                g.fillText(text, x + swatch + 5, y);
            } else if (paint) {
                switch (key) {
                    case "loss.legend.train" -> {
                        g.setStroke(Palette.GLOBAL);
                        g.setLineWidth(options.line(3));
                        g.strokeLine(x, y, x + swatch, y);
                    }
                    case "loss.legend.test" -> {
                        g.setStroke(Palette.GLOBAL);
                        g.setLineWidth(options.line(2));
                        g.setLineDashes(options.line(7), options.line(5));
                        g.strokeLine(x, y, x + swatch, y);
                        g.setLineDashes();
                    }
                    case "loss.legend.clients" -> {
                        g.setLineWidth(options.line(1.4));
                        for (int k = 0; k < 3; k++) {
                            g.setStroke(Palette.client(k));
                            double yy = y - 4 + k * 4;
                            g.strokeLine(x, yy, x + swatch, yy);
                        }
                    }
                    default -> {
                        g.setStroke(Palette.CENTRALISED);
                        g.setLineWidth(options.line(1.8));
                        g.setLineDashes(options.line(8), options.line(6));
                        g.strokeLine(x, y, x + swatch, y);
                        g.setLineDashes();
                    }
                }
                g.setFill(TEXT);
                g.fillText(text, x + swatch + 5, y);
            }
            x += w + 16;
        }
        return y + rowHeight / 2;
    }

    /** Legend entries of compared runs: this prefix and the run's place in the list. */
    private static final String COMPARED_KEY = "compared:";

    private Color fade(Color c, int client) {
        return options.isDimmed(client) ? c.deriveColor(0, 0.35, 1.25, 0.25) : c;
    }
}
