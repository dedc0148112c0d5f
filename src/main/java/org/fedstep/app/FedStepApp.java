package org.fedstep.app;

import javafx.application.Application;
import javafx.stage.Stage;
import org.fedstep.app.i18n.I18n;
import org.fedstep.app.prefs.AppPreferences;
import org.fedstep.app.prefs.WindowPlacement;
import org.fedstep.app.run.RunModel;
import org.fedstep.app.theme.AppIcon;

/**
 * The desktop app: opens the window on the source article's example, in the language chosen last time. Options for a
 * classroom machine: {@code --lang=en|zh} (for this run), {@code --preset=NAME} (one of sample-data/configs),
 * {@code --projector} (for this run; the View menu's choice is remembered), and {@code --lesson=ID|FOLDER} with {@code --step=N} to open a lesson at a step (without it, where the student left
 * it).
 */
public final class FedStepApp extends Application {

    /** Prints how long the first frame took after the process started, then quits (installers/measure-startup.sh). */
    public static final String STARTUP_FLAG = "--measure-startup";

    private RunModel model;

    public static void launchApp(String[] args) {
        Application.launch(FedStepApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        var named = getParameters().getNamed();
        String lang = named.get("lang");
        I18n.use(lang == null ? I18n.savedLanguage() : I18n.LANGUAGES.stream()
                .filter(l -> l.getLanguage().equals(lang)).findFirst().orElse(I18n.savedLanguage()), false);
        model = new RunModel();
        AppPreferences prefs = AppPreferences.shared();
        MainWindow window = new MainWindow(stage, model);
        // --projector is for this run; a choice made in the View menu is remembered
        window.options().projector.set(getParameters().getRaw().contains("--projector") || prefs.projector());
        window.options().projector.addListener((o, was, on) -> prefs.setProjector(on));
        WindowPlacement.restore(stage, prefs);
        WindowPlacement.rememberOnClose(stage, prefs);
        stage.getIcons().addAll(AppIcon.images());
        window.open(named.getOrDefault("preset", MainWindow.START_PRESET));
        window.tellPreferencesProblem(prefs.problem());
        if (getParameters().getRaw().contains(STARTUP_FLAG)) {
            StartupProbe.reportFirstFrameAndExit(window::isShowingRun);
        }
        if (named.containsKey("lesson")) {
            // without --step (or with one that is not a number) the lesson goes on where the student left it
            int step = 0;
            try {
                step = Integer.parseInt(named.getOrDefault("step", "0"));
            } catch (NumberFormatException e) {
                step = 0;
            }
            window.openLesson(named.get("lesson"), step);
        }
    }

    @Override
    public void stop() {
        if (model != null) {
            model.shutdown();
        }
    }
}
