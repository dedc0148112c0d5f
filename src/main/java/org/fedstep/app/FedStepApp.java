package org.fedstep.app;

import javafx.application.Application;
import javafx.stage.Stage;
import org.fedstep.app.i18n.I18n;
import org.fedstep.app.run.RunModel;

/** The desktop app: opens the window on the source article's example, in the language chosen last time. */
public final class FedStepApp extends Application {

    private RunModel model;

    public static void launchApp(String[] args) {
        Application.launch(FedStepApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        I18n.use(I18n.savedLanguage(), false);
        model = new RunModel();
        new MainWindow(stage, model).open();
    }

    @Override
    public void stop() {
        if (model != null) {
            model.shutdown();
        }
    }
}
