package org.fedstep.app.plots;

import javafx.scene.canvas.GraphicsContext;
import org.fedstep.app.run.Snapshot;
import org.fedstep.app.theme.ViewOptions;

/** Parameter space (w, b): to be drawn by the charts work (contours, optima, client paths, the global path). */
public final class ParameterSpaceView extends CanvasView {

    public ParameterSpaceView(ViewOptions options) {
        super(options);
    }

    @Override
    protected void draw(GraphicsContext g, Snapshot s, double width, double height) {
    }
}
