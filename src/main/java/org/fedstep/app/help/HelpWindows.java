package org.fedstep.app.help;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.Image;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.fedstep.app.i18n.I18n;
import org.fedstep.app.lesson.MarkdownView;
import org.fedstep.app.prefs.AppPreferences;
import org.fedstep.app.theme.AppIcon;
import org.fedstep.io.Version;

/**
 * The Help menu's windows. The user guide is docs/user-guide.md (docs/user-guide.zh.md in Chinese), read from
 * inside the jar with its pictures, so it needs no browser and no internet. About gives the version and what a bug
 * report needs, and the licenses of the libraries and the data sets. One window of each kind: asking again brings
 * it to the front (in the language of the moment).
 */
public final class HelpWindows {

    private static final double TEXT_SIZE = 15;
    private static Stage guide;
    private static Stage about;

    private HelpWindows() { }

    /** The user guide in the app's language. */
    public static Stage showUserGuide(Window owner) {
        String name = I18n.isChinese() ? "/docs/user-guide.zh.md" : "/docs/user-guide.md";
        guide = show(guide, owner, I18n.t("help.guide.title"), read(name), "userGuide", 1000, 820);
        return guide;
    }

    /** About FedStep: version, runtime, where its files are, libraries and data sets with their licenses. */
    public static Stage showAbout(Window owner, Path lessonsFolder) {
        String text = read("/org/fedstep/app/help/about." + (I18n.isChinese() ? "zh" : "en") + ".md");
        Map<String, String> values = Map.of(
                "version", Version.current(),
                "java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                "os", System.getProperty("os.name") + " " + System.getProperty("os.version") + ", "
                        + System.getProperty("os.arch"),
                "prefs", AppPreferences.shared().file().toString(),
                "lessons", lessonsFolder == null ? "–" : lessonsFolder.toAbsolutePath().normalize().toString(),
                "javafx", System.getProperty("javafx.runtime.version", "–"));
        for (Map.Entry<String, String> v : values.entrySet()) {
            // a path may hold characters Markdown would read as markup
            text = text.replace("{{" + v.getKey() + "}}", "`" + v.getValue().replace("`", "'") + "`");
        }
        about = show(about, owner, I18n.t("menu.help.about"), text, "about", 760, 760);
        return about;
    }

    private static Stage show(Stage existing, Window owner, String title, String markdown, String id, double width,
                              double height) {
        Stage stage = existing;
        if (stage == null) {
            stage = new Stage();
            stage.getIcons().addAll(AppIcon.images());
        }
        MarkdownView view = new MarkdownView(markdown, TEXT_SIZE, HelpWindows::picture, width - 80);
        VBox page = new VBox(view);
        page.getStyleClass().add("help-page");
        ScrollPane scroll = new ScrollPane(page);
        scroll.setFitToWidth(true);
        scroll.setId(id);
        Scene scene = new Scene(scroll, width, height);
        scene.getStylesheets().add(HelpWindows.class.getResource("/org/fedstep/app/fedstep.css").toExternalForm());
        stage.setScene(scene);
        stage.setTitle(title);
        if (owner != null && stage.getOwner() == null) {
            stage.initOwner(owner);
        }
        stage.show();
        stage.toFront();
        return stage;
    }

    /** A picture of the guide, by its address relative to docs/ (images/guide-window.png). */
    private static Image picture(String address) {
        if (address.contains("..") || address.contains(":")) {
            return null;
        }
        InputStream in = HelpWindows.class.getResourceAsStream("/docs/" + address);
        return in == null ? null : new Image(in);
    }

    private static String read(String resource) {
        try (InputStream in = HelpWindows.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from this build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
