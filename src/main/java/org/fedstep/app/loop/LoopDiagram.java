package org.fedstep.app.loop;

import java.util.function.IntConsumer;
import javafx.animation.Interpolator;
import javafx.animation.KeyFrame;
import javafx.animation.KeyValue;
import javafx.animation.Timeline;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;
import org.fedstep.app.i18n.I18n;
import org.fedstep.app.plots.CanvasView;
import org.fedstep.app.run.Snapshot;
import org.fedstep.app.theme.Palette;
import org.fedstep.app.theme.ViewOptions;
import org.fedstep.core.fl.Phase;
import org.fedstep.core.fl.Position;

/**
 * The federated loop as a picture: the server above, the clients below, the five phases as a strip with the current
 * one lit, and what moves in this phase drawn moving: the global model going down to the sampled clients, updates
 * going up, the sum forming at the server. Clients not sampled are grey; a client that dropped out has its upload cut.
 */
public final class LoopDiagram extends CanvasView {

    private static final double STRIP = 40;

    /** 0 to 1: how far this phase's movement has gone; animated when the phase changes. */
    private final DoubleProperty progress = new SimpleDoubleProperty(1);
    private final Timeline animation = new Timeline();
    private Position shownAt;
    private IntConsumer onClientClicked = k -> { };
    private java.util.function.Consumer<Phase> onPhaseClicked = p -> { };

    public LoopDiagram(ViewOptions options) {
        super(options);
        progress.addListener(o -> redraw());
        canvas.setOnMouseClicked(e -> {
            Phase p = phaseAt(e.getX(), e.getY());
            if (p != null) {
                onPhaseClicked.accept(p);
            } else {
                onClientClicked.accept(clientAt(e.getX(), e.getY()));
            }
        });
        // the phase strip is a row of buttons: the hand says so
        canvas.setOnMouseMoved(e -> canvas.setCursor(phaseAt(e.getX(), e.getY()) != null
                ? javafx.scene.Cursor.HAND : javafx.scene.Cursor.DEFAULT));
        setPrefSize(480, 260);
    }

    public void setOnClientClicked(IntConsumer handler) {
        this.onClientClicked = handler;
    }

    /** What a click on a phase of the strip asks for: that phase of the round on show. */
    public void setOnPhaseClicked(java.util.function.Consumer<Phase> handler) {
        this.onPhaseClicked = handler;
    }

    /** The phase of the strip at (x, y), or null outside it. */
    Phase phaseAt(double x, double y) {
        if (snapshot() == null || y < 4 || y > STRIP - 4) {
            return null;
        }
        double w = (canvas.getWidth() - 12) / 5;
        int i = (int) Math.floor((x - 6) / w);
        return i < 0 || i >= 5 ? null : Phase.values()[i];
    }

    @Override
    public void show(Snapshot s) {
        boolean moved = shownAt != null && s != null && !s.position().equals(shownAt)
                && s.position().equals(shownAt.next());
        shownAt = s == null ? null : s.position();
        animation.stop();
        if (moved) {
            // one phase forward: play its movement; jumps and steps back show the end state at once
            progress.set(0);
            animation.getKeyFrames().setAll(new KeyFrame(Duration.millis(650),
                    new KeyValue(progress, 1, Interpolator.EASE_BOTH)));
            animation.playFromStart();
        } else {
            progress.set(1);
        }
        super.show(s);
    }

    /** Where client k's circle is drawn. */
    private double[] clientCentre(int k, int count, double width, double height) {
        double left = 30;
        double right = width - 30;
        double x = count == 1 ? width / 2 : left + (right - left) * k / (count - 1.0);
        return new double[] {x, height - clientRadius(count, width) - options.font(11) - 12};
    }

    private double clientRadius(int count, double width) {
        return Math.max(4, Math.min(options.line(18), (width - 60) / Math.max(count, 1) / 2.6));
    }

    private double[] serverCentre(double width) {
        return new double[] {width / 2, STRIP + captionHeight() + 30};
    }

