package org.fedstep.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.text.Font;
import javafx.stage.Stage;
import org.fedstep.app.i18n.I18n;
import org.fedstep.app.inspector.InspectorPane;
import org.fedstep.app.plots.DataView;
import org.fedstep.app.run.RunModel;
import org.fedstep.core.data.DataSets;
import org.fedstep.core.fl.RoundEngine;
import org.fedstep.core.model.Params;
import org.fedstep.core.settings.Settings;
import org.fedstep.io.Exports;
import org.fedstep.io.Sessions;
import org.fedstep.io.SettingsFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The window, headless: what it shows matches the core, and its files, languages and projector mode work. */
class MainWindowTest {

    @TempDir
    Path dir;

    private final FxRobot robot = new FxRobot();
    private MainWindow window;
    private Stage stage;

    @BeforeEach
    void open() throws Exception {
        I18n.use(Locale.ENGLISH, false);
        stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> {
            window = new MainWindow(stage, new RunModel());
            window.askDiscard = () -> MainWindow.Discard.DISCARD;
            window.open();
        });
        waitForPosition("Start");
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.setupFixture(() -> stage.setScene(null));
        I18n.use(Locale.ENGLISH, false);
    }

    private String position() {
        return robot.lookup("#position").queryAs(Label.class).getText();
    }

    private String status() {
        return robot.lookup("#status").queryAs(Label.class).getText();
    }

    private void waitForPosition(String prefix) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> position().startsWith(prefix));
    }

    private void step(int phases) {
        for (int i = 0; i < phases; i++) {
            robot.clickOn("#nextPhase");
        }
    }

    /** The article preset run by the core alone, for the numbers the window must show. */
    private static RoundEngine articleEngine() throws Exception {
        try (Reader r = new InputStreamReader(MainWindowTest.class.getResourceAsStream(
                "/sample-data/configs/article.json"), StandardCharsets.UTF_8)) {
            Settings s = SettingsFiles.parse("article.json", r);
            return new RoundEngine(s, DataSets.build(s, null));
        }
    }

    @Test
    void afterOneRoundTheGlobalLineOnScreenIsTheCoresModel() throws Exception {
        robot.clickOn("#nextRound");
        waitForPosition("Round 1, phase 5 of 5");
        WaitForAsyncUtils.waitForFxEvents();

        RoundEngine core = articleEngine();
        core.stepRound();
        Params expected = core.units().toOriginal(core.globalAtCursor());
        Params drawn = robot.lookup("#dataView").queryAs(DataView.class).drawnGlobalLine();
        assertThat(drawn).isEqualTo(expected);
        assertThat(drawn.w()).isNotZero();
    }

    @Test
    void eachPhaseChangesThePhaseDisplayAndTheInspector() throws Exception {
        InspectorPane inspector = robot.lookup("#inspector").queryAs(InspectorPane.class);
        String[] names = {"Broadcast", "Local training", "Upload", "Aggregate", "Update"};
        java.util.Set<String> titles = new java.util.HashSet<>();
        for (int phase = 1; phase <= 5; phase++) {
            robot.clickOn("#nextPhase");
            waitForPosition("Round 1, phase " + phase + " of 5: " + names[phase - 1]);
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(inspector.shown().title()).contains(names[phase - 1]);
            titles.add(inspector.shown().title());
        }
        assertThat(titles).hasSize(5);
    }

    @Test
    void clickingAClientFocusesItEverywhereAndShowsItsCard() throws Exception {
        robot.clickOn("#nextPhase");
        waitForPosition("Round 1, phase 1 of 5");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#clientCard").query().isVisible()).isFalse();
        robot.clickOn("Client 3");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.options().focusedClient.get()).isEqualTo(2);
        assertThat(robot.lookup("#clientCard").query().isVisible()).isTrue();
        assertThat(robot.lookup("#clientCard").lookup(".card-title").queryAs(Label.class).getText())
                .isEqualTo("Client 3");
        // after a round the card counts the client's bytes: the model down (2 floats), update and n_k up
        robot.clickOn("#nextRound");
        waitForPosition("Round 1, phase 5 of 5");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#clientCard").query().lookupAll(".label").stream()
                .map(n -> ((Label) n).getText())).contains("↓ 8 B ↑ 12 B in rounds 1 to 1");
    }

    @Test
    void aDivergingRunSaysWhereAndStaysExplorable() throws Exception {
        Path config = dir.resolve("too-fast.json");
        Files.writeString(config, """
                { "seed": 7, "dataset": { "kind": "synthetic-linear", "slope": 2, "intercept": 1, "noise": 0.5,
                    "xMin": 0, "xMax": 100 },
                  "clients": { "count": 3, "samplesPerClient": 30, "testFraction": 0 },
                  "training": { "localEpochs": 5, "batchSize": "full", "learningRate": 50.0, "optimizer": "sgd" },
                  "strategy": { "kind": "fedavg" } }""");
        robot.interact(() -> window.openAny(config));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> status().contains("too-fast.json"));
        robot.type(javafx.scene.input.KeyCode.T);
        Label banner = robot.lookup("#divergence").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, banner::isVisible);
        assertThat(banner.getText()).startsWith("The run diverged in round 6, phase Local training")
                .contains("learning rate");
        // still responsive: back one phase, and what was recorded can be exported
        String at = position();
        robot.clickOn("#back");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !position().equals(at));
        Path out = dir.resolve("diverged");
        robot.interact(() -> assertThat(window.exportTo(out)).isTrue());
        assertThat(out.resolve(Exports.ROUNDS)).exists();
    }

    @Test
    void theMeterStripShowsTheCoresBytesAndEpsilon() throws Exception {
        Path config = dir.resolve("private.json");
        Files.writeString(config, """
                { "seed": 3, "rounds": 5, "dataset": { "kind": "synthetic-linear", "slope": 2, "intercept": 1,
                    "noise": 0.5 },
                  "clients": { "count": 10, "samplesPerClient": 20, "testFraction": 0 },
                  "training": { "localEpochs": 1, "batchSize": "full", "learningRate": 0.1 },
                  "strategy": { "kind": "fedavg", "weighting": "uniform", "clientFraction": 0.5 },
                  "privacy": { "clipping": "fixed", "clipNorm": 1.0, "noise": "central", "noiseMultiplier": 1.0,
                    "delta": 1e-3 } }""");
        robot.interact(() -> window.openAny(config));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> status().contains("private.json"));
        Label privacy = robot.lookup("#privacyLabel").queryAs(Label.class);
        assertThat(privacy.getText()).startsWith("Privacy spent: ε = 0.00").contains("after round 0");
        robot.clickOn("#nextRound");
        robot.clickOn("#nextRound");
        waitForPosition("Round 2, phase 5 of 5");
        WaitForAsyncUtils.waitForFxEvents();

        Settings settings = SettingsFiles.read(config);
        RoundEngine core = new RoundEngine(settings, DataSets.build(settings, null));
        core.stepRound();
        core.stepRound();
        double epsilon = core.privacyAfter(2).epsilon();
        assertThat(privacy.getText()).contains(String.format(Locale.ROOT, "ε = %.2f at δ = 0.001 after round 2",
                epsilon)).contains("q = 0.50");
        // 5 clients of 10 each round: 8 bytes down (w, b as 32-bit floats) and 8 + 4 (n_k) up per client
        assertThat(robot.lookup("#trafficLabel").queryAs(Label.class).getText())
                .isEqualTo("Traffic in round 2: ↓ 40 B ↑ 60 B · so far: ↓ 80 B ↑ 120 B");
        assertThat(robot.lookup("#privacyWarning").query().isVisible()).isFalse();
    }

    @Test
    void thePrivacyUtilityWindowDrawsTheCoresSweep() throws Exception {
        org.fedstep.app.privacy.SweepWindow[] opened = new org.fedstep.app.privacy.SweepWindow[1];
        robot.interact(() -> opened[0] = window.openSweep());
        assertThat(opened[0]).isNotNull();
        robot.interact(() -> {
            robot.lookup("#sweepMultipliers").queryAs(javafx.scene.control.TextField.class).setText("1, 3");
            robot.lookup("#sweepRepeats").queryAs(javafx.scene.control.Spinner.class).getValueFactory().setValue(2);
        });
        robot.interact(() -> robot.lookup("#sweepRun").queryButton().fire());
        javafx.scene.control.TableView<?> table = robot.lookup("#sweepTable").queryAs(javafx.scene.control.TableView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().size() == 3);

        RoundEngine article = articleEngine();
        Settings base = org.fedstep.core.privacy.PrivacySweep.baseOf(article.settings());
        var expected = org.fedstep.core.privacy.PrivacySweep.run(base, article.data(), java.util.List.of(1.0, 3.0), 2,
                null);
        assertThat(opened[0].result().points()).isEqualTo(expected.points());
        assertThat(opened[0].result().withoutNoise()).isEqualTo(expected.withoutNoise());
        // the article's run has no noise: the window says what it assumed
        assertThat(robot.lookup(".hint").queryAllAs(Label.class)).anyMatch(l -> l.getText().contains("clipped to S = 1"));
        Path out = dir.resolve("sweep");
        robot.interact(() -> assertThat(opened[0].exportTo(out)).isTrue());
        assertThat(Files.readAllLines(out.resolve(Exports.SWEEP))).hasSize(4);
        robot.interact(() -> opened[0].stage().close());
    }

    @Test
    void anAsynchronousRunShowsUnderTheTimelineWhichModelEachUpdateCameFrom() throws Exception {
        Path config = dir.resolve("async.json");
        Files.writeString(config, """
                { "seed": 3, "rounds": 6, "dataset": { "kind": "synthetic-linear", "slope": 2, "intercept": 1,
                    "noise": 0.5 },
                  "clients": { "count": 3, "samplesPerClient": 20, "testFraction": 0, "durations": [1, 2, 3] },
                  "training": { "localEpochs": 1, "batchSize": "full", "learningRate": 0.1 },
                  "strategy": { "kind": "fedasync", "mixing": 0.6 } }""");
        assertThat(robot.lookup("#stalenessStrip").query().getParent().isVisible()).isFalse();
        robot.interact(() -> window.openAny(config));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> status().contains("async.json"));
        for (int i = 0; i < 3; i++) {
            robot.clickOn("#nextRound");
        }
        waitForPosition("Round 3, phase 5 of 5");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#stalenessStrip").query().getParent().isVisible()).isTrue();
        // round 3 is client 2's first update, trained from theta_0 while client 1 updated twice
        InspectorPane inspector = robot.lookup("#inspector").queryAs(InspectorPane.class);
        robot.clickOn("#back");
        robot.clickOn("#back");
        waitForPosition("Round 3, phase 3 of 5");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(inspector.shown().formulaText()).contains("Client 2's update arrives at time 2")
                .contains("s = (t − 1) − τ = 2 − 0 = 2");
    }

    @Test
    void aCurveIsDrawnAsTheCoresCurveAndExplainedWithEveryCoefficient() throws Exception {
        Path config = dir.resolve("curve.json");
        String json = """
                { "seed": 4, "rounds": 5, "dataset": { "kind": "sample", "name": "cars" },
                  "partition": { "kind": "natural" }, "model": { "degree": 2 },
                  "training": { "localEpochs": 1, "batchSize": "full", "learningRate": 0.1 } }""";
        Files.writeString(config, json);
        robot.interact(() -> window.openAny(config));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> status().contains("curve.json"));
        step(2);
        waitForPosition("Round 1, phase 2 of 5");
        WaitForAsyncUtils.waitForFxEvents();
        InspectorPane inspector = robot.lookup("#inspector").queryAs(InspectorPane.class);
        assertThat(inspector.shown().formulaText()).contains("dJ/w₂ = (2/").contains("Σ (ŷ − y) x²");
        step(3);
        waitForPosition("Round 1, phase 5 of 5");
        WaitForAsyncUtils.waitForFxEvents();

        Settings s = SettingsFiles.parse("curve.json", new java.io.StringReader(json));
        var data = DataSets.build(s, null);
        RoundEngine core = new RoundEngine(DataSets.effective(s, data), data);
        core.stepRound();
        Params expected = core.units().toOriginal(core.globalAtCursor());
        Params drawn = robot.lookup("#dataView").queryAs(DataView.class).drawnGlobalLine();
        assertThat(drawn.degree()).isEqualTo(2);
        assertThat(drawn).isEqualTo(expected);
        assertThat(inspector.shown().formulaText()).contains("θ_{t+1}").contains("x²");
    }

    @Test
    void clickingAPhaseOfTheLoopsStripGoesToThatPhaseOfTheRound() throws Exception {
        javafx.scene.Node loop = robot.lookup("#loopDiagram").query();
        double w = (loop.getBoundsInLocal().getWidth() - 12) / 5;
        java.util.function.IntFunction<javafx.geometry.Point2D> phase = i -> loop.localToScreen(6 + (i - 0.5) * w, 20);
        // forward from the start: broadcast, local training and upload are computed on the way
        robot.clickOn(robot.point(phase.apply(3)).query());
        waitForPosition("Round 1, phase 3 of 5: Upload");
        // back to a phase already computed
        robot.clickOn(robot.point(phase.apply(1)).query());
        waitForPosition("Round 1, phase 1 of 5: Broadcast");
        robot.clickOn(robot.point(phase.apply(5)).query());
        waitForPosition("Round 1, phase 5 of 5: Update");
        assertThat(position()).isEqualTo("Round 1, phase 5 of 5: Update");
    }

    @Test
    void theTimelineShowsAnEarlierMoment() throws Exception {
        robot.clickOn("#nextRound");
        robot.clickOn("#nextRound");
        waitForPosition("Round 2, phase 5 of 5");
        Slider timeline = robot.lookup("#timeline").queryAs(Slider.class);
        assertThat(timeline.getMax()).isEqualTo(10);

        robot.interact(() -> timeline.setValue(3)); // round 1, phase 3
        waitForPosition("Round 1, phase 3 of 5: Upload");

        RoundEngine core = articleEngine();
        core.runRounds(1);
        Params roundZero = core.units().toOriginal(core.summary(0).global());
        // before the update of round 1 the global model is still theta_0
        assertThat(robot.lookup("#dataView").queryAs(DataView.class).drawnGlobalLine()).isEqualTo(roundZero);
    }

    @Test
    void aSavedSessionOpensAgainAtTheSameMoment() throws Exception {
        step(7);
        waitForPosition("Round 2, phase 2 of 5");
        Path file = dir.resolve("lesson.fedstep");
        robot.interact(() -> assertThat(window.saveTo(file)).isTrue());
        assertThat(Files.exists(file)).isTrue();
        assertThat(Sessions.open(file).position()).hasToString("round 2, local-training");

        robot.clickOn("#nextRound");
        robot.clickOn("#nextRound");
        waitForPosition("Round 3, phase 5 of 5");
        robot.interact(() -> window.openAny(file));
        waitForPosition("Round 2, phase 2 of 5");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> status().contains("lesson.fedstep"));
    }

    @Test
    void exportingWritesTheRunnersFiles() throws Exception {
        robot.clickOn("#nextRound");
        waitForPosition("Round 1, phase 5 of 5");
        Path out = dir.resolve("homework");
        robot.interact(() -> assertThat(window.exportTo(out)).isTrue());
        for (String f : Exports.FILES) {
            assertThat(out.resolve(f)).exists();
        }
        assertThat(Files.readAllLines(out.resolve(Exports.ROUNDS))).hasSize(3); // header, round 0, round 1
    }

    @Test
    void aHomeworkPackOfTheRunOnScreenHasItsWorksheetAndAnswerKey() throws Exception {
        Path out = dir.resolve("homework");
        java.util.concurrent.CompletableFuture<Boolean> done = WaitForAsyncUtils.asyncFx(() -> window.exportHomeworkTo(out))
                .get(10, TimeUnit.SECONDS);
        assertThat(done.get(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out.resolve("worksheet.en.md")).exists();
        assertThat(out.resolve("answers.zh.md")).exists();
        // the article preset: ten clients of 100 rows, so p_1 = 100 / 1000
        assertThat(Files.readString(out.resolve("answers.en.md"))).contains("0.1 (accept ± 0.001)");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> status().contains("homework"));
    }

    @Test
    void aBrokenFileSaysWhyAndKeepsTheCurrentRun() throws Exception {
        step(3);
        waitForPosition("Round 1, phase 3 of 5");
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{ \"training\": { \"learningRate\": -1 } }");
        robot.interact(() -> window.openAny(broken));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> status().contains("broken.json"));
        assertThat(status()).contains("training.learningRate");
        assertThat(position()).startsWith("Round 1, phase 3 of 5");

        // settings that parse but whose data cannot be loaded: the run stays, and stays unsaved
        Path missingData = dir.resolve("missing-data.json");
        Files.writeString(missingData, "{ \"dataset\": { \"kind\": \"csv\", \"path\": \"nowhere.csv\","
                + " \"xColumn\": \"x\", \"yColumn\": \"y\" } }");
        robot.interact(() -> window.openAny(missingData));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> status().contains("nowhere.csv"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(position()).startsWith("Round 1, phase 3 of 5");
        window.askDiscard = () -> MainWindow.Discard.CANCEL;
        robot.interact(() -> assertThat(window.confirmDiscard()).as("the run is still unsaved").isFalse());
        window.askDiscard = () -> MainWindow.Discard.DISCARD;

        Path damaged = dir.resolve("damaged.fedstep");
        Files.writeString(damaged, "{ \"format\": \"fedstep-session\", \"version\": 1, \"history\": [");
        robot.interact(() -> window.openAny(damaged));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> status().contains("damaged.fedstep"));
        assertThat(position()).startsWith("Round 1, phase 3 of 5");
    }

    @Test
    void switchingToChineseRelabelsTheWindowAndKeepsTheRun() throws Exception {
        step(2);
        waitForPosition("Round 1, phase 2 of 5");
        robot.clickOn(I18n.t("menu.view")).clickOn(I18n.t("menu.view.language")).clickOn("#language-zh");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> position().startsWith("第 1 轮"));
        assertThat(position()).isEqualTo("第 1 轮，第 2/5 阶段：本地训练");
        assertThat(org.fedstep.app.prefs.AppPreferences.shared().language()).isEqualTo(Locale.SIMPLIFIED_CHINESE.toLanguageTag());
        org.fedstep.app.prefs.AppPreferences.shared().setLanguage(Locale.ENGLISH.toLanguageTag());
    }

    @Test
    void projectorModeEnlargesTheText() throws Exception {
        Label label = robot.lookup("#position").queryAs(Label.class);
        double normal = label.getFont().getSize();
        robot.interact(() -> window.options().projector.set(true));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> label.applyCss());
        assertThat(label.getFont().getSize()).isGreaterThan(normal * 1.3);
        assertThat(window.options().line(2)).isEqualTo(4);
        robot.interact(() -> window.options().projector.set(false));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> label.applyCss());
        assertThat(label.getFont().getSize()).isEqualTo(normal);
        assertThat(Font.getDefault()).isNotNull();
    }
}
