package org.fedstep.app.prefs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fedstep.io.AtomicFiles;

/**
 * What the app remembers between runs: the language, projector mode, the window's place and size, recent files and
 * where each lesson was left. One small JSON file in the user's standard configuration folder:
 * <ul>
 *   <li>Linux and other Unix: {@code $XDG_CONFIG_HOME/fedstep/preferences.json}, by default
 *       {@code ~/.config/fedstep/preferences.json};</li>
 *   <li>Windows: {@code %APPDATA%\FedStep\preferences.json};</li>
 *   <li>macOS: {@code ~/Library/Application Support/FedStep/preferences.json}.</li>
 * </ul>
 * The system property {@code fedstep.config.dir} names another folder (tests use it, so they never touch yours).
 * A damaged file is never fatal: the app starts with the defaults, says so ({@link #problem()}), and keeps the damaged
 * file beside the new one as {@code preferences.damaged.json}. Every change is written at once, to a temporary file moved into place.
 */
public final class AppPreferences {

    public static final String FILE = "preferences.json";
    public static final String DAMAGED = "preferences.damaged.json";
    /** The format of the file; a newer one is read for what this version knows. */
    public static final int VERSION = 1;
    private static final int MAX_RECENT = 8;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static AppPreferences shared;

    /** The window's place and size on the screen (not maximised: its normal bounds). */
    public record WindowBounds(double x, double y, double width, double height, boolean maximized) { }

    /** The file's content. Unknown keys are kept out (a newer FedStep may write more). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Stored(Integer version, String language, Boolean projector, WindowBounds window, List<String> recentFiles,
                  Map<String, Integer> lessonSteps) {
    }

    private final Path file;
    private String language;
    private boolean projector;
    private WindowBounds window;
    private final List<String> recentFiles = new ArrayList<>();
    private final Map<String, Integer> lessonSteps = new LinkedHashMap<>();
    private Problem problem;
    private boolean damaged;

    /**
     * Something the user should be told once: the file could not be read (it is kept as {@link #DAMAGED}), or could not
     * be written (choices last for this run only).
     */
    public record Problem(boolean unreadable, Path file, String reason) { }

    private AppPreferences(Path file) {
        this.file = file;
    }

    /** The preferences of this user, read once. */
    public static synchronized AppPreferences shared() {
        if (shared == null) {
            shared = load(defaultFolder().resolve(FILE));
        }
        return shared;
    }

    /** Reads this user's file again (tests start the app afresh with it). */
    public static synchronized AppPreferences reloadShared() {
        shared = load(defaultFolder().resolve(FILE));
        return shared;
    }