    private double captionHeight() {
        return options.font(13) + 12;
    }

    /** θ with a subscript round number: θ₀, θ₁₂. */
    static String theta(int round) {
        return "θ" + subscript(round);
    }

    @Override
    protected void draw(GraphicsContext g, Snapshot s, double width, double height) {
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, width, height);
        drawStrip(g, s, width);
        int count = s.run().clientCount();
        double r = clientRadius(count, width);
        double[] server = serverCentre(width);
        Phase phase = s.phase();
        double t = progress.get();

        // links: down in broadcast, up in upload and aggregate
        for (int k = 0; k < count; k++) {
            double[] c = clientCentre(k, count, width, height);
            boolean sampled = s.active(k);
            g.setLineDashes();
            g.setStroke(sampled ? Color.web("#9A9A9A") : Color.web("#E2E2E2"));
            g.setLineWidth(options.line(sampled ? 1.5 : 1));
            g.strokeLine(server[0], server[1] + 24, c[0], c[1] - r);
            if (!sampled || phase == null) {
                continue;
            }
            double sx = server[0];
            double sy = server[1] + 24;
            double cx = c[0];
            double cy = c[1] - r;
            if (phase == Phase.BROADCAST) {
                movingDot(g, sx, sy, cx, cy, t, Palette.GLOBAL);
            } else if (phase == Phase.UPLOAD || phase == Phase.AGGREGATE) {
                if (s.droppedOut(k)) {
                    // the upload starts and is cut: a red cross halfway
                    double mx = cx + (sx - cx) * 0.45;
                    double my = cy + (sy - cy) * 0.45;
                    g.setStroke(Color.web("#C00000"));
                    g.setLineWidth(options.line(3));
                    double d = options.line(7);
                    g.strokeLine(mx - d, my - d, mx + d, my + d);
                    g.strokeLine(mx - d, my + d, mx + d, my - d);
                } else if (phase == Phase.UPLOAD) {
                    movingDot(g, cx, cy, sx, sy, t, Palette.client(k));
                } else {
                    g.setStroke(Palette.client(k));
                    g.setLineWidth(options.line(3));
                    g.strokeLine(cx, cy, cx + (sx - cx) * t, cy + (sy - cy) * t);
                }
            }
        }

        // the server
        boolean serverActive = phase == Phase.AGGREGATE || phase == Phase.UPDATE || phase == Phase.BROADCAST;
        g.setFill(serverActive ? Color.web("#FFF4D6") : Color.web("#F4F4F4"));
        g.setStroke(serverActive ? Color.web("#B07A00") : Color.web("#777777"));
        g.setLineWidth(options.line(2));
        double sw = Math.min(options.line(190), width * 0.5);
        g.fillRoundRect(server[0] - sw / 2, server[1] - 24, sw, 48, 14, 14);
        g.strokeRoundRect(server[0] - sw / 2, server[1] - 24, sw, 48, 14, 14);
        g.setFill(Color.web("#222222"));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.setFont(Font.font("System", FontWeight.BOLD, options.font(14)));
        String model = theta(s.completedAtCursor());
        g.fillText(I18n.t("loop.server") + "   " + model, server[0], server[1]);

