package org.fedstep.app.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.stage.Stage;
import org.fedstep.app.MainWindow;
import org.fedstep.app.i18n.I18n;
import org.fedstep.app.run.RunModel;
import org.fedstep.lesson.Lesson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Lesson 1 walked through headless: waits, locks, a predicted choice and a predicted number checked by the engine. */
class LessonPlayerTest {

    private final FxRobot robot = new FxRobot();
    private Stage stage;

    @BeforeEach
    void open() throws Exception {
        I18n.use(Locale.ENGLISH, false);
        I18n.prefs().node("lessons").remove("01-one-round");
        stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> new MainWindow(stage, new RunModel()).open());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> position().startsWith("Start"));
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.setupFixture(() -> stage.setScene(null));
    }

    private String position() {
        return robot.lookup("#position").queryAs(Label.class).getText();
    }

    private Button next() {
        return robot.lookup("#lessonNext").queryAs(Button.class);
    }

    private String feedback() {
        return robot.lookup("#lessonFeedback").queryAs(Label.class).getText();
    }

    private String step() {
        return robot.lookup("#lessonStep").queryAs(Label.class).getText();
    }

    private void waitUntil(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("waited in vain at " + step() + ", " + position() + ", next "
                    + (next().isDisabled() ? "disabled" : "enabled") + ", wait note \""
                    + robot.lookup("#lessonWait").queryAs(Label.class).getText() + "\", feedback \""
                    + robot.lookup("#lessonFeedback").queryAs(Label.class).getText() + "\"", e);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void lessonOneWalksThroughTheFivePhases() throws Exception {
        robot.clickOn("#lessonTab");
        ComboBox<Lesson> chooser = robot.lookup("#lessonChooser").queryAs(ComboBox.class);
        Lesson one = chooser.getItems().stream().filter(l -> l.id().equals("01-one-round")).findFirst().orElseThrow();
        robot.interact(() -> chooser.setValue(one));
        waitUntil(() -> step().equals("Step 1 of 7"));
        // the lesson locks the timeline; the step buttons stay live
        assertThat(robot.lookup("#timeline").queryAs(Slider.class).isDisabled()).isTrue();
        assertThat(robot.lookup("#nextPhase").queryAs(Button.class).isDisabled()).isFalse();
        assertThat(next().isDisabled()).isFalse();
        robot.clickOn("#lessonNext");

        // step 2 waits for the broadcast
        waitUntil(() -> step().equals("Step 2 of 7"));
        assertThat(next().isDisabled()).isTrue();
        assertThat(robot.lookup("#lessonWait").queryAs(Label.class).getText()).contains("round 1").contains("Broadcast");
        robot.clickOn("#nextPhase");
        waitUntil(() -> !next().isDisabled());
        robot.clickOn("#lessonNext");
        robot.clickOn("#nextPhase"); // local training
        waitUntil(() -> step().equals("Step 3 of 7") && !next().isDisabled());
        robot.clickOn("#lessonNext");

        // step 4: predict what reaches the server, then see it in the upload phase
        waitUntil(() -> step().equals("Step 4 of 7"));
        robot.clickOn("#lessonChoice1").clickOn("#lessonSubmit");
        assertThat(feedback()).startsWith("You predicted 1");
        assertThat(next().isDisabled()).isTrue();
        robot.clickOn("#nextPhase");
        waitUntil(() -> !next().isDisabled());
        assertThat(feedback()).startsWith("Your prediction 1 was right").contains("update Δ_k");
        robot.clickOn("#lessonNext");

        // step 5: the weight of client 3, computed by the engine: 100 / 1000
        waitUntil(() -> step().equals("Step 5 of 7"));
        robot.clickOn("#lessonAnswer").write("0.1").clickOn("#lessonSubmit");
        waitUntil(() -> feedback().startsWith("You predicted 0.1"));
        robot.clickOn("#nextPhase");
        waitUntil(() -> !next().isDisabled());
        assertThat(feedback()).startsWith("Your prediction 0.1 was right").contains("100").contains("1000");
        assertThat(position()).startsWith("Round 1, phase 4 of 5");
        assertThat(I18n.prefs().node("lessons").getInt("01-one-round", -1)).isEqualTo(4);
    }

    @Test
    @SuppressWarnings("unchecked")
    void lessonTwoChecksTheWeightsAndTheNewGlobalModelAgainstTheEngine() throws Exception {
        I18n.prefs().node("lessons").remove("02-fedavg-weighted-average");
        robot.clickOn("#lessonTab");
        ComboBox<Lesson> chooser = robot.lookup("#lessonChooser").queryAs(ComboBox.class);
        Lesson two = chooser.getItems().stream().filter(l -> l.id().equals("02-fedavg-weighted-average"))
                .findFirst().orElseThrow();
        robot.interact(() -> chooser.setValue(two));
        waitUntil(() -> step().equals("Step 1 of 7"));
        robot.clickOn("#lessonNext");
        waitUntil(() -> step().equals("Step 2 of 7"));
        robot.clickOn("#nextPhase").clickOn("#nextPhase");
        waitUntil(() -> !next().isDisabled());
        robot.clickOn("#lessonNext");

        // step 3: click the client with the largest weight (quickstart: client 5 holds 100 of 300 points)
        waitUntil(() -> step().equals("Step 3 of 7"));
        robot.clickOn("#nextPhase");
        waitUntil(() -> position().startsWith("Round 1, phase 3 of 5"));
        robot.clickOn("Client 2"); // a wrong answer first
        waitUntil(() -> feedback().startsWith("Not quite"));
        assertThat(next().isDisabled()).isTrue();
        robot.clickOn("Client 5");
        waitUntil(() -> feedback().startsWith("Right."));
        assertThat(feedback()).contains("p₅ = 0.3333").contains("largest: Client 5");
        robot.clickOn("#lessonNext");

        // step 4 locks the step controls while the student computes p_1 = 40 / 300
        waitUntil(() -> step().equals("Step 4 of 7"));
        assertThat(robot.lookup("#nextPhase").queryAs(Button.class).isDisabled()).isTrue();
        robot.clickOn("#lessonAnswer").write("0.1333").clickOn("#lessonSubmit");
        waitUntil(() -> feedback().startsWith("Right."));
        robot.clickOn("#lessonNext");

        // step 5: predict the new global slope; the engine's own value is the answer
        waitUntil(() -> step().equals("Step 5 of 7"));
        assertThat(robot.lookup("#nextPhase").queryAs(Button.class).isDisabled()).isFalse();
        org.fedstep.core.settings.Settings quickstart = org.fedstep.app.setup.Presets.load("quickstart");
        org.fedstep.core.fl.RoundEngine core = new org.fedstep.core.fl.RoundEngine(quickstart,
                org.fedstep.core.data.DataSets.build(quickstart, null));
        core.stepRound();
        double slope = core.units().toOriginal(core.summary(1).global()).w();
        robot.clickOn("#lessonAnswer").write(String.format(Locale.ROOT, "%.4f", slope)).clickOn("#lessonSubmit");
        waitUntil(() -> feedback().startsWith("You predicted"));
        robot.clickOn("#nextPhase");
        waitUntil(() -> !next().isDisabled());
        assertThat(feedback()).contains("was right");
    }

    @Test
    void aBrokenLessonFolderIsNamedAndNothingElseChanges(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path broken = dir.resolve("broken-lesson");
        java.nio.file.Files.createDirectories(broken);
        java.nio.file.Files.writeString(broken.resolve("lesson.json"), "{ \"format\": \"fedstep-lesson\", ");
        robot.clickOn("#lessonTab");
        LessonPanel panel = robot.lookup("#lessonPanel").queryAs(LessonPanel.class);
        robot.interact(() -> panel.openFolder(broken));
        Label problems = robot.lookup("#lessonProblems").queryAs(Label.class);
        assertThat(problems.isVisible()).isTrue();
        assertThat(problems.getText()).contains("lesson.json");
        assertThat(position()).startsWith("Start");
        robot.clickOn("#nextPhase");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> position().startsWith("Round 1, phase 1"));
    }
}
