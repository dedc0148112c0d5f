package org.fedstep.app.plots;

import java.util.function.IntConsumer;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;
import org.fedstep.app.i18n.I18n;
import org.fedstep.app.run.RunInfo;
import org.fedstep.app.run.Snapshot;
import org.fedstep.app.theme.Palette;
import org.fedstep.app.theme.ViewOptions;
import org.fedstep.core.data.ClientData;
import org.fedstep.core.data.ClientSummary;
import org.fedstep.core.model.Params;

/**
 * The data and the lines: every client's points in its colour (test rows hollow), each client's current model, the
 * global model in bold black and the centralised least-squares line dashed, as the target. The points sit on their
 * own layer, drawn again only when the data, the size or an option changes, so a step redraws just the lines.
 * Clicking a point focuses its client.
 */
public final class DataView extends CanvasView {

    static final double LEFT = 64;
    static final double RIGHT = 16;
    static final double TOP = 34;
    static final double BOTTOM = 48;

    private final Canvas points = new Canvas();
    private Object pointsDrawnFor;
    private IntConsumer onClientClicked = k -> { };
    private Params drawnGlobal;

    public DataView(ViewOptions options) {
        super(options);
        getChildren().add(0, points);
        canvas.setOnMouseClicked(e -> onClientClicked.accept(clientAt(e.getX(), e.getY())));
    }

    /** The global line drawn last (original units), or null when none was drawn: for tests of what is on screen. */
    public Params drawnGlobalLine() {
        return drawnGlobal;
    }

    /** Called with the client whose point was clicked, or -1 for a click beside every point. */
    public void setOnClientClicked(IntConsumer handler) {
        this.onClientClicked = handler;
    }

    @Override
    protected void layoutChildren() {
        points.setWidth(snapSizeX(getWidth()));
        points.setHeight(snapSizeY(getHeight()));
        super.layoutChildren();
    }

    Axes xAxis(RunInfo run, double width) {
        return new Axes(run.bounds().xMin(), run.bounds().xMax(), LEFT, width - RIGHT);
    }

    Axes yAxis(RunInfo run, double height) {
        return new Axes(run.bounds().yMin(), run.bounds().yMax(), height - BOTTOM, TOP);
    }

    @Override
    protected void draw(GraphicsContext g, Snapshot s, double width, double height) {
        RunInfo run = s.run();
        Axes ax = xAxis(run, width);
        Axes ay = yAxis(run, height);
        drawPointsLayer(run, ax, ay, width, height);

        g.save();
        g.beginPath();
        g.rect(LEFT, TOP, width - LEFT - RIGHT, height - TOP - BOTTOM);
        g.clip();
        if (options.showClientFits.get()) {
            g.setLineDashes(options.line(2), options.line(4));
            for (int k = 0; k < run.clientCount(); k++) {
                ClientSummary c = run.summaries().get(k);
                if (c.ownFit() != null) {
                    line(g, ax, ay, c.ownFit(), fade(Palette.client(k), k), options.line(1.5));
                }
            }
            g.setLineDashes();
        }
        if (options.showClientLines.get()) {
            for (int k = 0; k < run.clientCount(); k++) {
                Params m = s.clientModel(k);
                if (m != null) {
                    line(g, ax, ay, m, fade(Palette.client(k), k), options.line(options.isFocused(k) ? 3.5 : 2));
                }
            }
        }
        if (options.showLeastSquares.get() && run.optimum() != null) {
            g.setLineDashes(options.line(10), options.line(7));
            line(g, ax, ay, run.optimum(), Palette.TARGET, options.line(2.5));
            g.setLineDashes();
        }
        drawnGlobal = null;
        if (options.showGlobalLine.get() && s.globalOriginal().isFinite()) {
            line(g, ax, ay, s.globalOriginal(), Palette.GLOBAL, options.line(4));
            drawnGlobal = s.globalOriginal();
        }
        g.restore();
        drawLegend(g, s, width);
    }

