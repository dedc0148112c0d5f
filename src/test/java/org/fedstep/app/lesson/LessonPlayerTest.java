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
    private MainWindow window;

    @BeforeEach
    void open() throws Exception {
        I18n.use(Locale.ENGLISH, false);
        org.fedstep.app.prefs.AppPreferences.shared().forgetLesson("01-one-round");
        org.fedstep.app.prefs.AppPreferences.shared().forgetLesson("zz-compare");
        stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> {
            window = new MainWindow(stage, new RunModel());
            window.open();
        });
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
        String option = robot.lookup("#lessonChoice1").queryAs(javafx.scene.control.RadioButton.class).getText();
        robot.clickOn("#lessonChoice1").clickOn("#lessonSubmit");
        // the option's words, not its number
        assertThat(feedback()).startsWith("You predicted “" + option + "”");
        assertThat(next().isDisabled()).isTrue();
        robot.clickOn("#nextPhase");
        waitUntil(() -> !next().isDisabled());
        assertThat(feedback()).startsWith("Your prediction “" + option + "” was right").contains("update Δ_k");
        robot.clickOn("#lessonNext");

        // step 5: the weight of client 3, computed by the engine: 100 / 1000
        waitUntil(() -> step().equals("Step 5 of 7"));
        robot.clickOn("#lessonAnswer").write("0.1").clickOn("#lessonSubmit");
        waitUntil(() -> feedback().startsWith("You predicted 0.1"));
        robot.clickOn("#nextPhase");
        waitUntil(() -> !next().isDisabled());
        assertThat(feedback()).startsWith("Your prediction 0.1 was right").contains("100").contains("1000");
        assertThat(position()).startsWith("Round 1, phase 4 of 5");
        assertThat(org.fedstep.app.prefs.AppPreferences.shared().lessonStep("01-one-round", -1)).isEqualTo(4);
    }

    @Test
    @SuppressWarnings("unchecked")
    void lessonTwoChecksTheWeightsAndTheNewGlobalModelAgainstTheEngine() throws Exception {
        org.fedstep.app.prefs.AppPreferences.shared().forgetLesson("02-fedavg-weighted-average");
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

    /** A lesson of one step that compares the run with E = 1 and asks the weight of client 1 (40 / 300). */
    private static java.nio.file.Path comparingLesson(java.nio.file.Path dir) throws java.io.IOException {
        java.nio.file.Path folder = dir.resolve("compare-lesson");
        java.nio.file.Files.createDirectories(folder);
        java.nio.file.Files.writeString(folder.resolve("lesson.json"), """
                { "format": "fedstep-lesson", "version": 1, "id": "zz-compare", "level": "intro", "minutes": 2,
                  "title": { "en": "Compare", "zh": "对比" },
                  "setup": { "preset": "quickstart", "change": { "rounds": 5 } },
                  "steps": [
                    { "text": "01-only",
                      "compare": [{ "label": { "en": "E = 1", "zh": "E = 1" },
                                    "settings": { "training": { "localEpochs": 1 } } }],
                      "question": { "kind": "number", "about": "weight.of.client", "client": 1, "round": 1,
                                    "tolerance": 0.001 } }
                  ] }
                """);
        java.nio.file.Files.writeString(folder.resolve("01-only.en.md"), "Client 1 holds {{samples.of.client client=1}} "
                + "points.\n");
        java.nio.file.Files.writeString(folder.resolve("01-only.zh.md"), "客户端 1 有 {{samples.of.client client=1}} 个点。\n");
        return folder;
    }

    @Test
    void aComparedRunIsDrawnBesideTheStudentsAndTabulatedRoundByRound(@org.junit.jupiter.api.io.TempDir
                                                                      java.nio.file.Path dir) throws Exception {
        java.nio.file.Path folder = comparingLesson(dir);
        robot.clickOn("#lessonTab");
        LessonPanel panel = robot.lookup("#lessonPanel").queryAs(LessonPanel.class);
        robot.interact(() -> panel.openFolder(folder));
        waitUntil(() -> step().equals("Step 1 of 1") && !window.options().comparisons.get().isEmpty());
        // the text's number is the engine's: quickstart's first client holds 40 training points
        waitUntil(() -> robot.lookup("#lessonPanel").queryAs(LessonPanel.class).lookupAll(".md-paragraph").stream()
                .anyMatch(n -> n instanceof javafx.scene.text.TextFlow f && f.getChildren().stream()
                        .anyMatch(t -> t instanceof javafx.scene.text.Text x && x.getText().contains("holds 40 points"))));
        org.fedstep.app.run.ComparedRun compared = window.options().comparisons.get().get(0);
        assertThat(compared.label()).isEqualTo("E = 1");
        // the compared run is the engine's run of the step's settings with E = 1, on the same data
        org.fedstep.lesson.Lesson lesson = panel.lesson();
        org.fedstep.core.settings.Settings e1 = lesson.steps().get(0).compare().get(0).settings();
        org.fedstep.core.fl.RunTrace expected = org.fedstep.core.fl.RunTrace.of(e1,
                org.fedstep.core.data.DataSets.build(e1, folder));
        for (int t = 0; t <= 5; t++) {
            assertThat(compared.trace().global(t)).isEqualTo(expected.global(t));
        }
        javafx.scene.layout.VBox table = robot.lookup("#lessonCompare").queryAs(javafx.scene.layout.VBox.class);
        assertThat(table.isVisible()).isTrue();
        robot.clickOn("#nextRound");
        waitUntil(() -> position().startsWith("Round 1, phase 5"));
        waitUntil(() -> table.lookupAll(".label").stream().anyMatch(n -> n instanceof Label l
                && l.getText().equals("Side by side after round 1")));
        String e1Loss = org.fedstep.app.inspector.Numbers.brief(expected.trainLoss(1));
        assertThat(table.lookupAll(".label").stream().map(n -> ((Label) n).getText())).contains("E = 1", e1Loss);
    }

    @Test
    void afterTwoWrongAnswersTheStudentMaySeeTheAnswerAndGoOn(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path folder = comparingLesson(dir);
        robot.clickOn("#lessonTab");
        LessonPanel panel = robot.lookup("#lessonPanel").queryAs(LessonPanel.class);
        robot.interact(() -> panel.openFolder(folder));
        waitUntil(() -> step().equals("Step 1 of 1"));
        Button show = robot.lookup("#lessonShowAnswer").queryAs(Button.class);
        assertThat(show.isVisible()).isFalse();
        robot.clickOn("#lessonAnswer").write("0.5").clickOn("#lessonSubmit");
        waitUntil(() -> feedback().startsWith("Not quite"));
        assertThat(show.isVisible()).isFalse();
        robot.clickOn("#lessonSubmit");
        waitUntil(() -> show.isVisible());
        assertThat(next().isDisabled()).isTrue();
        robot.clickOn("#lessonShowAnswer");
        waitUntil(() -> !next().isDisabled());
        assertThat(feedback()).startsWith("Here is the answer.").contains("40 / 300");
    }

    @Test
    @SuppressWarnings("unchecked")
    void switchingTheLanguageCarriesOnWithTheLessonAndItsRun() throws Exception {
        robot.clickOn("#lessonTab");
        ComboBox<Lesson> chooser = robot.lookup("#lessonChooser").queryAs(ComboBox.class);
        Lesson one = chooser.getItems().stream().filter(l -> l.id().equals("01-one-round")).findFirst().orElseThrow();
        robot.interact(() -> chooser.setValue(one));
        waitUntil(() -> step().equals("Step 1 of 7"));
        robot.clickOn("#lessonNext");
        robot.clickOn("#nextPhase");
        waitUntil(() -> step().equals("Step 2 of 7") && position().startsWith("Round 1, phase 1"));
        try {
            robot.clickOn(I18n.t("menu.view")).clickOn(I18n.t("menu.view.language")).clickOn("#language-zh");
            waitUntil(() -> step().equals("第 2 步，共 7 步"));
            // the same run, the same moment, the step's locks still applied
            assertThat(position()).startsWith("第 1 轮");
            assertThat(robot.lookup("#timeline").queryAs(Slider.class).isDisabled()).isTrue();
            assertThat(next().isDisabled()).isFalse();
        } finally {
            I18n.use(Locale.ENGLISH, true);
        }
    }
}
