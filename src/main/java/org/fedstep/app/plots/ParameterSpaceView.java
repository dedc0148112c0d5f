package org.fedstep.app.plots;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.shape.StrokeLineJoin;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.fedstep.app.i18n.I18n;
import org.fedstep.app.inspector.Numbers;
import org.fedstep.app.run.ComparedRun;
import org.fedstep.app.run.RunInfo;
import org.fedstep.app.run.Snapshot;
import org.fedstep.app.theme.Palette;
import org.fedstep.app.theme.ViewOptions;
import org.fedstep.core.data.ClientSummary;
import org.fedstep.core.fl.ClientTraining;
import org.fedstep.core.fl.ModelPath;
import org.fedstep.core.fl.Phase;
import org.fedstep.core.fl.RoundDetail;
import org.fedstep.core.fl.UploadProcessing;
import org.fedstep.core.fl.RoundSummary;
import org.fedstep.core.fl.strategy.Aggregation;
import org.fedstep.core.fl.strategy.ClientUpload;
import org.fedstep.core.model.Params;
import org.fedstep.core.model.Standardization;

/**
 * Parameter space (w, b) in original units. Behind everything: the global (pooled training) MSE as light filled
 * contours, geometric steps above its minimum J*, so the rings near the least-squares point stay visible. On top: the
 * least-squares point (star), each client's own least-squares point (small diamonds in its colour), the global model
 * round by round (bold black path), and in the cursor's round each sampled client's local training path from the
 * broadcast model to its end point (dashed for a client that drops out). From the upload phase the end points are
 * sized by their weight p_k, and from the aggregate phase an arrow goes from theta_t to theta_{t+1}: FedAvg's new model
 * is the p_k-weighted mean of the end points. The window is fitted once per run and frontier, so it does not jump
 * while a round is stepped through.
 */
public final class ParameterSpaceView extends CanvasView {

    /** The left margin: room for the widest tick label and the axis title; set at each draw. */
    private double left = 66;
    static final double RIGHT = 16;
    /** The bottom margin: tick labels and the axis title, larger in projector mode; set at each draw. */
    private double bottom = 46;
    /** Contour levels start this far below the largest excess loss in the window. */
    static final double LEVEL_RANGE = 1e-5;
    static final int MAX_LEVELS = 16;
    private static final Color OUTER = Color.WHITE;
    private static final Color INNER = Color.web("#BCD3EA");
    private static final Color CONTOUR = Color.web("#8FAECB");
    private static final Color TEXT = Color.web("#222222");

    private final Canvas surface = new Canvas();
    /** A fitted window at least this fraction of the current one's area does not replace it. */
    private static final double STICKY_AREA = 0.4;

    private Object surfaceKey;
    private Object windowKey;
    private Window window;
    private final Polyline line = new Polyline();
    private final Labels labels = new Labels();

    public ParameterSpaceView(ViewOptions options) {
        super(options);
        getChildren().add(0, surface);
    }

    @Override
    protected void layoutChildren() {
        surface.setWidth(snapSizeX(getWidth()));
        surface.setHeight(snapSizeY(getHeight()));
        super.layoutChildren();
    }

    // --- the window ---

    /** The visible part of parameter space, in original units. */
    record Window(double wMin, double wMax, double bMin, double bMax) {

        boolean contains(Window o) {
            return o.wMin >= wMin && o.wMax <= wMax && o.bMin >= bMin && o.bMax <= bMax;
        }

        double area() {
            return (wMax - wMin) * (bMax - bMin);
        }
    }

    /** The bounding box of points added to it, ignoring non-finite ones. */
    static final class Extent {
        double w0 = Double.POSITIVE_INFINITY;
        double w1 = Double.NEGATIVE_INFINITY;
        double b0 = Double.POSITIVE_INFINITY;
        double b1 = Double.NEGATIVE_INFINITY;

        void add(double w, double b) {
            if (Double.isFinite(w) && Double.isFinite(b)) {
                w0 = Math.min(w0, w);
                w1 = Math.max(w1, w);
                b0 = Math.min(b0, b);
                b1 = Math.max(b1, b);
            }
        }

        boolean isEmpty() {
            return w0 > w1;
        }

        /** The box padded by the given fraction on every side; a point or a line gets a sensible width. */
        Window padded(double fraction) {
            if (isEmpty()) {
                return new Window(-1, 1, -1, 1);
            }
            double[] w = pad(w0, w1, fraction);
            double[] b = pad(b0, b1, fraction);
            return new Window(w[0], w[1], b[0], b[1]);
        }

        private static double[] pad(double lo, double hi, double fraction) {
            double span = hi - lo;
            double scale = Math.max(Math.abs(lo), Math.abs(hi));
            if (!(span > scale * 1e-9) || !Double.isFinite(span)) {
                span = scale > 0 && Double.isFinite(scale) ? scale * 0.5 : 1;
                return new double[] {lo - span / 2, hi + span / 2};
            }
            return new double[] {lo - span * fraction, hi + span * fraction};
        }
    }

    /**
     * The window that holds the initial model, the least-squares point, every client's own fit, every global model and
     * every client end point computed so far, and the paths of a round in progress. Points whose global loss exceeds
     * the optimum by far more than the initial model or any client's fit does (a run blowing up) are left out, so a
     * divergence does not shrink the rest to a dot; those parts are drawn clipped.
     */
    static Window fit(Snapshot s) {
        return fit(s, List.of());
    }

