package org.fedstep.app.prefs;

import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * Puts the window where it was last time, and remembers where it is when it closes. A remembered place that no
 * screen shows any more (a projector unplugged since) is not used: the window then opens at its default size.
 */
public final class WindowPlacement {

    private WindowPlacement() { }

    /** Before the window is first shown: its last size and place, if they still fit a screen. */
    public static void restore(Stage stage, AppPreferences prefs) {
        AppPreferences.WindowBounds w = prefs.window();
        if (w == null) {
            return;
        }
        Rectangle2D wanted = new Rectangle2D(w.x(), w.y(), w.width(), w.height());
        // at least a corner of the title bar must be on a screen, so the window can be grabbed and moved
        Rectangle2D titleBar = new Rectangle2D(w.x(), w.y(), Math.min(w.width(), 200), 40);
        boolean visible = Screen.getScreens().stream().anyMatch(s -> s.getVisualBounds().intersects(titleBar));
        if (!visible) {
            return;
        }
        Rectangle2D screen = Screen.getScreensForRectangle(wanted).stream().findFirst()
                .orElse(Screen.getPrimary()).getVisualBounds();
        stage.setX(w.x());
        stage.setY(w.y());
        stage.setWidth(Math.min(w.width(), screen.getWidth()));
        stage.setHeight(Math.min(w.height(), screen.getHeight()));
        stage.setMaximized(w.maximized());
    }

    /** Remembers the window's place and size whenever it is hidden (closed). */
    public static void rememberOnClose(Stage stage, AppPreferences prefs) {
        stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_HIDING, e -> {
            if (stage.isMaximized()) {
                // keep the normal bounds from before, only the maximised flag changes
                AppPreferences.WindowBounds old = prefs.window();
                if (old != null) {
                    prefs.setWindow(new AppPreferences.WindowBounds(old.x(), old.y(), old.width(), old.height(), true));
                    return;
                }
            }
            prefs.setWindow(new AppPreferences.WindowBounds(stage.getX(), stage.getY(), stage.getWidth(),
                    stage.getHeight(), stage.isMaximized()));
        });
    }
}
