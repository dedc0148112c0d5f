package org.fedstep.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import org.fedstep.app.i18n.I18n;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window starts headless under Monocle on the article's example and steps through a round: proof that the UI
 * test setup of ./mvnw verify works on a machine without a display.
 */
class FedStepAppSmokeTest {

    private final FxRobot robot = new FxRobot();
    private javafx.application.Application app;

    @BeforeEach
    void start() throws Exception {
        org.fedstep.app.prefs.AppPreferences.shared().setLanguage(Locale.ENGLISH.toLanguageTag());
        FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(FedStepApp.class);
        waitForPosition("Start");
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    private String position() {
        return robot.lookup("#position").queryAs(Label.class).getText();
    }

    private void waitForPosition(String prefix) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> position().startsWith(prefix));
    }

    @Test
    void opensOnTheArticleExampleAndStepsThroughTheFivePhases() throws Exception {
        robot.clickOn("#nextPhase");
        waitForPosition("Round 1, phase 1 of 5: Broadcast");
        for (int i = 0; i < 4; i++) {
            robot.clickOn("#nextPhase");
        }
        waitForPosition("Round 1, phase 5 of 5: Update");
        robot.clickOn("#back");
        waitForPosition("Round 1, phase 4 of 5: Aggregate");
        assertThat(position()).isEqualTo("Round 1, phase 4 of 5: Aggregate");
    }

    @Test
    void theArrowKeysStepWhereverTheFocusIs() throws Exception {
        for (int i = 0; i < 4; i++) {
            robot.type(javafx.scene.input.KeyCode.RIGHT);
            WaitForAsyncUtils.waitForFxEvents();
        }
        waitForPosition("Round 1, phase 4 of 5");
        robot.press(javafx.scene.input.KeyCode.SHIFT).type(javafx.scene.input.KeyCode.RIGHT)
                .release(javafx.scene.input.KeyCode.SHIFT);
        waitForPosition("Round 1, phase 5 of 5");
        robot.press(javafx.scene.input.KeyCode.SHIFT).type(javafx.scene.input.KeyCode.RIGHT)
                .release(javafx.scene.input.KeyCode.SHIFT);
        waitForPosition("Round 2, phase 5 of 5");
        robot.type(javafx.scene.input.KeyCode.LEFT);
        waitForPosition("Round 2, phase 4 of 5");
    }

    @Test
    void aDamagedPreferencesFileIsNamedAndProjectorModeIsRemembered() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
        java.nio.file.Path file = org.fedstep.app.prefs.AppPreferences.defaultFolder()
                .resolve(org.fedstep.app.prefs.AppPreferences.FILE);
        java.nio.file.Files.createDirectories(file.getParent());
        java.nio.file.Files.writeString(file, "{ \"language\": ");
        org.fedstep.app.prefs.AppPreferences.reloadShared();
        app = FxToolkit.setupApplication(FedStepApp.class);
        waitForPosition("Start");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#status").queryAs(Label.class).getText()
                .contains("could not be read"));
        assertThat(robot.lookup("#status").queryAs(Label.class).getText()).contains(file.toString());

        // projector mode chosen in the View menu (F5) comes back at the next start
        robot.type(javafx.scene.input.KeyCode.F5);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(org.fedstep.app.prefs.AppPreferences.shared().projector()).isTrue();
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
        org.fedstep.app.prefs.AppPreferences.reloadShared();
        assertThat(org.fedstep.app.prefs.AppPreferences.shared().projector()).isTrue();
        assertThat(org.fedstep.app.prefs.AppPreferences.shared().window()).as("the window's size, saved on close")
                .isNotNull();
        app = FxToolkit.setupApplication(FedStepApp.class);
        waitForPosition("Start");
        assertThat(robot.lookup(".fedstep").query().getStyleClass()).contains("projector");
        robot.type(javafx.scene.input.KeyCode.F5);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(org.fedstep.app.prefs.AppPreferences.shared().projector()).isFalse();
    }
}
