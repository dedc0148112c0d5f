package org.fedstep.app;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window starts headless under Monocle and steps through a round: proof that the UI test setup of
 * ./mvnw verify works on a machine without a display.
 */
class FedStepAppSmokeTest {

    private final FxRobot robot = new FxRobot();
    private javafx.application.Application app;

    @BeforeEach
    void start() throws Exception {
        FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(FedStepApp.class);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    private String status() {
        return robot.lookup("#status").queryAs(Label.class).getText();
    }

    @Test
    void opensOnTheArticleExampleAndStepsThroughTheFivePhases() {
        assertThat(status()).startsWith("Start");
        robot.clickOn("#nextPhase");
        assertThat(status()).startsWith("Round 1, phase 1 of 5: broadcast");
        for (int i = 0; i < 4; i++) {
            robot.clickOn("#nextPhase");
        }
        assertThat(status()).startsWith("Round 1, phase 5 of 5: update");
        robot.clickOn("#back");
        assertThat(status()).startsWith("Round 1, phase 4 of 5: aggregate");
    }
}
