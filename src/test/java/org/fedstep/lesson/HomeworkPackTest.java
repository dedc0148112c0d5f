package org.fedstep.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fedstep.cli.Runner;
import org.fedstep.core.settings.Settings;
import org.fedstep.io.SettingsFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Homework packs: the worksheet asks, the answer key answers with the engine's numbers, and seeds differ. */
class HomeworkPackTest {

    @TempDir
    Path dir;

    private static int run(String... args) {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return new Runner(quiet, quiet).run(args);
    }

    @Test
    void aLessonsPackHasTheDataTheQuestionsAndASeparateAnswerKey() throws Exception {
        Path out = dir.resolve("pack");
        assertThat(run("--homework", "--lesson", "lessons/02-fedavg-weighted-average", "--out", out.toString()))
                .isZero();
        for (String f : HomeworkPack.FILES) {
            assertThat(out.resolve(f)).exists();
        }
        // quickstart: five clients of 40, 80, 20, 60, 100 training rows
        for (int k = 1; k <= 5; k++) {
            assertThat(out.resolve("data/client-" + k + ".csv")).exists();
        }
        assertThat(Files.readAllLines(out.resolve("data/client-1.csv"))).hasSize(1 + 40);
        String sheet = Files.readString(out.resolve("worksheet.en.md"));
        String key = Files.readString(out.resolve("answers.en.md"));
        // p_1 = 40 / 300, worked by hand; the key has it, the worksheet does not
        assertThat(key).contains(Double.toString(40.0 / 300)).contains("client 5");
        assertThat(sheet).doesNotContain("0.1333").contains("**Answer:** ____");
        assertThat(Files.readString(out.resolve("worksheet.zh.html"))).contains("<html lang=\"zh\">").contains("第 1 题");
        Settings config = SettingsFiles.read(out.resolve("config.json"));
        assertThat(config.clients().samples()).containsExactly(40, 80, 20, 60, 100);
    }

    @Test
    void anotherSeedGivesAnotherStudentOtherDataAndAnswers() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        assertThat(run("--homework", "--config", "sample-data/configs/quickstart.json", "--seed", "1", "--out",
                a.toString())).isZero();
        assertThat(run("--homework", "--config", "sample-data/configs/quickstart.json", "--seed", "2", "--out",
                b.toString())).isZero();
        assertThat(Files.readString(a.resolve("data.csv"))).isNotEqualTo(Files.readString(b.resolve("data.csv")));
        assertThat(Files.readString(a.resolve("answers.en.md"))).isNotEqualTo(Files.readString(b.resolve("answers.en.md")));
        assertThat(SettingsFiles.read(b.resolve("config.json")).seed()).isEqualTo(2);
        // the same seed again: the same pack, to the byte
        Path again = dir.resolve("again");
        run("--homework", "--config", "sample-data/configs/quickstart.json", "--seed", "1", "--out", again.toString());
        assertThat(Files.readString(again.resolve("answers.en.md"))).isEqualTo(Files.readString(a.resolve("answers.en.md")));
    }

    @Test
    void aBrokenLessonWritesNothing() throws Exception {
        Path lesson = dir.resolve("broken");
        Files.createDirectories(lesson);
        Files.writeString(lesson.resolve("lesson.json"), "{ \"format\": \"fedstep-lesson\" ");
        Path out = dir.resolve("out");
        assertThat(run("--homework", "--lesson", lesson.toString(), "--out", out.toString())).isEqualTo(Runner.BAD_INPUT);
        assertThat(out).doesNotExist();
        assertThat(run("--homework", "--out", out.toString())).isEqualTo(Runner.BAD_INPUT);
    }

    @Test
    void theHtmlWorksheetShowsFormulasAsPicturesAndTablesAsTables() {
        String html = HomeworkPack.html("t", "Weights $p_k = \\frac{n_k}{N}$ and\n\n$$\\theta_1 = \\sum_k p_k \\theta_k$$\n\n"
                + "| a | b |\n|---|---|\n| $w$ | 2 |\n", "en");
        assertThat(html).doesNotContain("$").contains("<table>").contains("<td>")
                .contains("<div class=\"math-display\"><img src=\"data:image/png;base64,")
                .contains("alt=\"p_k = \\frac{n_k}{N}\"").contains("alt=\"w\"");
        assertThat(html.split("<img ", -1)).hasSize(4);
    }
}
