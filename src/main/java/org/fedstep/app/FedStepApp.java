package org.fedstep.app;

import javafx.application.Application;
import javafx.stage.Stage;
import org.fedstep.app.i18n.I18n;
import org.fedstep.app.run.RunModel;

/**
 * The desktop app: opens the window on the source article's example, in the language chosen last time. Options for a
 * classroom machine: {@code --lang=en|zh} (for this run), {@code --preset=NAME} (one of sample-data/configs),
 * {@code --projector}, and {@code --lesson=ID|FOLDER} with {@code --step=N} to open a lesson at a step (without it, where the student left
 * it).
 */
public final class FedStepApp extends Application {

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
        MainWindow window = new MainWindow(stage, model);
        window.options().projector.set(getParameters().getRaw().contains("--projector"));
        window.open(named.getOrDefault("preset", MainWindow.START_PRESET));
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
