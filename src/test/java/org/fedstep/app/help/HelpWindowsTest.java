package org.fedstep.app.help;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.fedstep.app.i18n.I18n;
import org.fedstep.app.lesson.MarkdownView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/** The Help menu's windows open from the jar's resources, pictures included, in both languages. */
class HelpWindowsTest {

    private final FxRobot robot = new FxRobot();

    @BeforeEach
    void start() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupStages();
        I18n.use(Locale.ENGLISH, false);
    }

    private static List<ImageView> pictures(Node n, List<ImageView> out) {
        if (n instanceof ImageView v && v.getStyleClass().contains("md-picture")) {
            out.add(v);
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                pictures(c, out);
            }
        }
        return out;
    }

    @Test
    void theUserGuideShowsItsTextAndEveryPictureInBothLanguages() throws Exception {
        for (Locale language : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
            I18n.use(language, false);
            Stage[] guide = new Stage[1];
            robot.interact(() -> guide[0] = HelpWindows.showUserGuide(null));
            MarkdownView view = (MarkdownView) guide[0].getScene().getRoot().lookup(".markdown");
            String text = view.shownText();
            assertThat(text).contains(language == Locale.ENGLISH ? "Next phase" : "下一阶段");
            List<ImageView> shown = pictures(view, new ArrayList<>());
            // every ![alt](address) of the file is drawn: one not found would be left as its [alt] text
            String file = language == Locale.ENGLISH ? "docs/user-guide.md" : "docs/user-guide.zh.md";
            long written = java.util.regex.Pattern.compile("!\\[[^\\]]*\\]\\(")
                    .matcher(java.nio.file.Files.readString(Path.of(file))).results().count();
            assertThat(written).isGreaterThanOrEqualTo(8);
            assertThat(shown).as("pictures of " + file).hasSize((int) written);
            assertThat(shown).allSatisfy(v -> assertThat(v.getImage().isError()).isFalse());
            robot.interact(() -> guide[0].close());
        }
    }

    @Test
    void aboutNamesTheVersionTheRuntimeAndEveryLibrarysLicense() throws Exception {
        Stage[] about = new Stage[1];
        robot.interact(() -> about[0] = HelpWindows.showAbout(null, Path.of("lessons")));
        MarkdownView view = (MarkdownView) about[0].getScene().getRoot().lookup(".markdown");
        String text = view.shownText();
        assertThat(text).contains(org.fedstep.io.Version.current()).contains(System.getProperty("java.version"))
                .contains("preferences.json").contains("GPL v2 with the Classpath Exception")
                .contains("Apache 2.0").contains("BSD 3-Clause").contains("CC BY 4.0").doesNotContain("{{");
    }

    @Test
    void everyLibraryThePomShipsIsListedWithItsVersionInBothAboutTexts() throws Exception {
        String pom = java.nio.file.Files.readString(Path.of("pom.xml"));
        java.util.Map<String, String> properties = new java.util.HashMap<>();
        java.util.regex.Matcher p = java.util.regex.Pattern.compile("<([a-z.]+\\.version)>([^<]+)</").matcher(pom);
        while (p.find()) {
            properties.put(p.group(1), p.group(2));
        }
        String dependencies = pom.substring(pom.indexOf("<dependencies>"), pom.indexOf("</dependencies>"));
        java.util.regex.Matcher d = java.util.regex.Pattern.compile(
                "<dependency>.*?<artifactId>([^<]+)</artifactId>\\s*<version>([^<]+)</version>(.*?)</dependency>",
                java.util.regex.Pattern.DOTALL).matcher(dependencies);
        int shipped = 0;
        for (String lang : List.of("en", "zh")) {
            String about = new String(HelpWindows.class.getResourceAsStream("about." + lang + ".md").readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
            d.reset();
            while (d.find()) {
                if (d.group(3).contains("<scope>test</scope>")) {
                    continue;
                }
                String version = d.group(2).startsWith("${")
                        ? properties.get(d.group(2).substring(2, d.group(2).length() - 1)) : d.group(2);
                shipped++;
                assertThat(about).as(lang + ": " + d.group(1)).contains(d.group(1));
                if (!d.group(1).startsWith("javafx")) {
                    // JavaFX's version is read from the running toolkit
                    assertThat(about).as(lang + ": version of " + d.group(1)).contains("| " + version + " |");
                }
            }
        }
        assertThat(shipped).isGreaterThanOrEqualTo(16);
    }
}
