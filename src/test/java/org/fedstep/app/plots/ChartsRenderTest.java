package org.fedstep.app.plots;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javafx.scene.layout.StackPane;
import javax.imageio.ImageIO;
import org.fedstep.app.i18n.I18n;
import org.fedstep.app.run.RunInfo;
import org.fedstep.app.run.Snapshot;
import org.fedstep.app.theme.ViewOptions;
import org.fedstep.core.data.DataSets;
import org.fedstep.core.data.FederatedData;
import org.fedstep.core.fl.Phase;
import org.fedstep.core.fl.Position;
import org.fedstep.core.fl.RoundEngine;
import org.fedstep.core.settings.Settings;
import org.fedstep.io.SettingsFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Both charts drawn headless (Monocle) for the cases the brief names: the start, phases of a round, a diverged run, one
 * client, 100 clients with 1000 rows each, 10,000 rounds, projector mode and Chinese. Each picture must have ink on
 * it and nothing may throw; the PNGs land in target/chart-renders for a look.
 */
class ChartsRenderTest {

    private static final Path OUT = Path.of("target", "chart-renders");

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
        Files.createDirectories(OUT);
    }

    @AfterAll
    static void english() {
        I18n.use(Locale.ENGLISH, false);
    }

    // --- runs ---

    static String config(String name) {
        try (InputStream in = ChartsRenderTest.class.getResourceAsStream("/sample-data/configs/" + name + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RoundEngine engine(String json) {
        Settings s;
        try {
            s = SettingsFiles.parse("test.json", new StringReader(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        FederatedData data = DataSets.build(s, null);
        return new RoundEngine(DataSets.effective(s, data), data);
    }

    /** What RunModel would publish for the engine's cursor. */
    static Snapshot snapshot(RoundEngine e) {
        return Snapshot.of(e, RunInfo.of(e, null));
    }

    static void steps(RoundEngine e, int phases) {
        for (int i = 0; i < phases; i++) {
            e.stepPhase();
        }
    }

    // --- rendering ---

    private static <T> T fx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(60, TimeUnit.SECONDS);
    }

    /** Renders one view at the given size, saves it, and returns the share of pixels that are not white. */
    static double render(CanvasView view, Snapshot s, String name, double width, double height) throws Exception {
        Image image = fx(() -> {
            StackPane root = new StackPane(view);
            new Scene(root, width, height);
            root.resize(width, height);
            root.layout();
            view.show(s);
            return view.snapshot(null, null);
        });
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", OUT.resolve(name + ".png").toFile());
        PixelReader r = image.getPixelReader();
        int ink = 0;
        int total = 0;
        for (int y = 0; y < (int) image.getHeight(); y += 2) {
            for (int x = 0; x < (int) image.getWidth(); x += 2) {
                total++;
                if ((r.getArgb(x, y) & 0xFFFFFF) != 0xFFFFFF) {
                    ink++;
                }
            }
        }
        return (double) ink / total;
    }

    static void both(ViewOptions o, Snapshot s, String name) throws Exception {
        assertThat(render(new ParameterSpaceView(o), s, name + "-params", 520, 420)).isGreaterThan(0.02);
        assertThat(render(new LossChart(o), s, name + "-losses", 560, 320)).isGreaterThan(0.02);
    }

    // --- cases ---

    @Test
    void theArticleExampleAtTheStartAndThroughARound() throws Exception {
        RoundEngine e = engine(config("article"));
        ViewOptions o = new ViewOptions();
        both(o, snapshot(e), "article-0-start");
        e.runRounds(3);
        steps(e, 2);
        both(o, snapshot(e), "article-4-training");
        steps(e, 2);
        both(o, snapshot(e), "article-4-aggregate");
        steps(e, 1);
        both(o, snapshot(e), "article-4-update");
    }

    @Test
    void heterogeneousHospitalsWithDropoutsFocusAndSteppingBack() throws Exception {
        String json = config("hospitals").replace("\"localEpochs\": 2", "\"localEpochs\": 8")
                .replace("\"clientFraction\": 1.0", "\"clientFraction\": 0.6, \"dropoutProbability\": 0.25")
                .replace("\"featureShift\": 0.7", "\"featureShift\": 0.9");
        RoundEngine e = engine(json);
        ViewOptions o = new ViewOptions();
        e.runRounds(6);
        steps(e, 3);
        both(o, snapshot(e), "hospitals-upload");
        steps(e, 1);
        both(o, snapshot(e), "hospitals-aggregate");
        o.focusedClient.set(2);
        both(o, snapshot(e), "hospitals-aggregate-focus");
        o.focusedClient.set(-1);
        e.goTo(new Position(3, Phase.LOCAL_TRAINING));
        both(o, snapshot(e), "hospitals-back-in-round-3");
        o.logLoss.set(false);
        both(o, snapshot(e), "hospitals-linear");
    }

    @Test
    void aDivergedRunIsDrawnWithoutThrowing() throws Exception {
        RoundEngine e = engine(config("article").replace("\"learningRate\": 0.01", "\"learningRate\": 4.0"));
        try {
            e.runRounds(2000);
        } catch (RuntimeException diverged) {
            // expected: the run stops at its divergence
        }
        assertThat(e.divergence()).isNotNull();
        ViewOptions o = new ViewOptions();
        both(o, snapshot(e), "diverged-frontier");
        o.logLoss.set(false);
        both(o, snapshot(e), "diverged-linear");
        e.goTo(new Position(2, Phase.AGGREGATE));
        both(o, snapshot(e), "diverged-round-2");
    }

    @Test
    void oneClient() throws Exception {
        RoundEngine e = engine(config("quickstart").replace("\"count\": 5, \"samples\": [40, 80, 20, 60, 100]",
                "\"count\": 1, \"samples\": [60]"));
        ViewOptions o = new ViewOptions();
        both(o, snapshot(e), "one-client-start");
        e.runRounds(2);
        steps(e, 4);
        both(o, snapshot(e), "one-client-aggregate");
    }

    @Test
    void aHundredClientsWithAThousandRowsEachDrawQuickly() throws Exception {
        String json = config("quickstart").replace("\"count\": 5, \"samples\": [40, 80, 20, 60, 100]",
                "\"count\": 100, \"samplesPerClient\": 1000").replace("\"batchSize\": \"full\"", "\"batchSize\": 50")
                .replace("\"xMax\": 1.0 }", "\"xMax\": 1.0, \"featureShift\": 0.8, \"interceptSpread\": 0.5 }");
        RoundEngine e = engine(json);
        e.runRounds(20);
        steps(e, 4);
        ViewOptions o = new ViewOptions();
        Snapshot s = snapshot(e);
        ParameterSpaceView params = new ParameterSpaceView(o);
        LossChart losses = new LossChart(o);
        render(params, s, "hundred-params", 520, 420);
        render(losses, s, "hundred-losses", 560, 320);
        // speed is measured by the UI benchmark (README), not asserted here: these machines are shared
    }

    @Test
    void tenThousandRoundsAreThinnedToThePixels() throws Exception {
        RoundEngine e = engine(config("quickstart").replace("\"learningRate\": 0.1", "\"learningRate\": 0.0005"));
        e.runRounds(10000);
        ViewOptions o = new ViewOptions();
        Snapshot s = snapshot(e);
        LossChart losses = new LossChart(o);
        ParameterSpaceView params = new ParameterSpaceView(o);
        render(losses, s, "long-losses", 560, 320);
        render(params, s, "long-params", 520, 420);
        // speed is measured by the UI benchmark (README), not asserted here: these machines are shared
    }

    @Test
    void projectorModeAndChinese() throws Exception {
        I18n.use(Locale.SIMPLIFIED_CHINESE, false);
        try {
            RoundEngine e = engine(config("hospitals"));
            e.runRounds(4);
            steps(e, 4);
            ViewOptions o = new ViewOptions();
            o.projector.set(true);
            both(o, snapshot(e), "projector-zh");
        } finally {
            I18n.use(Locale.ENGLISH, false);
        }
        RoundEngine e = engine(config("article"));
        e.runRounds(5);
        steps(e, 4);
        ViewOptions o = new ViewOptions();
        o.projector.set(true);
        both(o, snapshot(e), "projector-en");
    }
}