    private void drawPointsLayer(RunInfo run, Axes ax, Axes ay, double width, double height) {
        Object key = java.util.List.of(run, width, height, options.focusedClient.get(), options.showPoints.get(),
                options.showTestPoints.get(), options.projector.get());
        if (key.equals(pointsDrawnFor)) {
            return;
        }
        pointsDrawnFor = key;
        GraphicsContext g = points.getGraphicsContext2D();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, width, height);
        drawAxes(g, run, ax, ay, width, height);
        if (!options.showPoints.get()) {
            return;
        }
        int total = run.data().trainSize() + run.data().testSize();
        // many points: smaller squares without edges, which the canvas draws far faster than outlined circles
        boolean dense = total > 5000;
        double r = options.line(dense ? 1.6 : total > 1000 ? 2.6 : 4);
        int focused = options.focusedClient.get();
        for (int pass = 0; pass < 2; pass++) {
            for (int k = 0; k < run.clientCount(); k++) {
                // the focused client is drawn last, on top
                if ((pass == 1) != (k == focused)) {
                    continue;
                }
                ClientData c = run.data().client(k);
                Color fill = fade(Palette.client(k), k);
                Color edge = fade(Palette.clientEdge(k), k);
                g.setFill(fill);
                g.setStroke(edge);
                g.setLineWidth(options.line(0.8));
                for (int i = 0; i < c.trainSize(); i++) {
                    double px = ax.px(c.trainX(i));
                    double py = ay.px(c.trainY(i));
                    if (dense) {
                        g.fillRect(px - r, py - r, 2 * r, 2 * r);
                    } else {
                        g.fillOval(px - r, py - r, 2 * r, 2 * r);
                        g.strokeOval(px - r, py - r, 2 * r, 2 * r);
                    }
                }
                if (options.showTestPoints.get()) {
                    g.setStroke(fill.deriveColor(0, 1, 0.85, 1));
                    g.setLineWidth(options.line(1.5));
                    for (int i = 0; i < c.testSize(); i++) {
                        double px = ax.px(c.testX(i));
                        double py = ay.px(c.testY(i));
                        g.strokeOval(px - r, py - r, 2 * r, 2 * r);
                    }
                }
            }
        }
    }

    private void drawAxes(GraphicsContext g, RunInfo run, Axes ax, Axes ay, double width, double height) {
        g.setStroke(Color.web("#E4E4E4"));
        g.setLineWidth(1);
        g.setFill(Color.web("#333333"));
        g.setFont(font(12));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (double v : ax.ticks((int) Math.max(3, (width - LEFT) / 110))) {
            double px = ax.px(v);
            g.strokeLine(px, TOP, px, height - BOTTOM);
            g.fillText(Axes.label(v), px, height - BOTTOM + 4);
        }
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        for (double v : ay.ticks((int) Math.max(3, (height - TOP) / 70))) {
            double py = ay.px(v);
            g.strokeLine(LEFT, py, width - RIGHT, py);
            g.fillText(Axes.label(v), LEFT - 6, py);
        }
        g.setStroke(Color.web("#888888"));
        g.strokeRect(LEFT, TOP, width - LEFT - RIGHT, height - TOP - BOTTOM);
        g.setFont(font(13));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.BOTTOM);
        g.fillText(run.data().xLabel(), (LEFT + width - RIGHT) / 2, height - 4);
        g.save();
        g.translate(14, (TOP + height - BOTTOM) / 2);
        g.rotate(-90);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(run.data().yLabel(), 0, 0);
        g.restore();
    }

    private void drawLegend(GraphicsContext g, Snapshot s, double width) {
        g.setFont(font(13));
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.LEFT);
        double x = LEFT;
        double y = TOP / 2;
        g.setStroke(Palette.GLOBAL);
        g.setLineWidth(options.line(4));
        g.strokeLine(x, y, x + 26, y);
        g.setFill(Color.web("#222222"));
        String global = I18n.t("data.legend.global");
        g.fillText(global, x + 32, y);
        x += 32 + textWidth(global, g.getFont()) + 24;
        g.setStroke(Palette.TARGET);
        g.setLineWidth(options.line(2.5));
        g.setLineDashes(options.line(10), options.line(7));
        g.strokeLine(x, y, x + 26, y);
        g.setLineDashes();
        String target = fitText(I18n.t("data.legend.leastSquares"), g.getFont(), width - RIGHT - x - 32);
        g.fillText(target, x + 32, y);
        x += 32 + textWidth(target, g.getFont()) + 24;
        if (options.showClientLines.get() && x < width - 200) {
            for (int k = 0; k < Math.min(3, s.run().clientCount()); k++) {
                g.setStroke(Palette.client(k));
                g.setLineWidth(options.line(2));
                g.strokeLine(x + k * 9, y + 6, x + k * 9 + 8, y - 6);
            }
            g.fillText(I18n.t("data.legend.clients"), x + 32, y);
        }
    }

    private Color fade(Color c, int client) {
        return options.isDimmed(client) ? c.deriveColor(0, 0.35, 1.25, 0.25) : c;
    }

    private static void line(GraphicsContext g, Axes ax, Axes ay, Params m, Color colour, double width) {
        g.setStroke(colour);
        g.setLineWidth(width);
        double x0 = ax.from();
        double x1 = ax.to();
        if (m.size() == 2) {
            g.strokeLine(ax.px(x0), ay.px(m.w() * x0 + m.b()), ax.px(x1), ay.px(m.w() * x1 + m.b()));
            return;
        }
        // a curve: a polyline through a point every 3 pixels, held near the plot so that the clip can cut it
        int steps = Math.max(16, (int) Math.ceil(Math.abs(ax.px(x1) - ax.px(x0)) / 3));
        double limit = 10 * Math.abs(ay.px(ay.from()) - ay.px(ay.to())) + 1e3;
        g.beginPath();
        for (int i = 0; i <= steps; i++) {
            double x = x0 + (x1 - x0) * i / steps;
            double py = Math.max(-limit, Math.min(limit, ay.px(m.valueAt(x))));
            if (i == 0) {
                g.moveTo(ax.px(x), py);
            } else {
                g.lineTo(ax.px(x), py);
            }
        }
        g.stroke();
    }

    /** The client of the point nearest to (px, py) within a few pixels, or -1. */
    int clientAt(double px, double py) {
        Snapshot s = snapshot();
        if (s == null) {
            return -1;
        }
        Axes ax = xAxis(s.run(), canvas.getWidth());
        Axes ay = yAxis(s.run(), canvas.getHeight());
        double best = options.line(8) * options.line(8);
        int found = -1;
        for (int k = 0; k < s.run().clientCount(); k++) {
            ClientData c = s.run().data().client(k);
            for (int i = 0; i < c.trainSize(); i++) {
                double dx = ax.px(c.trainX(i)) - px;
                double dy = ay.px(c.trainY(i)) - py;
                if (dx * dx + dy * dy < best) {
                    best = dx * dx + dy * dy;
                    found = k;
                }
            }
        }
        return found;
    }
}
