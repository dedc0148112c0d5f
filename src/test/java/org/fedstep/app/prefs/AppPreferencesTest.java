package org.fedstep.app.prefs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppPreferencesTest {

    @TempDir
    Path dir;

    @Test
    void aFirstRunHasTheDefaultsAndNoProblem() {
        AppPreferences p = AppPreferences.load(dir.resolve("preferences.json"));
        assertThat(p.problem()).isNull();
        assertThat(p.language()).isNull();
        assertThat(p.projector()).isFalse();
        assertThat(p.window()).isNull();
        assertThat(p.recentFiles()).isEmpty();
        assertThat(p.lessonStep("01-one-round", -1)).isEqualTo(-1);
        assertThat(Files.exists(dir.resolve("preferences.json"))).as("nothing written until something changes")
                .isFalse();
    }

    @Test
    void everyChoiceIsWrittenAtOnceAndReadBack() {
        Path file = dir.resolve("sub").resolve("preferences.json");
        AppPreferences p = AppPreferences.load(file);
        p.setLanguage("zh-CN");
        p.setProjector(true);
        p.setWindow(new AppPreferences.WindowBounds(40, 30, 1280, 800, false));
        p.setRecentFiles(List.of("/tmp/a.fedstep", "/tmp/b.json"));
        p.setLessonStep("06-fixing-drift", 4);
        AppPreferences again = AppPreferences.load(file);
        assertThat(again.problem()).isNull();
        assertThat(again.language()).isEqualTo("zh-CN");
        assertThat(again.projector()).isTrue();
        assertThat(again.window()).isEqualTo(new AppPreferences.WindowBounds(40, 30, 1280, 800, false));
        assertThat(again.recentFiles()).containsExactly("/tmp/a.fedstep", "/tmp/b.json");
        assertThat(again.lessonStep("06-fixing-drift", 0)).isEqualTo(4);
        // no temporary files left beside it
        assertThat(dir.resolve("sub").toFile().list()).containsExactly("preferences.json");
    }

    @Test
    void aDamagedFileGivesTheDefaultsAProblemNamingItAndIsKeptAside() throws Exception {
        Path file = dir.resolve("preferences.json");
        String broken = "{ \"language\": \"zh-CN\",\n  \"projector\": tru\n";
        Files.writeString(file, broken);
        AppPreferences p = AppPreferences.load(file);
        assertThat(p.language()).isNull();
        assertThat(p.problem()).isNotNull();
        assertThat(p.problem().unreadable()).isTrue();
        assertThat(p.problem().file()).isEqualTo(file);
        assertThat(p.problem().reason()).contains("line 2");
        // the next change writes a good file and keeps the damaged one, as it was
        p.setLanguage("en");
        assertThat(Files.readString(dir.resolve(AppPreferences.DAMAGED))).isEqualTo(broken);
        assertThat(AppPreferences.load(file).language()).isEqualTo("en");
        assertThat(AppPreferences.load(file).problem()).isNull();
    }

    @Test
    void valuesOfTheWrongKindOrSizeAreRefusedOrLeftOut() throws Exception {
        Path file = dir.resolve("preferences.json");
        Files.writeString(file, "{ \"projector\": [1, 2] }");
        assertThat(AppPreferences.load(file).problem()).isNotNull();
        // a window too small to use, or a step below 0, is not restored; the rest is
        Files.writeString(file, "{ \"version\": 9, \"language\": \"en\", \"future\": true,"
                + " \"window\": { \"x\": 0, \"y\": 0, \"width\": 10, \"height\": 10, \"maximized\": false },"
                + " \"lessonSteps\": { \"a\": -3, \"b\": 2 } }");
        AppPreferences p = AppPreferences.load(file);
        assertThat(p.problem()).isNull();
        assertThat(p.language()).isEqualTo("en");
        assertThat(p.window()).isNull();
        assertThat(p.lessonStep("a", 0)).isZero();
        assertThat(p.lessonStep("b", 0)).isEqualTo(2);
        Files.writeString(file, "");
        assertThat(AppPreferences.load(file).problem()).isNotNull();
    }

    @Test
    void theFolderIsEachSystemsStandardPlace() {
        Path home = Path.of("/home/ada");
        Map<String, String> none = Map.of();
        assertThat(AppPreferences.folderFor("Linux", home, none::get)).isEqualTo(Path.of("/home/ada/.config/fedstep"));
        Map<String, String> xdg = Map.of("XDG_CONFIG_HOME", "/data/config");
        assertThat(AppPreferences.folderFor("Linux", home, xdg::get)).isEqualTo(Path.of("/data/config/fedstep"));
        Map<String, String> relative = Map.of("XDG_CONFIG_HOME", "config");
        assertThat(AppPreferences.folderFor("Linux", home, relative::get))
                .isEqualTo(Path.of("/home/ada/.config/fedstep"));
        assertThat(AppPreferences.folderFor("Mac OS X", home, none::get))
                .isEqualTo(Path.of("/home/ada/Library/Application Support/FedStep"));
        Map<String, String> appData = Map.of("APPDATA", "/users/ada/AppData/Roaming");
        assertThat(AppPreferences.folderFor("Windows 11", home, appData::get))
                .isEqualTo(Path.of("/users/ada/AppData/Roaming/FedStep"));
    }
}
