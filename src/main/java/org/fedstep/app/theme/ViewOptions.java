package org.fedstep.app.theme;

import javafx.beans.Observable;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.fedstep.app.run.ComparedRun;

/**
 * What the views show and how: shared by every view, so a toggle or a focused client changes them all at once.
 */
public final class ViewOptions {

    /** Large text, thick lines, high contrast, for a projector. */
    public final BooleanProperty projector = new SimpleBooleanProperty(false);
    /** The client in focus everywhere, or -1. */
    public final IntegerProperty focusedClient = new SimpleIntegerProperty(-1);
    public final BooleanProperty showPoints = new SimpleBooleanProperty(true);
    public final BooleanProperty showClientLines = new SimpleBooleanProperty(true);
    public final BooleanProperty showGlobalLine = new SimpleBooleanProperty(true);
    public final BooleanProperty showLeastSquares = new SimpleBooleanProperty(true);
    public final BooleanProperty showClientFits = new SimpleBooleanProperty(false);
    public final BooleanProperty showTestPoints = new SimpleBooleanProperty(true);
    public final BooleanProperty logLoss = new SimpleBooleanProperty(true);
    /** Runs drawn beside the student's (a lesson step's comparison); empty for none. */
    public final ObjectProperty<List<ComparedRun>> comparisons = new SimpleObjectProperty<>(List.of());

    /** Everything a redraw depends on, for views to listen to. */
    public Observable[] all() {
        return new Observable[] {projector, focusedClient, showPoints, showClientLines, showGlobalLine,
            showLeastSquares, showClientFits, showTestPoints, logLoss, comparisons};
    }

    /** Line width scaled for the projector. */
    public double line(double normal) {
        return projector.get() ? normal * 2 : normal;
    }

    /** Font size scaled for the projector. */
    public double font(double normal) {
        return projector.get() ? normal * 1.6 : normal;
    }

    public boolean isFocused(int client) {
        return focusedClient.get() == client;
    }

    public boolean isDimmed(int client) {
        return focusedClient.get() >= 0 && focusedClient.get() != client;
    }
}