        // the clients
        for (int k = 0; k < count; k++) {
            double[] c = clientCentre(k, count, width, height);
            boolean sampled = s.atStart() || s.active(k);
            Color colour = sampled ? Palette.client(k) : Palette.INACTIVE;
            boolean training = phase == Phase.LOCAL_TRAINING && s.active(k);
            if (training) {
                // a ring that grows while the client trains
                g.setStroke(Palette.client(k));
                g.setLineWidth(options.line(2.5));
                g.strokeArc(c[0] - r - 5, c[1] - r - 5, 2 * r + 10, 2 * r + 10, 90, -360 * t,
                        javafx.scene.shape.ArcType.OPEN);
            }
            g.setFill(options.isDimmed(k) ? colour.deriveColor(0, 0.4, 1.2, 0.35) : colour);
            g.fillOval(c[0] - r, c[1] - r, 2 * r, 2 * r);
            g.setStroke(options.isFocused(k) ? Color.BLACK : sampled ? Palette.clientEdge(k) : Color.web("#AAAAAA"));
            g.setLineWidth(options.line(options.isFocused(k) ? 3 : 1));
            if (!sampled) {
                g.setLineDashes(3, 3);
            }
            g.strokeOval(c[0] - r, c[1] - r, 2 * r, 2 * r);
            g.setLineDashes();
            // names under the circles when there is room; otherwise the client's number inside it
            double spacing = count == 1 ? width : (width - 60) / (count - 1.0);
            g.setFont(font(11));
            String label = shortName(s.run().clientName(k));
            if (textWidth(label, g.getFont()) + 8 < spacing) {
                g.setFill(Color.web("#333333"));
                g.setTextBaseline(VPos.TOP);
                g.fillText(label, c[0], c[1] + r + 4);
            } else if (r >= options.font(7)) {
                g.setFill(sampled && colour.getBrightness() > 0.75 ? Color.BLACK : Color.WHITE);
                g.setFont(Font.font("System", FontWeight.BOLD, Math.min(options.font(11), r)));
                g.setTextBaseline(VPos.CENTER);
                g.fillText(Integer.toString(k + 1), c[0], c[1]);
            }
        }
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.CENTER);
        g.setFont(font(13));
        g.setFill(Color.web("#333333"));
        g.fillText(caption(s), width / 2, STRIP + captionHeight() / 2, width - 16);
    }

    private void movingDot(GraphicsContext g, double x0, double y0, double x1, double y1, double t, Color colour) {
        g.setStroke(colour);
        g.setLineWidth(options.line(3));
        g.strokeLine(x0, y0, x0 + (x1 - x0) * t, y0 + (y1 - y0) * t);
        double d = options.line(7);
        g.setFill(colour);
        g.fillOval(x0 + (x1 - x0) * t - d / 2, y0 + (y1 - y0) * t - d / 2, d, d);
    }

    private void drawStrip(GraphicsContext g, Snapshot s, double width) {
        double w = (width - 12) / 5;
        for (Phase p : Phase.values()) {
            double x = 6 + (p.number() - 1) * w;
            boolean current = p == s.phase();
            boolean done = s.reached(p) && !current;
            g.setFill(current ? Color.web("#1F5FAD") : done ? Color.web("#DCE7F5") : Color.web("#F1F1F1"));
            g.fillRoundRect(x + 2, 4, w - 4, STRIP - 8, 10, 10);
            g.setFill(current ? Color.WHITE : Color.web("#333333"));
            g.setFont(Font.font("System", current ? FontWeight.BOLD : FontWeight.NORMAL, options.font(13)));
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(p.number() + " " + I18n.t("phase." + p.key()), x + w / 2, STRIP / 2, w - 8);
        }
    }

    private String caption(Snapshot s) {
        if (s.atStart()) {
            return I18n.t("loop.caption.start");
        }
        String key = "loop.caption." + s.phase().key();
        String variant = key + s.run().phaseVariant();
        return I18n.t(I18n.has(variant) ? variant : key, s.detail().broadcast().recipients().size(),
                s.run().clientCount());
    }

    private static String shortName(String name) {
        return name.length() > 12 ? name.substring(0, 11) + "…" : name;
    }

    private int clientAt(double x, double y) {
        Snapshot s = snapshot();
        if (s == null) {
            return -1;
        }
        int count = s.run().clientCount();
        double r = clientRadius(count, canvas.getWidth());
        for (int k = 0; k < count; k++) {
            double[] c = clientCentre(k, count, canvas.getWidth(), canvas.getHeight());
            if (Math.hypot(c[0] - x, c[1] - y) <= r + 4) {
                return k;
            }
        }
        return -1;
    }
}
