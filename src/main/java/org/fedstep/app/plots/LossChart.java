package org.fedstep.app.plots;

import javafx.scene.canvas.GraphicsContext;
import org.fedstep.app.run.Snapshot;
import org.fedstep.app.theme.ViewOptions;

/** Losses per round: to be drawn by the charts work. */
public final class LossChart extends CanvasView {

    public LossChart(ViewOptions options) {
        super(options);
    }

    @Override
    protected void draw(GraphicsContext g, Snapshot s, double width, double height) {
    }
}
