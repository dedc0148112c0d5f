package org.fedstep.app.plots;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.text.Font;
import org.fedstep.app.run.Snapshot;
import org.fedstep.app.theme.ViewOptions;

/**
 * A view drawn on one Canvas that fills its region: thousands of points cost one draw call each instead of one Node
 * each. Subclasses draw the current snapshot in {@link #draw}; a redraw happens when the snapshot, the size or any
 * view option changes.
 */
public abstract class CanvasView extends Region {

    protected final Canvas canvas = new Canvas();
    protected final ViewOptions options;
    private Snapshot snapshot;

    protected CanvasView(ViewOptions options) {
        this.options = options;
        getChildren().add(canvas);
        getStyleClass().add("canvas-view");
        for (var o : options.all()) {
            o.addListener(x -> redraw());
        }
        setMinSize(160, 120);
        setPrefSize(480, 360);
    }

    public void show(Snapshot s) {
        this.snapshot = s;
        redraw();
    }

    protected Snapshot snapshot() {
        return snapshot;
    }

    @Override
    protected void layoutChildren() {
        double w = snapSizeX(getWidth());
        double h = snapSizeY(getHeight());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            redraw();
        }
    }

    public final void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        if (snapshot != null && canvas.getWidth() > 0 && canvas.getHeight() > 0) {
            g.save();
            draw(g, snapshot, canvas.getWidth(), canvas.getHeight());
            g.restore();
        }
    }

    protected abstract void draw(GraphicsContext g, Snapshot s, double width, double height);

    /** A font of the given normal size, enlarged in projector mode. */
    protected Font font(double size) {
        return Font.font("System", options.font(size));
    }

    /** The width of a text in a font, for laying labels out on a canvas. */
    public static double textWidth(String text, Font font) {
        javafx.scene.text.Text t = new javafx.scene.text.Text(text);
        t.setFont(font);
        return t.getLayoutBounds().getWidth();
    }

    /** The text, cut short with "…" where it is wider than the room (a legend in a narrow projector pane). */
    public static String fitText(String text, Font font, double room) {
        if (textWidth(text, font) <= room) {
            return text;
        }
        for (int n = text.length() - 1; n > 1; n--) {
            String cut = text.substring(0, n).stripTrailing() + "…";
            if (textWidth(cut, font) <= room) {
                return cut;
            }
        }
        return text.substring(0, 1) + "…";
    }

    /** A whole number in subscript digits, for θ₀, θ₁₂. */
    public static String subscript(int n) {
        String digits = Integer.toString(n);
        StringBuilder out = new StringBuilder(digits.length());
        for (char ch : digits.toCharArray()) {
            out.append(ch == '-' ? '₋' : (char) ('₀' + (ch - '0')));
        }
        return out.toString();
    }

    /** The canvas, for exporting this view as an image. */
    public Canvas canvas() {
        return canvas;
    }
}