    /** As {@link #fit(Snapshot)}, with the compared runs' global paths up to the cursor's round. */
    static Window fit(Snapshot s, List<ComparedRun> compared) {
        RunInfo run = s.run();
        Standardization u = run.units();
        List<RoundSummary> history = s.history();
        Extent e = new Extent();
        double ref = run.optimumLoss();
        Params first = history.isEmpty() ? null : run.units().toOriginal(history.get(0).global());
        double limit = 0;
        if (first != null) {
            e.add(first.w(), first.b());
            limit = Math.max(limit, run.stats().loss(first.w(), first.b()) - ref);
        }
        if (run.optimum() != null) {
            e.add(run.optimum().w(), run.optimum().b());
        }
        for (ClientSummary c : run.summaries()) {
            if (c.ownFit() != null && c.ownFit().isFinite()) {
                e.add(c.ownFit().w(), c.ownFit().b());
                limit = Math.max(limit, run.stats().loss(c.ownFit().w(), c.ownFit().b()) - ref);
            }
        }
        // far beyond this, a point belongs to a run that is blowing up. A curve's (w, b) alone does not say its
        // loss (the surface drawn is only the slice through theta*): its points are judged by the losses the
        // history recorded instead, against a thousand times the starting loss.
        boolean curve = run.degree() > 1;
        limit = Double.isFinite(ref) && limit > 0 && !curve ? limit * 25 : Double.POSITIVE_INFINITY;
        double blowingUp = history.isEmpty() ? Double.POSITIVE_INFINITY : 1000 * history.get(0).trainLoss();
        Limited add = new Limited(e, run.stats(), ref, limit);
        double a = u.yScale() / u.xScale();
        for (RoundSummary r : history) {
            if (!curve || r.trainLoss() <= blowingUp) {
                add.model(u, a, r.global());
            }
            for (int k = 0; k < r.clientCount(); k++) {
                Params end = r.end(k);
                if (end != null && (!curve || r.lossAfter(k) <= blowingUp)) {
                    add.model(u, a, end);
                }
            }
        }
        for (ComparedRun c : compared) {
            for (int t = 0; t <= Math.min(s.completedAtCursor(), c.trace().lastRound()); t++) {
                add.original(c.trace().global(t));
            }
        }
        RoundDetail d = s.detail();
        if (d != null && d.round() >= history.size() && d.localTraining() != null) {
            for (ClientTraining t : d.localTraining().clients()) {
                ModelPath p = t.path();
                if (p != null) {
                    for (int i = 0; i < p.size(); i++) {
                        if (curve) {
                            add.model(u, a, p.at(i));
                        } else {
                            add.line(u, a, p.w(i), p.b(i));
                        }
                    }
                } else {
                    add.model(u, a, t.end());
                }
            }
        }
        return e.padded(0.1);
    }

    /** Adds training-space models to an extent in original units, unless their loss is beyond the limit. */
    private record Limited(Extent e, RunInfo.LossSurface stats, double ref, double limit) {
        /** A line's map to original units, inlined: the paths of a round can hold many thousand steps. */
        void line(Standardization u, double a, double mw, double mb) {
            double w = a * mw;
            double b = u.yMean() + u.yScale() * mb - w * u.xMean();
            add(w, b);
        }

        void model(Standardization u, double a, Params m) {
            if (m.size() == 2) {
                line(u, a, m.w(), m.b());
            } else {
                original(u.toOriginal(m));
            }
        }

        void original(Params p) {
            add(p.w(), p.b());
        }

        private void add(double w, double b) {
            if (limit == Double.POSITIVE_INFINITY || stats.loss(w, b) - ref <= limit) {
                e.add(w, b);
            }
        }
    }

    private Window window(Snapshot s) {
        RoundDetail d = s.detail();
        boolean pending = d != null && d.round() >= s.history().size();
        List<ComparedRun> compared = options.comparisons.get();
        Object key = List.of(s.run(), s.frontier(), s.history().size(), pending ? d.round() : -1, compared,
                compared.isEmpty() ? 0 : s.completedAtCursor());
        if (!key.equals(windowKey)) {
            boolean sameRun = windowKey instanceof List<?> k && k.get(0) == s.run();
            windowKey = key;
            Window fitted = fit(s, compared);
            // keep the window while everything still fits and it is not far too large: the contours (the costly
            // part) are then not drawn again, and the picture does not shift by a few pixels at every step
            if (!(sameRun && window != null && window.contains(fitted)
                    && fitted.area() > window.area() * STICKY_AREA)) {
                window = fitted;
            }
        }
        return window;
    }

    // --- contour levels ---

