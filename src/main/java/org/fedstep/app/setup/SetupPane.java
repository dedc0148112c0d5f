package org.fedstep.app.setup;

import java.util.function.Consumer;
import javafx.scene.layout.VBox;
import org.fedstep.app.run.Snapshot;
import org.fedstep.core.settings.Settings;

/** Choosing the data, the clients, the partition, training and the server: being written. */
public final class SetupPane extends VBox {

    /** @param apply called with new settings when the user applies them (the window asks before discarding a run) */
    public SetupPane(Consumer<Settings> apply) {
        getStyleClass().add("setup");
    }

    /** Offers a CSV file (dropped or opened) to the data choice, with its column picker. */
    public void offerCsv(java.nio.file.Path file) {
    }

    /** Shows the settings of the run on screen. */
    public void show(Snapshot s) {
    }
}
