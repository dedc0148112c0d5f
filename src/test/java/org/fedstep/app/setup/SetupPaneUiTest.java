package org.fedstep.app.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.TextField;
import org.fedstep.app.FedStepApp;
import org.fedstep.app.i18n.I18n;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The setup pane in the real window, headless: it shows the article's settings, refuses a bad value, applies. */
class SetupPaneUiTest {

    private final FxRobot robot = new FxRobot();
    private javafx.application.Application app;

    @BeforeEach
    void start() throws Exception {
        org.fedstep.app.prefs.AppPreferences.shared().setLanguage(Locale.ENGLISH.toLanguageTag());
        FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(FedStepApp.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> field(SetupModel.LEARNING_RATE).getText().equals("0.01"));
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    private TextField field(String key) {
        return robot.lookup("#" + SetupPane.id(key)).queryAs(TextField.class);
    }

    private String status() {
        return robot.lookup("#setupStatus").queryAs(Label.class).getText();
    }

    private Button applyButton() {
        return robot.lookup("#setupApply").queryAs(Button.class);
    }

    @Test
    void showsTheArticlePresetRefusesABadValueAndAppliesAGoodOne() throws Exception {
        assertThat(robot.lookup("#setupPresets").queryAs(MenuButton.class).getText())
                .isEqualTo("Preset: The article's example");
        assertThat(field(SetupModel.COUNT).getText()).isEqualTo("10");
        assertThat(field(SetupModel.MU).getParent().isVisible()).isFalse(); // FedProx only
        assertThat(applyButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#setupClients").queryAll()).hasSize(1);

        robot.interact(() -> field(SetupModel.LEARNING_RATE).setText("fast"));
        assertThat(applyButton().isDisabled()).isTrue();
        assertThat(status()).isEqualTo("training.learningRate cannot be \"fast\": it must be a number");

        robot.interact(() -> field(SetupModel.LEARNING_RATE).setText("0.05"));
        assertThat(applyButton().isDisabled()).isFalse();
        assertThat(status()).startsWith("Changed: press Apply");

        robot.clickOn("#setupApply");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> status().startsWith("These are the settings"));
        assertThat(field(SetupModel.LEARNING_RATE).getText()).isEqualTo("0.05");
        assertThat(robot.lookup("#setupPresets").queryAs(MenuButton.class).getText()).isEqualTo("Presets…");
        assertThat(applyButton().isDisabled()).isTrue();
    }

    @Test
    void aDroppedCsvFileFillsTheColumnChoicesAndABrokenOneIsReportedInRed() throws Exception {
        Path cars = Path.of("sample-data", "cars.csv").toAbsolutePath();
        Path broken = Files.writeString(Files.createTempFile("broken", ".csv"), "x,\"y\n1,2\n");
        SetupPane pane = robot.lookup("#setup").queryAs(SetupPane.class);

        robot.interact(() -> pane.offerCsv(cars));

        @SuppressWarnings("unchecked")
        ComboBox<String> x = robot.lookup("#" + SetupPane.id(SetupModel.X_COLUMN)).queryAs(ComboBox.class);
        assertThat(x.getItems()).contains("weight_lbs", "mpg", "origin");
        assertThat(x.getParent().isVisible()).isTrue();
        @SuppressWarnings("unchecked")
        ComboBox<String> group = robot.lookup("#" + SetupPane.id(SetupModel.GROUP_COLUMN)).queryAs(ComboBox.class);
        assertThat(group.getItems().get(0)).isEmpty(); // "(none)"
        robot.interact(() -> {
            x.setValue("weight_lbs");
            group.setValue("origin");
        });
        assertThat(robot.lookup("#setupCsvInfo").queryAs(Label.class).getText())
                .isEqualTo("398 usable rows. 8 rows skipped (missing or non-numeric).");
        assertThat(status()).startsWith("Changed: press Apply");

        robot.interact(() -> pane.offerCsv(broken));
        Label error = robot.lookup("#setupCsvError").queryAs(Label.class);
        assertThat(error.getText()).startsWith(broken.getFileName() + ", line 1");
        assertThat(error.isVisible()).isTrue();
        assertThat(pane.model().get(SetupModel.CSV_PATH)).isEqualTo(cars.toString());
        assertThat(x.getValue()).isEqualTo("weight_lbs");
        Files.deleteIfExists(broken);
    }
}