    /**
     * Excess losses (over the minimum) for contour lines: 1, 2, 5 times powers of ten, below maxExcess and above
     * maxExcess * LEVEL_RANGE, at most count of them (the largest), ascending. Geometric steps: each ring is about
     * 1.5 times as far from the optimum as the next one inside, so the rings near the optimum stay visible.
     */
    static double[] levels(double maxExcess, int count) {
        if (!(maxExcess > 0) || !Double.isFinite(maxExcess) || count <= 0) {
            return new double[0];
        }
        double lowest = maxExcess * LEVEL_RANGE;
        List<Double> out = new ArrayList<>();
        int p = (int) Math.floor(Math.log10(maxExcess));
        for (int e = p; out.size() < count; e--) {
            double base = Math.pow(10, e);
            for (double m : new double[] {5, 2, 1}) {
                double v = m * base;
                if (v < maxExcess && v > lowest && out.size() < count) {
                    out.add(v);
                }
            }
            if (base * 5 < lowest || base == 0) {
                break;
            }
        }
        double[] levels = new double[out.size()];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = out.get(levels.length - 1 - i);
        }
        return levels;
    }

    /** The number of levels at or above v: 0 outside the outermost ring, levels.length inside the innermost. */
    static int band(double[] levels, double v) {
        int n = 0;
        for (int i = levels.length - 1; i >= 0 && levels[i] >= v; i--) {
            n++;
        }
        return n;
    }

    /** Receives the segments of a contour line, in grid coordinates (column, row). */
    interface SegmentSink {
        void segment(double x0, double y0, double x1, double y1);
    }

    /**
     * Marching squares: the segments where the grid (nx columns by ny rows, row-major) crosses the level, with the
     * crossing linearly interpolated along each cell edge. Saddle cells are split by the cell's mean value.
     */
    static void contour(double[] grid, int nx, int ny, double level, SegmentSink sink) {
        for (int j = 0; j + 1 < ny; j++) {
            for (int i = 0; i + 1 < nx; i++) {
                double v00 = grid[j * nx + i];
                double v10 = grid[j * nx + i + 1];
                double v11 = grid[(j + 1) * nx + i + 1];
                double v01 = grid[(j + 1) * nx + i];
                int code = (v00 > level ? 1 : 0) | (v10 > level ? 2 : 0) | (v11 > level ? 4 : 0)
                        | (v01 > level ? 8 : 0);
                if (code == 0 || code == 15) {
                    continue;
                }
                // crossing points on the four edges: bottom (00-10), right (10-11), top (01-11), left (00-01)
                double bx = i + frac(v00, v10, level);
                double ry = j + frac(v10, v11, level);
                double tx = i + frac(v01, v11, level);
                double ly = j + frac(v00, v01, level);
                switch (code) {
                    case 1, 14 -> sink.segment(bx, j, i, ly);
                    case 2, 13 -> sink.segment(bx, j, i + 1, ry);
                    case 3, 12 -> sink.segment(i, ly, i + 1, ry);
                    case 4, 11 -> sink.segment(i + 1, ry, tx, j + 1);
                    case 6, 9 -> sink.segment(bx, j, tx, j + 1);
                    case 7, 8 -> sink.segment(i, ly, tx, j + 1);
                    case 5, 10 -> {
                        boolean centreAbove = (v00 + v10 + v11 + v01) / 4 > level;
                        if ((code == 5) == centreAbove) {
                            sink.segment(bx, j, i + 1, ry);
                            sink.segment(i, ly, tx, j + 1);
                        } else {
                            sink.segment(bx, j, i, ly);
                            sink.segment(i + 1, ry, tx, j + 1);
                        }
                    }
                    default -> { }
                }
            }
        }
    }

    private static double frac(double a, double b, double level) {
        double d = b - a;
        return d == 0 ? 0.5 : Math.min(1, Math.max(0, (level - a) / d));
    }

    // --- drawing ---

    @Override
    protected void draw(GraphicsContext g, Snapshot s, double width, double height) {
        bottom = Math.ceil(options.font(12) + options.font(13) + 20);
        RunInfo run = s.run();
        Window win = window(s);
        List<LegendEntry> legend = legend(s);
        double top = layoutLegend(legend, width, false) + 6;
        // a small view (a projector's big text in a small pane) keeps the plot: the least needed entries go first
        while (legend.size() > 2 && top > Math.max(0.22 * height, options.font(11.5) + 20)) {
            legend.remove(legend.size() - 1);
            top = layoutLegend(legend, width, false) + 6;
        }
        if (height - top - bottom < 20) {
            return;
        }
        Axes ay = new Axes(win.bMin(), win.bMax(), height - bottom, top);
        Font tickFont = font(12);
        double widest = 0;
        for (double v : ay.ticks(yTickCount(height, top))) {
            widest = Math.max(widest, textWidth(Axes.label(v), tickFont));
        }
        left = Math.ceil(widest + 12 + options.font(13) + 8);
        if (width - left - RIGHT < 20) {
            return;
        }
        Axes ax = new Axes(win.wMin(), win.wMax(), left, width - RIGHT);
        labels.clear();
        drawSurface(run, win, ax, ay, width, height, top);
        layoutLegend(legend, width, true);

        g.save();
        g.beginPath();
        g.rect(left, top, width - left - RIGHT, height - top - bottom);
        g.clip();
        g.setLineCap(StrokeLineCap.ROUND);
        g.setLineJoin(StrokeLineJoin.ROUND);
        line.clip(left - 40, top - 40, width - RIGHT + 40, height - bottom + 40);
        drawClientOptima(g, run, ax, ay);
        drawOptimum(g, run, ax, ay);
        drawComparisons(g, s, ax, ay);
        boolean outside = drawGlobalPath(g, s, ax, ay);
        if (!s.atStart() && s.detail() != null) {
            drawRound(g, s, ax, ay);
        }
        labels.place(g, font(13), left, top, width - RIGHT, height - bottom);
        g.restore();
        if (outside) {
            g.setFont(font(11.5));
            g.setFill(Color.web("#8A1C1C"));
            g.setTextAlign(TextAlignment.RIGHT);
            g.setTextBaseline(VPos.BOTTOM);
            g.fillText(I18n.t("params.note.outside"), width - RIGHT - 6, height - bottom - 4);
        }
    }

    /** The contours, the frame, ticks and axis titles: drawn again only when the window, size or mode changes. */
    private void drawSurface(RunInfo run, Window win, Axes ax, Axes ay, double width, double height, double top) {
        Object key = List.of(run, win, width, height, top, options.projector.get());
        if (key.equals(surfaceKey)) {
            return;
        }
        surfaceKey = key;
        GraphicsContext g = surface.getGraphicsContext2D();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, width, height);
        RunInfo.LossSurface stats = run.stats();
        int pw = (int) Math.ceil(width - left - RIGHT);
        int ph = (int) Math.ceil(height - top - bottom);
        // the minimum: J* when the least-squares line exists; otherwise the lowest corner or centre value
        double ref = run.optimumLoss();
        double maxLoss = Math.max(Math.max(stats.loss(win.wMin(), win.bMin()), stats.loss(win.wMin(), win.bMax())),
                Math.max(stats.loss(win.wMax(), win.bMin()), stats.loss(win.wMax(), win.bMax())));
        if (!Double.isFinite(ref)) {
            ref = minOnGrid(stats, win, 60, 45);
        }
        double[] levels = levels(maxLoss - ref, MAX_LEVELS);
        if (levels.length > 0 && pw > 0 && ph > 0) {
            int[] colours = new int[levels.length + 1];
            for (int i = 0; i <= levels.length; i++) {
                colours[i] = argb(OUTER.interpolate(INNER, Math.pow((double) i / levels.length, 0.8)));
            }
            WritableImage image = new WritableImage(pw, ph);
            PixelWriter pixels = image.getPixelWriter();
            for (int y = 0; y < ph; y++) {
                double b = ay.value(top + y + 0.5);
                for (int x = 0; x < pw; x++) {
                    double w = ax.value(left + x + 0.5);
                    pixels.setArgb(x, y, colours[band(levels, stats.loss(w, b) - ref)]);
                }
            }
            g.drawImage(image, left, top);
            drawContourLines(g, stats, ref, levels, ax, ay, top, width, height);
        }
        drawAxes(g, ax, ay, width, height, top);
    }

    private void drawContourLines(GraphicsContext g, RunInfo.LossSurface stats, double ref, double[] levels,
                                  Axes ax, Axes ay, double top, double width, double height) {
        int nx = 161;
        int ny = 121;
        double x0 = left;
        double y0 = top;
        double dx = (width - RIGHT - left) / (nx - 1);
        double dy = (height - bottom - top) / (ny - 1);
        double[] grid = new double[nx * ny];
        for (int j = 0; j < ny; j++) {
            double b = ay.value(y0 + j * dy);
            for (int i = 0; i < nx; i++) {
                grid[j * nx + i] = stats.loss(ax.value(x0 + i * dx), b) - ref;
            }
        }
        g.save();
        g.beginPath();
        g.rect(left, top, width - left - RIGHT, height - top - bottom);
        g.clip();
        g.setStroke(CONTOUR);
        g.setLineWidth(options.line(0.8));
        g.beginPath();
        for (double level : levels) {
            contour(grid, nx, ny, level, (a, b, c, d) -> {
                g.moveTo(x0 + a * dx, y0 + b * dy);
                g.lineTo(x0 + c * dx, y0 + d * dy);
            });
        }
        g.stroke();
        g.restore();
    }

    private static double minOnGrid(RunInfo.LossSurface stats, Window win, int nx, int ny) {
        double min = Double.POSITIVE_INFINITY;
        for (int j = 0; j < ny; j++) {
            double b = win.bMin() + (win.bMax() - win.bMin()) * j / (ny - 1);
            for (int i = 0; i < nx; i++) {
                min = Math.min(min, stats.loss(win.wMin() + (win.wMax() - win.wMin()) * i / (nx - 1), b));
            }
        }
        return min;
    }

    private static int argb(Color c) {
        return 0xFF000000 | ((int) Math.round(c.getRed() * 255) << 16) | ((int) Math.round(c.getGreen() * 255) << 8)
                | (int) Math.round(c.getBlue() * 255);
    }

    private void drawAxes(GraphicsContext g, Axes ax, Axes ay, double width, double height, double top) {
        g.setFill(Color.web("#333333"));
        g.setFont(font(12));
        g.setStroke(Color.web("#888888"));
        g.setLineWidth(1);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (double v : ax.ticks((int) Math.max(2, (width - left - RIGHT) / options.font(75)))) {
            double px = ax.px(v);
            g.strokeLine(px, height - bottom, px, height - bottom + 4);
            g.fillText(Axes.label(v), px, height - bottom + 6);
        }
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        for (double v : ay.ticks(yTickCount(height, top))) {
            double py = ay.px(v);
            g.strokeLine(left - 4, py, left, py);
            g.fillText(Axes.label(v), left - 6, py);
        }
        g.strokeRect(left, top, width - left - RIGHT, height - top - bottom);
        g.setFont(font(13));
        g.setFill(TEXT);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.BOTTOM);
        g.fillText(I18n.t("params.axis.w"), (left + width - RIGHT) / 2, height - 3);
        g.save();
        g.translate(options.font(13) * 0.5 + 4, (top + height - bottom) / 2);
        g.rotate(-90);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(I18n.t("params.axis.b"), 0, 0);
        g.restore();
    }

    private int yTickCount(double height, double top) {
        return (int) Math.max(2, (height - top - bottom) / options.font(55));
    }

    private void drawClientOptima(GraphicsContext g, RunInfo run, Axes ax, Axes ay) {
        int n = run.clientCount();
        double r = options.line(n > 30 ? 3.5 : 5);
        for (int pass = 0; pass < 2; pass++) {
            for (int k = 0; k < n; k++) {
                // dimmed clients first, the rest on top
                if ((pass == 0) != options.isDimmed(k)) {
                    continue;
                }
                Params fit = run.summaries().get(k).ownFit();
                if (fit == null || !fit.isFinite()) {
                    continue;
                }
                double px = ax.px(fit.w());
                double py = ay.px(fit.b());
                double rr = options.isFocused(k) ? r * 1.5 : r;
                double[] xs = {px, px + rr, px, px - rr};
                double[] ys = {py - rr, py, py + rr, py};
                g.setFill(fade(Palette.client(k), k));
                g.fillPolygon(xs, ys, 4);
                g.setStroke(fade(Palette.clientEdge(k), k));
                g.setLineWidth(options.line(1));
                g.strokePolygon(xs, ys, 4);
            }
        }
    }

    private void drawOptimum(GraphicsContext g, RunInfo run, Axes ax, Axes ay) {
        if (run.optimum() == null || !run.optimum().isFinite()) {
            return;
        }
        double px = ax.px(run.optimum().w());
        double py = ay.px(run.optimum().b());
        star(g, px, py, options.line(9), Palette.TARGET);
        labels.add(I18n.t("params.label.optimum"), px, py, options.line(9), Palette.TARGET, 4);
    }

    private void star(GraphicsContext g, double cx, double cy, double r, Color fill) {
        double[] xs = new double[10];
        double[] ys = new double[10];
        for (int i = 0; i < 10; i++) {
            double rr = i % 2 == 0 ? r : r * 0.45;
            double a = -Math.PI / 2 + i * Math.PI / 5;
            xs[i] = cx + rr * Math.cos(a);
            ys[i] = cy + rr * Math.sin(a);
        }
        g.setFill(fill);
        g.fillPolygon(xs, ys, 10);
        g.setStroke(Color.WHITE);
        g.setLineWidth(options.line(1));
        g.strokePolygon(xs, ys, 10);
    }

    /**
     * The compared runs' global paths up to the cursor's completed round, each in grey with its own dashes and its
     * label at its end, under the student's run so that stays on top.
     */
    private void drawComparisons(GraphicsContext g, Snapshot s, Axes ax, Axes ay) {
        for (ComparedRun c : options.comparisons.get()) {
            int last = Math.min(s.completedAtCursor(), c.trace().lastRound());
            g.setStroke(Palette.COMPARED);
            g.setLineWidth(options.line(2));
            g.setLineDashes(Palette.comparedDashes(c.index(), options.line(1)));
            line.start(g);
            for (int t = 0; t <= last; t++) {
                Params m = c.trace().global(t);
                line.add(ax.px(m.w()), ay.px(m.b()));
            }
            line.finish();
            g.setLineDashes();
            Params end = c.trace().global(last);
            if (end.isFinite()) {
                double r = options.line(4);
                double px = ax.px(end.w());
                double py = ay.px(end.b());
                g.setFill(Color.WHITE);
                g.fillOval(px - r, py - r, 2 * r, 2 * r);
                g.setLineWidth(options.line(1.6));
                g.strokeOval(px - r, py - r, 2 * r, 2 * r);
                labels.addOptional(c.label(), px, py, r, Palette.COMPARED, 3);
            }
        }
    }

    /** The global model after rounds 0 .. the cursor's completed round. Returns whether some of it is off view. */
    private boolean drawGlobalPath(GraphicsContext g, Snapshot s, Axes ax, Axes ay) {
        Standardization u = s.run().units();
        double a = u.yScale() / u.xScale();
        int last = Math.min(s.completedAtCursor(), s.history().size() - 1);
        if (last < 0) {
            return false;
        }
        boolean outside = false;
        g.setStroke(Palette.GLOBAL);
        g.setLineWidth(options.line(3));
        line.start(g);
        boolean straight = s.run().degree() == 1;
        for (int t = 0; t <= last; t++) {
            Params m = s.history().get(t).global();
            // a line's map to original units inlined (10,000 rounds a frame); a curve's through its expansion
            Params c = straight ? null : u.toOriginal(m);
            double w = straight ? a * m.w() : c.w();
            double b = straight ? u.yMean() + u.yScale() * m.b() - w * u.xMean() : c.b();
            double px = ax.px(w);
            double py = ay.px(b);
            outside |= !(px >= ax.p0() && px <= ax.p1() && py <= ay.p0() && py >= ay.p1());
            line.add(px, py);
        }
        line.finish();
        // dots, at most one every few pixels, so 10,000 rounds do not become a smudge
        g.setFill(Palette.GLOBAL);
        double r = options.line(3.2);
        double lastX = Double.NaN;
        double lastY = Double.NaN;
        double gap = options.line(7);
        for (int t = 0; t <= last; t++) {
            Params m = s.original(s.history().get(t).global());
            double px = ax.px(m.w());
            double py = ay.px(m.b());
            if (!Double.isFinite(px) || !Double.isFinite(py) || Math.abs(px) > 1e6 || Math.abs(py) > 1e6) {
                continue;
            }
            if (t == 0 || t == last || Double.isNaN(lastX) || Math.hypot(px - lastX, py - lastY) >= gap) {
                g.fillOval(px - r, py - r, 2 * r, 2 * r);
                lastX = px;
                lastY = py;
            }
        }
        // theta_0 and the model in force
        Params first = s.original(s.history().get(0).global());
        Params now = s.original(s.history().get(last).global());
        if (now.isFinite()) {
            labels.add("θ" + subscript(last), ax.px(now.w()), ay.px(now.b()), r, Palette.GLOBAL, 1);
        }
        if (last > 0 && first.isFinite() && Math.hypot(ax.px(first.w()) - ax.px(now.w()),
                ay.px(first.b()) - ay.px(now.b())) > options.font(13) * 2.5) {
            labels.add("θ" + subscript(0), ax.px(first.w()), ay.px(first.b()), r, Palette.GLOBAL, 2);
        }
        if (s.phase() == Phase.BROADCAST) {
            // the model being sent: a ring around it
            Params m = s.original(s.history().get(last).global());
            if (m.isFinite()) {
                double rr = options.line(9);
                g.setStroke(Palette.GLOBAL);
                g.setLineWidth(options.line(1.5));
                g.strokeOval(ax.px(m.w()) - rr, ay.px(m.b()) - rr, 2 * rr, 2 * rr);
            }
        }
        return outside;
    }

    /** The cursor's round: client paths from local training on, weights from upload on, the step from aggregate on. */
    private void drawRound(GraphicsContext g, Snapshot s, Axes ax, Axes ay) {
        RoundDetail d = s.detail();
        if (d.localTraining() == null || !s.reached(Phase.LOCAL_TRAINING)) {
            return;
        }
        Standardization u = s.run().units();
        double a = u.yScale() / u.xScale();
        List<ClientTraining> clients = d.localTraining().clients();
        boolean weighted = s.reached(Phase.UPLOAD) && d.upload() != null;
        double[] weight = new double[s.run().clientCount()];
        int uploads = 0;
        if (weighted) {
            for (ClientUpload up : d.upload().uploads()) {
                weight[up.client()] = up.weight();
            }
            uploads = d.upload().uploads().size();
        }
        // what each client sent, where it differs from what it trained (a bad client, clipping, noise, compression)
        Params[] sentAt = new Params[s.run().clientCount()];
        if (weighted) {
            // measured from the model the client trained from: the broadcast's, or an asynchronous client's older one
            Params base = d.upload().arrival() != null ? d.upload().arrival().origin() : d.broadcast().global();
            for (UploadProcessing p : d.upload().processing()) {
                sentAt[p.client()] = s.original(base.plus(p.sent()));
            }
        }
        boolean aggregated = s.reached(Phase.AGGREGATE) && d.aggregate() != null;
        Params mean = null;
        Params next = null;
        Params from = s.original(d.broadcast().global());
        if (aggregated) {
            Aggregation agg = d.aggregate().aggregation();
            mean = s.original(d.broadcast().global().plus(agg.meanUpdate()));
            next = s.original(agg.newGlobal());
        }
        // spokes from each uploaded end point to their weighted mean: the mean is their balance point
        if (aggregated && uploads > 0 && uploads <= 25 && mean.isFinite()) {
            g.setStroke(Color.rgb(90, 90, 90, 0.45));
            g.setLineWidth(options.line(1));
            g.setLineDashes(options.line(2), options.line(3));
            for (ClientTraining t : clients) {
                if (weight[t.client()] > 0 && !options.isDimmed(t.client())) {
                    Params e = sentAt[t.client()] != null ? sentAt[t.client()] : s.original(t.end());
                    segment(g, ax.px(e.w()), ay.px(e.b()), ax.px(mean.w()), ay.px(mean.b()));
                }
            }
            g.setLineDashes();
        }
        int focused = options.focusedClient.get();
        for (int pass = 0; pass < 2; pass++) {
            for (ClientTraining t : clients) {
                int k = t.client();
                if ((pass == 1) != (k == focused || focused < 0)) {
                    continue;
                }
                Color c = fade(Palette.client(k), k);
                g.setStroke(c);
                g.setLineWidth(options.line(options.isFocused(k) ? 3 : 1.6));
                if (t.dropsOut()) {
                    g.setLineDashes(options.line(5), options.line(4));
                }
                line.start(g);
                ModelPath p = t.path();
                if (p != null) {
                    boolean curve = p.at(0).size() > 2;
                    for (int i = 0; i < p.size(); i++) {
                        if (curve) {
                            Params o = u.toOriginal(p.at(i));
                            line.add(ax.px(o.w()), ay.px(o.b()));
                            continue;
                        }
                        double w = a * p.w(i);
                        double b = u.yMean() + u.yScale() * p.b(i) - w * u.xMean();
                        line.add(ax.px(w), ay.px(b));
                    }
                } else {
                    Params st = s.original(t.start());
                    Params en = s.original(t.end());
                    line.add(ax.px(st.w()), ay.px(st.b()));
                    line.add(ax.px(en.w()), ay.px(en.b()));
                }
                line.finish();
                g.setLineDashes();
                Params e = s.original(t.end());
                if (!e.isFinite()) {
                    continue;
                }
                double r = options.line(clients.size() > 30 ? 3 : 4.5);
                if (weighted && weight[k] > 0) {
                    // area proportional to p_k: the heavier the client, the bigger its point
                    r *= Math.max(0.6, Math.min(2.4, Math.sqrt(weight[k] * uploads)));
                }
                double px = ax.px(e.w());
                double py = ay.px(e.b());
                if (Math.abs(px) > 1e6 || Math.abs(py) > 1e6) {
                    continue;
                }
                if (t.dropsOut()) {
                    g.setFill(Color.WHITE);
                    g.fillOval(px - r, py - r, 2 * r, 2 * r);
                    g.setStroke(c);
                    g.setLineWidth(options.line(1.5));
                    g.strokeOval(px - r, py - r, 2 * r, 2 * r);
                } else {
                    g.setFill(c);
                    g.fillOval(px - r, py - r, 2 * r, 2 * r);
                    g.setStroke(fade(Palette.clientEdge(k), k));
                    g.setLineWidth(options.line(1));
                    g.strokeOval(px - r, py - r, 2 * r, 2 * r);
                }
            }
        }
        drawSent(g, s, ax, ay, clients, sentAt);
        if (aggregated) {
            // in the update phase the global path itself ends at theta_{t+1}, with its label
            // the point the server heads for: a weighted mean, a robust rule's choice, or an asynchronous client's model
            String key = "params.label.mean" + s.run().phaseVariant();
            meanLabel = I18n.t(I18n.has(key) ? key : "params.label.mean");
            drawStep(g, ax, ay, from, mean, next, d.round(), s.phase() == Phase.AGGREGATE);
        }
    }

    /**
     * Where a client's upload differs from what it trained: a dotted line from its trained end to a hollow square at
     * theta_t + sent, the point the server actually averages.
     */
    private void drawSent(GraphicsContext g, Snapshot s, Axes ax, Axes ay, List<ClientTraining> clients,
                          Params[] sentAt) {
        for (ClientTraining t : clients) {
            int k = t.client();
            Params sent = sentAt[k];
            Params end = s.original(t.end());
            if (sent == null || !sent.isFinite() || !end.isFinite()) {
                continue;
            }
            double x0 = ax.px(end.w());
            double y0 = ay.px(end.b());
            double x1 = ax.px(sent.w());
            double y1 = ay.px(sent.b());
            if (Math.hypot(x1 - x0, y1 - y0) < options.line(3) || Math.abs(x1) > 1e6 || Math.abs(y1) > 1e6) {
                continue;
            }
            Color c = fade(Palette.clientEdge(k), k);
            g.setStroke(c);
            g.setLineWidth(options.line(1.4));
            g.setLineDashes(options.line(2), options.line(3));
            segment(g, x0, y0, x1, y1);
            g.setLineDashes();
            double r = options.line(options.isFocused(k) ? 6 : 4.5);
            g.setFill(Color.WHITE);
            g.fillRect(x1 - r, y1 - r, 2 * r, 2 * r);
            g.setLineWidth(options.line(2));
            g.strokeRect(x1 - r, y1 - r, 2 * r, 2 * r);
        }
    }

    /** Whether some upload at the cursor differs visibly from what its client trained. */
    private static boolean anySent(Snapshot s) {
        if (s.atStart() || !s.reached(Phase.UPLOAD) || s.detail().upload() == null) {
            return false;
        }
        for (UploadProcessing p : s.detail().upload().processing()) {
            Params gap = p.sent().minus(p.trained());
            if (gap.norm() > 1e-9 * (1 + p.trained().norm())) {
                return true;
            }
        }
        return false;
    }

    /** How the point drawStep marks is labelled (set for each round drawn). */
    private String meanLabel = "";

    /** The server's step theta_t -> theta_{t+1}, and the weighted mean of the uploads where it differs. */
    private void drawStep(GraphicsContext g, Axes ax, Axes ay, Params from, Params mean, Params next, int round,
                          boolean labelled) {
        if (!from.isFinite() || !next.isFinite()) {
            return;
        }
        double x0 = ax.px(from.w());
        double y0 = ay.px(from.b());
        double x1 = ax.px(next.w());
        double y1 = ay.px(next.b());
        if (mean.isFinite()) {
            double mx = ax.px(mean.w());
            double my = ay.px(mean.b());
            if (Math.hypot(mx - x1, my - y1) > options.line(4)) {
                double r = options.line(6);
                double[] xs = {mx, mx + r, mx, mx - r};
                double[] ys = {my - r, my, my + r, my};
                g.setFill(Color.WHITE);
                g.fillPolygon(xs, ys, 4);
                g.setStroke(Color.web("#444444"));
                g.setLineWidth(options.line(1.5));
                g.strokePolygon(xs, ys, 4);
                labels.add(meanLabel, mx, my, r, Color.web("#444444"), 5);
            }
        }
        g.setStroke(Palette.GLOBAL);
        g.setFill(Palette.GLOBAL);
        g.setLineWidth(options.line(2.5));
        arrow(g, x0, y0, x1, y1, options.line(11));
        if (labelled) {
            labels.add("θ" + subscript(round), x1, y1, options.line(4), Palette.GLOBAL, 0);
        }
    }

    private void arrow(GraphicsContext g, double x0, double y0, double x1, double y1, double head) {
        double len = Math.hypot(x1 - x0, y1 - y0);
        if (!(len > 1) || len > 1e6) {
            return;
        }
        double ux = (x1 - x0) / len;
        double uy = (y1 - y0) / len;
        double h = Math.min(head, len * 0.6);
        g.strokeLine(x0, y0, x1 - ux * h * 0.8, y1 - uy * h * 0.8);
        g.fillPolygon(new double[] {x1, x1 - ux * h - uy * h * 0.45, x1 - ux * h + uy * h * 0.45},
                new double[] {y1, y1 - uy * h + ux * h * 0.45, y1 - uy * h - ux * h * 0.45}, 3);
    }

    private void segment(GraphicsContext g, double x0, double y0, double x1, double y1) {
        line.start(g);
        line.add(x0, y0);
        line.add(x1, y1);
        line.finish();
    }

    // --- legend ---

    private enum Mark { GLOBAL, STAR, DIAMONDS, PATHS, DROPPED, SENT, COMPARED, SURFACE }

    private static int firstSampled(Snapshot s) {
        return s.atStart() || s.detail().broadcast().recipients().isEmpty() ? -1
                : s.detail().broadcast().recipients().get(0);
    }

    /** @param index for a compared run, its index (its dashes); else 0 */
    private record LegendEntry(Mark mark, String text, int index) {
        LegendEntry(Mark mark, String text) {
            this(mark, text, 0);
        }
    }

    private List<LegendEntry> legend(Snapshot s) {
        List<LegendEntry> out = new ArrayList<>();
        out.add(new LegendEntry(Mark.GLOBAL, I18n.t("params.legend.global")));
        if (s.run().optimum() != null) {
            out.add(new LegendEntry(Mark.STAR, I18n.t("params.legend.optimum")));
        }
        out.add(new LegendEntry(Mark.DIAMONDS, I18n.t("params.legend.ownFit")));
        if (s.training(firstSampled(s)) != null) {
            out.add(new LegendEntry(Mark.PATHS, I18n.t("params.legend.clientPath")));
            boolean dropouts = s.detail().upload() != null && !s.detail().upload().droppedOut().isEmpty();
            if (dropouts) {
                out.add(new LegendEntry(Mark.DROPPED, I18n.t("params.legend.dropped")));
            }
            if (anySent(s)) {
                // right after the global model: when uploads are changed on the way, that is what to look at
                out.add(1, new LegendEntry(Mark.SENT, I18n.t("params.legend.sent")));
            }
        }
        // compared runs come right after the global model: they are what the lesson is about when they are shown
        List<ComparedRun> compared = options.comparisons.get();
        for (int i = 0; i < compared.size(); i++) {
            out.add(1 + i, new LegendEntry(Mark.COMPARED, compared.get(i).label(), compared.get(i).index()));
        }
        // a curve's surface is the slice through theta*: w_2 .. w_d held at theta*'s values
        out.add(new LegendEntry(Mark.SURFACE, s.run().degree() == 1 ? I18n.t("params.legend.contours")
                : I18n.t("params.legend.contours.slice", s.run().degree() == 2 ? "w₂"
                        : "w₂ … " + Numbers.coordinateName(s.run().degree()))));
        return out;
    }

    /** Lays the legend out in rows above the plot; draws it when asked. Returns the height it takes. */
    private double layoutLegend(List<LegendEntry> entries, double width, boolean paint) {
        GraphicsContext g = canvas.getGraphicsContext2D();
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
        for (LegendEntry e : entries) {
            String text = fitText(e.text(), f, width - RIGHT - left - swatch - 5);
            double w = swatch + 5 + textWidth(text, f);
            if (x > left && x + w > width - RIGHT) {
                x = left;
                y += rowHeight;
            }
            if (paint) {
                drawMark(g, e, x, y, swatch);
                g.setFill(TEXT);
                g.fillText(text, x + swatch + 5, y);
            }
            x += w + 16;
        }
        return y + rowHeight / 2;
    }

    private void drawMark(GraphicsContext g, LegendEntry entry, double x, double y, double w) {
        double h = w / 2;
        switch (entry.mark()) {
            case COMPARED -> {
                g.setStroke(Palette.COMPARED);
                g.setLineWidth(options.line(2));
                g.setLineDashes(Palette.comparedDashes(entry.index(), options.line(1)));
                g.strokeLine(x, y, x + w, y);
                g.setLineDashes();
            }
            case GLOBAL -> {
                g.setStroke(Palette.GLOBAL);
                g.setFill(Palette.GLOBAL);
                g.setLineWidth(options.line(3));
                g.strokeLine(x, y, x + w, y);
                double r = options.line(3.2);
                g.fillOval(x + w / 2 - r, y - r, 2 * r, 2 * r);
            }
            case STAR -> star(g, x + w / 2, y, options.line(7), Palette.TARGET);
            case DIAMONDS -> {
                double r = options.line(4);
                for (int k = 0; k < 3; k++) {
                    double cx = x + r + k * (w - 2 * r) / 2;
                    g.setFill(Palette.client(k));
                    g.fillPolygon(new double[] {cx, cx + r, cx, cx - r}, new double[] {y - r, y, y + r, y}, 4);
                }
            }
            case PATHS -> {
                g.setLineWidth(options.line(1.6));
                for (int k = 0; k < 3; k++) {
                    g.setStroke(Palette.client(k));
                    g.strokeLine(x + k * w / 3, y + h / 2, x + k * w / 3 + w / 3, y - h / 2);
                }
            }
            case DROPPED -> {
                g.setStroke(Color.web("#555555"));
                g.setLineWidth(options.line(1.6));
                g.setLineDashes(options.line(5), options.line(4));
                g.strokeLine(x, y, x + w, y);
                g.setLineDashes();
            }
            case SENT -> {
                double r = options.line(4.5);
                g.setStroke(Color.web("#555555"));
                g.setLineWidth(options.line(1.4));
                g.setLineDashes(options.line(2), options.line(3));
                g.strokeLine(x, y, x + w - 2 * r, y);
                g.setLineDashes();
                g.setFill(Color.WHITE);
                g.fillRect(x + w - 2 * r, y - r, 2 * r, 2 * r);
                g.setLineWidth(options.line(2));
                g.strokeRect(x + w - 2 * r, y - r, 2 * r, 2 * r);
            }
            case SURFACE -> {
                g.setFill(OUTER.interpolate(INNER, 0.5));
                g.fillRect(x, y - h / 2 - 2, w, h + 4);
                g.setStroke(CONTOUR);
                g.setLineWidth(1);
                g.strokeOval(x + w * 0.15, y - h / 2 + 1, w * 0.7, h - 2);
            }
            default -> { }
        }
    }

    // --- helpers ---

    private Color fade(Color c, int client) {
        return options.isDimmed(client) ? c.deriveColor(0, 0.35, 1.25, 0.25) : c;
    }

    /**
     * A polyline in pixels, stroked with one call per visible run: points closer than half a pixel to the last one
     * are skipped (thousands of steps cost what the screen can show), segments are clipped to a rectangle (a path
     * that runs off to 1e200 stays drawable), and non-finite points break the line.
     */
    static final class Polyline {
        private double[] xs = new double[256];
        private double[] ys = new double[256];
        private int n;
        private double minX = -1e6;
        private double minY = -1e6;
        private double maxX = 1e6;
        private double maxY = 1e6;
        private double lastX = Double.NaN;
        private double lastY = Double.NaN;
        private GraphicsContext g;
        private int strokes;

        void clip(double x0, double y0, double x1, double y1) {
            minX = x0;
            minY = y0;
            maxX = x1;
            maxY = y1;
        }

        void start(GraphicsContext context) {
            g = context;
            n = 0;
            lastX = Double.NaN;
            lastY = Double.NaN;
        }

        /** How many polylines have been stroked (for tests). */
        int strokes() {
            return strokes;
        }

        void add(double x, double y) {
            if (!Double.isFinite(x) || !Double.isFinite(y)) {
                flush();
                lastX = Double.NaN;
                lastY = Double.NaN;
                return;
            }
            double px = lastX;
            double py = lastY;
            lastX = x;
            lastY = y;
            if (Double.isNaN(px)) {
                if (inside(x, y)) {
                    append(x, y);
                }
                return;
            }
            boolean wasInside = inside(px, py);
            if (wasInside && inside(x, y)) {
                if (n == 0) {
                    append(px, py);
                }
                if (Math.abs(x - xs[n - 1]) >= 0.5 || Math.abs(y - ys[n - 1]) >= 0.5) {
                    append(x, y);
                }
                return;
            }
            double[] seg = clipSegment(px, py, x, y, minX, minY, maxX, maxY);
            if (seg == null) {
                flush();
                return;
            }
            if (!wasInside) {
                flush();
                append(seg[0], seg[1]);
            } else if (n == 0) {
                append(px, py);
            }
            append(seg[2], seg[3]);
            if (!inside(x, y)) {
                flush();
            }
        }

        void finish() {
            // the last point is kept even when it was within half a pixel of the one before
            if (n > 0 && Double.isFinite(lastX) && inside(lastX, lastY)
                    && (xs[n - 1] != lastX || ys[n - 1] != lastY)) {
                append(lastX, lastY);
            }
            flush();
            lastX = Double.NaN;
            lastY = Double.NaN;
        }

        private boolean inside(double x, double y) {
            return x >= minX && x <= maxX && y >= minY && y <= maxY;
        }

        private void append(double x, double y) {
            if (n == xs.length) {
                xs = java.util.Arrays.copyOf(xs, n * 2);
                ys = java.util.Arrays.copyOf(ys, n * 2);
            }
            xs[n] = x;
            ys[n] = y;
            n++;
        }

        private void flush() {
            if (n >= 2 && g != null) {
                g.strokePolyline(xs, ys, n);
                strokes++;
            } else if (n >= 2) {
                strokes++;
            }
            n = 0;
        }

        int pending() {
            return n;
        }
    }

    /**
     * Liang-Barsky: the part of the segment (x0, y0)-(x1, y1) inside the rectangle, as {x0, y0, x1, y1}, or null when
     * none of it is.
     */
    static double[] clipSegment(double x0, double y0, double x1, double y1, double minX, double minY, double maxX,
                                double maxY) {
        double t0 = 0;
        double t1 = 1;
        double dx = x1 - x0;
        double dy = y1 - y0;
        double[] p = {-dx, dx, -dy, dy};
        double[] q = {x0 - minX, maxX - x0, y0 - minY, maxY - y0};
        for (int i = 0; i < 4; i++) {
            if (p[i] == 0) {
                if (q[i] < 0) {
                    return null;
                }
            } else {
                double r = q[i] / p[i];
                if (p[i] < 0) {
                    t0 = Math.max(t0, r);
                } else {
                    t1 = Math.min(t1, r);
                }
            }
        }
        if (t0 > t1) {
            return null;
        }
        return new double[] {t0 == 0 ? x0 : x0 + t0 * dx, t0 == 0 ? y0 : y0 + t0 * dy,
            t1 == 1 ? x1 : x0 + t1 * dx, t1 == 1 ? y1 : y0 + t1 * dy};
    }

    /**
     * Text labels beside points, placed last: in order of priority, each takes the first spot around its point (right
     * below, right above, left below, left above; then a little further out) that overlaps neither an earlier label
     * nor a labelled point and stays inside the plot.
     */
    static final class Labels {
        /** @param optional left out when no free spot is found, rather than drawn over another label */
        private record Request(String text, double x, double y, double r, Color colour, int priority,
                               boolean optional) { }

        private final List<Request> requests = new ArrayList<>();

        void clear() {
            requests.clear();
        }

        void add(String text, double x, double y, double r, Color colour, int priority) {
            add(text, x, y, r, colour, priority, false);
        }

        /** A label that may be left out where the plot is crowded (the legend names it too). */
        void addOptional(String text, double x, double y, double r, Color colour, int priority) {
            add(text, x, y, r, colour, priority, true);
        }

        private void add(String text, double x, double y, double r, Color colour, int priority, boolean optional) {
            if (Double.isFinite(x) && Double.isFinite(y) && Math.abs(x) < 1e6 && Math.abs(y) < 1e6) {
                requests.add(new Request(text, x, y, r, colour, priority, optional));
            }
        }

        /** The box {x0, y0, x1, y1} for each label, in the order they were added; null for a left-out label. */
        List<double[]> layout(double height, java.util.function.ToDoubleFunction<String> width, double x0, double y0,
                              double x1, double y1) {
            List<Request> order = new ArrayList<>(requests);
            order.sort(java.util.Comparator.comparingInt(Request::priority));
            List<double[]> taken = new ArrayList<>();
            for (Request q : requests) {
                taken.add(new double[] {q.x - q.r, q.y - q.r, q.x + q.r, q.y + q.r});
            }
            java.util.Map<Request, double[]> boxes = new java.util.IdentityHashMap<>();
            for (Request q : order) {
                double w = width.applyAsDouble(q.text) + 4;
                double[] best = null;
                search:
                for (double gap : new double[] {q.r + 2, q.r + height}) {
                    for (int c = 0; c < 4; c++) {
                        double lx = c % 2 == 0 ? q.x + gap : q.x - gap - w;
                        double ly = c < 2 ? q.y + gap * 0.3 : q.y - gap * 0.3 - height;
                        double[] box = {lx, ly, lx + w, ly + height};
                        if (box[0] < x0 || box[2] > x1 || box[1] < y0 || box[3] > y1) {
                            continue;
                        }
                        if (best == null) {
                            best = box;
                        }
                        boolean free = true;
                        for (double[] t : taken) {
                            if (box[0] < t[2] && t[0] < box[2] && box[1] < t[3] && t[1] < box[3]) {
                                free = false;
                                break;
                            }
                        }
                        if (free) {
                            best = box;
                            break search;
                        }
                    }
                }
                if (q.optional() && (best == null || overlapsAny(best, taken))) {
                    continue;
                }
                if (best == null) {
                    best = new double[] {q.x + q.r + 2, q.y, q.x + q.r + 2 + w, q.y + height};
                }
                taken.add(best);
                boxes.put(q, best);
            }
            List<double[]> out = new ArrayList<>();
            for (Request q : requests) {
                out.add(boxes.get(q));
            }
            return out;
        }

        private static boolean overlapsAny(double[] box, List<double[]> taken) {
            for (double[] t : taken) {
                if (box[0] < t[2] && t[0] < box[2] && box[1] < t[3] && t[1] < box[3]) {
                    return true;
                }
            }
            return false;
        }

        void place(GraphicsContext g, Font font, double x0, double y0, double x1, double y1) {
            double h = font.getSize() + 2;
            List<double[]> boxes = layout(h, text -> textWidth(text, font), x0, y0, x1, y1);
            g.setFont(font);
            g.setTextAlign(TextAlignment.LEFT);
            g.setTextBaseline(VPos.TOP);
            for (int i = 0; i < requests.size(); i++) {
                double[] b = boxes.get(i);
                if (b == null) {
                    continue;
                }
                g.setFill(Color.rgb(255, 255, 255, 0.75));
                g.fillRect(b[0], b[1], b[2] - b[0], b[3] - b[1]);
                g.setFill(requests.get(i).colour());
                g.fillText(requests.get(i).text(), b[0] + 2, b[1] + 1);
            }
        }
    }
}