    /** Reads the file; a missing file gives the defaults, a damaged one the defaults and a {@link #problem()}. */
    public static AppPreferences load(Path file) {
        AppPreferences p = new AppPreferences(file);
        try {
            Stored s = JSON.readValue(Files.readString(file), Stored.class);
            if (s == null) {
                throw new IOException("the file is empty");
            }
            p.language = s.language();
            p.projector = Boolean.TRUE.equals(s.projector());
            p.window = valid(s.window()) ? s.window() : null;
            if (s.recentFiles() != null) {
                s.recentFiles().stream().filter(f -> f != null && !f.isBlank()).limit(MAX_RECENT)
                        .forEach(p.recentFiles::add);
            }
            if (s.lessonSteps() != null) {
                s.lessonSteps().forEach((id, step) -> {
                    if (id != null && step != null && step >= 0) {
                        p.lessonSteps.put(id, step);
                    }
                });
            }
        } catch (NoSuchFileException missing) {
            // first run: the defaults
        } catch (JsonProcessingException e) {
            // Jackson's own words for what is wrong, and where
            p.damaged(e.getOriginalMessage() + (e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
        } catch (IOException | RuntimeException e) {
            p.damaged(e.getMessage());
        }
        return p;
    }

    private void damaged(String why) {
        damaged = true;
        problem = new Problem(true, file, why);
    }

    private static boolean valid(WindowBounds w) {
        return w != null && Double.isFinite(w.x()) && Double.isFinite(w.y()) && w.width() >= 200 && w.height() >= 150
                && w.width() < 100_000 && w.height() < 100_000;
    }

    /** The user's standard configuration folder for FedStep, or the one -Dfedstep.config.dir names. */
    public static Path defaultFolder() {
        String configured = System.getProperty("fedstep.config.dir");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return folderFor(System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")), System::getenv);
    }

    /** The standard folder on an operating system (os.name), for a home folder and environment. */
    static Path folderFor(String osName, Path home, java.util.function.UnaryOperator<String> env) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = env.apply("APPDATA");
            return (appData == null || appData.isBlank() ? home.resolve("AppData").resolve("Roaming")
                    : Path.of(appData)).resolve("FedStep");
        }
        if (os.startsWith("mac")) {
            return home.resolve("Library").resolve("Application Support").resolve("FedStep");
        }
        // the XDG base directory specification: a relative XDG_CONFIG_HOME is to be ignored
        String xdg = env.apply("XDG_CONFIG_HOME");
        Path config = xdg == null || xdg.isBlank() || !Path.of(xdg).isAbsolute() ? home.resolve(".config")
                : Path.of(xdg);
        return config.resolve("fedstep");
    }

    /** Where this file lives. */
    public Path file() {
        return file;
    }

    /** What went wrong reading or writing the file, for the status bar; null when nothing did. */
    public synchronized Problem problem() {
        return problem;
    }

    /** The language tag chosen last time (e.g. "zh-CN"), or null. */
    public synchronized String language() {
        return language;
    }

    public synchronized void setLanguage(String tag) {
        language = tag;
        save();
    }

    public synchronized boolean projector() {
        return projector;
    }

    public synchronized void setProjector(boolean on) {
        if (projector != on) {
            projector = on;
            save();
        }
    }

    /** The window's last place and size, or null. */
    public synchronized WindowBounds window() {
        return window;
    }

    public synchronized void setWindow(WindowBounds bounds) {
        if (valid(bounds) && !bounds.equals(window)) {
            window = bounds;
            save();
        }
    }

    /** The recent files, newest first (as stored: whether they still exist is the caller's question). */
    public synchronized List<String> recentFiles() {
        return List.copyOf(recentFiles);
    }

    public synchronized void setRecentFiles(List<String> files) {
        recentFiles.clear();
        files.stream().limit(MAX_RECENT).forEach(recentFiles::add);
        save();
    }

    /** The step (0-based) a lesson was left at, or the fallback. */
    public synchronized int lessonStep(String lessonId, int fallback) {
        return lessonSteps.getOrDefault(lessonId, fallback);
    }

    public synchronized void setLessonStep(String lessonId, int step) {
        Integer old = lessonSteps.put(lessonId, step);
        if (old == null || old != step) {
            save();
        }
    }

    public synchronized void forgetLesson(String lessonId) {
        if (lessonSteps.remove(lessonId) != null) {
            save();
        }
    }

    /**
     * Writes the file (temporary file, then moved into place). A damaged file is first kept aside, once. A failure to
     * write is not worth stopping a lesson for: the choices then last for this run only.
     */
    private void save() {
        Stored s = new Stored(VERSION, language, projector, window, List.copyOf(recentFiles),
                new LinkedHashMap<>(lessonSteps));
        try {
            Files.createDirectories(file.getParent());
            if (damaged && Files.exists(file)) {
                Files.move(file, file.resolveSibling(DAMAGED), StandardCopyOption.REPLACE_EXISTING);
            }
            damaged = false;
            AtomicFiles.write(file, w -> JSON.writeValue(w, s));
        } catch (IOException e) {
            problem = new Problem(false, file, AtomicFiles.reason(e));
        }
    }
}
