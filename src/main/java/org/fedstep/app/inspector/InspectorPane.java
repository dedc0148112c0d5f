package org.fedstep.app.inspector;

import javafx.scene.layout.VBox;
import org.fedstep.app.run.Snapshot;
import org.fedstep.app.theme.ViewOptions;

/** What crossed the wire in the current phase, and the phase's formula with the real numbers: being written. */
public final class InspectorPane extends VBox {

    public InspectorPane(ViewOptions options) {
        getStyleClass().add("inspector");
    }

    public void show(Snapshot s) {
    }
}
