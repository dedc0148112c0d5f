package org.fedstep.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fedstep.cli.Runner;
import org.fedstep.io.SettingsFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fedstep run --lesson DIR --out OUT}: every run of the lesson exported, and the lesson as a script. */
class LessonRunTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        err.reset();
        return new Runner(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private Path lessonWithAComparison() {
        return LessonFolders.with(dir, "compare", "{ \"text\": \"01-start\", \"lock\": [\"data\", \"server\"] }",
                "{ \"text\": \"01-start\", \"compare\": [{ \"label\": { \"en\": \"E = 1\", \"zh\": \"E = 1\" },"
                        + " \"settings\": { \"training\": { \"localEpochs\": 1 } } }] }");
    }

    @Test
    void everyRunOfTheLessonIsExportedAndTheScriptHasTheEnginesAnswers() throws IOException {
        Path out = dir.resolve("out");
        assertThat(run("--lesson", lessonWithAComparison().toString(), "--out", out.toString())).isEqualTo(0);
        // the steps' settings (run-1) and the compared run (run-2), each as the runner exports it
        for (String run : new String[] {"run-1", "run-2"}) {
            assertThat(Files.readString(out.resolve(run + "/rounds.csv")).lines().count()).as(run).isEqualTo(1 + 6);
        }
        assertThat(SettingsFiles.read(out.resolve("run-2/config.json")).training().localEpochs()).isEqualTo(1);
        assertThat(SettingsFiles.read(out.resolve("run-1/config.json")).training().localEpochs()).isEqualTo(3);
        String script = Files.readString(out.resolve("lesson.en.md"));
        Lesson lesson = LessonLoader.load(dir.resolve("compare"));
        Answer weight = LessonCheck.answer(lesson, lesson.steps().get(1));
        assertThat(script).contains("**Step 1** · run `run-1/` · compared with E = 1: `run-2/`")
                .contains("**Answer:** " + weight.value()).contains(weight.explanation().en())
                .contains("- **B. b**");
        assertThat(Files.readString(out.resolve("lesson.zh.md"))).contains("**答案：** " + weight.value())
                .contains(weight.explanation().zh());
    }

    @Test
    void aBrokenLessonWritesNothingAndSaysWhy() throws IOException {
        Path folder = LessonFolders.valid(dir, "broken");
        Files.delete(folder.resolve("03-choose.zh.md"));
        Path out = dir.resolve("nothing");
        assertThat(run("--lesson", folder.toString(), "--out", out.toString())).isEqualTo(Runner.BAD_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("03-choose.zh.md").contains("missing: step 3");
        assertThat(out).doesNotExist();
    }

    @Test
    void theLessonGivesTheSettingsSoConfigAndRoundsAreRefused() {
        assertThat(run("--lesson", lessonWithAComparison().toString(), "--rounds", "3", "--out", "x"))
                .isEqualTo(Runner.BAD_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("leave out --config and --rounds");
    }
}
