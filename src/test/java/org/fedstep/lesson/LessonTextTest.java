package org.fedstep.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.fedstep.core.settings.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Numbers in step texts are computed by the engine, checked when the lesson loads, and follow a new seed. */
class LessonTextTest {

    @TempDir
    Path dir;

    private static String filled(Lesson lesson, int step, String language) {
        Map<Settings, Answers> calc = new HashMap<>();
        return LessonText.fill(lesson, lesson.steps().get(step), language,
                s -> calc.computeIfAbsent(s, x -> Answers.on(x, lesson.folder())));
    }

    @Test
    void aValueInTheTextIsTheEnginesAnswerWrittenForReading() throws IOException {
        Path folder = LessonFolders.valid(dir, "values");
        Files.writeString(folder.resolve("01-start.en.md"),
                "The first weight is {{weight.of.client client=1 round=1}}; in a formula $p_1 = "
                        + "{{ weight.of.client client=1 round=1 decimals=2 }}$. Largest: client "
                        + "{{client.largest.weight round=1}}. LaTeX braces stay: $\\frac{1}{n}$.\n");
        Lesson lesson = LessonLoader.load(folder);
        // quickstart: n = 40, 80, 20, 60, 100, so p_1 = 40/300 and client 5 holds the most
        assertThat(filled(lesson, 0, "en")).isEqualTo("The first weight is 0.1333; in a formula $p_1 = 0.13$. "
                + "Largest: client 5. LaTeX braces stay: $\\frac{1}{n}$.\n");
        assertThat(lesson.steps().get(0).values().zh()).isEmpty();
    }

    @Test
    void aValueMayUseTheSettingsOfAnotherStep() throws IOException {
        String json = LessonFolders.JSON.replace("{ \"text\": \"03-choose\",",
                "{ \"text\": \"03-choose\", \"settings\": { \"training\": { \"localEpochs\": 1 } },");
        Path folder = LessonFolders.write(dir, "steps", json);
        Files.writeString(folder.resolve("01-start.zh.md"), "E = 3：{{global.slope.after.round round=2}}；"
                + "E = 1：{{global.slope.after.round round=2 step=3}}\n");
        Lesson lesson = LessonLoader.load(folder);
        String e3 = Answers.fmt(Answers.compute(lesson.steps().get(0).settings(), null,
                new Lesson.AnswerRef(AnswerKey.GLOBAL_SLOPE_AFTER_ROUND, 2, null, null)).value());
        String e1 = Answers.fmt(Answers.compute(lesson.steps().get(2).settings(), null,
                new Lesson.AnswerRef(AnswerKey.GLOBAL_SLOPE_AFTER_ROUND, 2, null, null)).value());
        assertThat(e3).isNotEqualTo(e1);
        assertThat(filled(lesson, 0, "zh")).isEqualTo("E = 3：" + e3 + "；E = 1：" + e1 + "\n");
    }

    @Test
    void aValueMayUseTheSettingsOfAComparedRun() throws IOException {
        String json = LessonFolders.JSON.replace("{ \"text\": \"01-start\", \"lock\": [\"data\", \"server\"] }",
                "{ \"text\": \"01-start\", \"compare\": [{ \"label\": { \"en\": \"E = 1\", \"zh\": \"E = 1\" },"
                        + " \"settings\": { \"training\": { \"localEpochs\": 1 } } }] }");
        Path folder = LessonFolders.write(dir, "compared", json);
        Files.writeString(folder.resolve("03-choose.en.md"), "E = 1: {{global.slope.after.round round=2 step=1 compare=1}}\n");
        Lesson lesson = LessonLoader.load(folder);
        String e1 = Answers.fmt(Answers.compute(lesson.steps().get(0).compare().get(0).settings(), null,
                new Lesson.AnswerRef(AnswerKey.GLOBAL_SLOPE_AFTER_ROUND, 2, null, null)).value());
        assertThat(filled(lesson, 2, "en")).isEqualTo("E = 1: " + e1 + "\n");
        Files.writeString(folder.resolve("03-choose.en.md"), "{{optimum.slope step=1 compare=2}}\n");
        assertThatThrownBy(() -> LessonLoader.load(folder)).hasMessageContaining("compare=2 is out of range: step 1 "
                + "compares runs 1 to 1");
    }

    @Test
    void aBrokenValueNamesTheTextFileAndLine() throws IOException {
        Path folder = LessonFolders.valid(dir, "broken");
        Files.writeString(folder.resolve("02-ask.en.md"), "# Ask\n\nThe slope {{global.slope.after.round}}.\n");
        assertThatThrownBy(() -> LessonLoader.load(folder)).isInstanceOf(LessonException.class)
                .hasMessageContaining(folder.resolve("02-ask.en.md").toString())
                .hasMessageContaining("line 3, {{global.slope.after.round}}: needs round=N");
    }

    @Test
    void valuesAreCheckedLikeQuestions() throws IOException {
        String[][] cases = {
            {"{{no.such.key}}", "no answer key \"no.such.key\""},
            {"{{optimum.slope round=2}}", "takes no round"},
            {"{{global.slope.after.round round=9}}", "round 9 is out of range: the settings of step 1 run rounds 0 to 5"},
            {"{{samples.of.client client=6}}", "client 6 is out of range"},
            {"{{optimum.slope step=4}}", "step=4 is out of range: the lesson has steps 1 to 3"},
            {"{{optimum.slope colour=red}}", "unknown parameter \"colour\""},
            {"{{optimum.slope decimals=two}}", "decimals must be a whole number"},
        };
        for (String[] c : cases) {
            Path folder = LessonFolders.valid(dir, "case" + c[0].hashCode());
            Files.writeString(folder.resolve("01-start.zh.md"), "文字 " + c[0] + "\n");
            assertThatThrownBy(() -> LessonLoader.load(folder)).as(c[0]).isInstanceOf(LessonException.class)
                    .hasMessageContaining("01-start.zh.md: line 1, ").hasMessageContaining(c[1]);
        }
    }

    @Test
    void aValueTheSettingsCannotGiveFailsTheLessonCheckNamingTheText() throws IOException {
        Path folder = LessonFolders.valid(dir, "unreachable");
        Files.writeString(folder.resolve("03-choose.en.md"), "Reached after {{rounds.to.reach.loss target=1e-9}}.\n");
        assertThatThrownBy(() -> LessonCheck.run(folder)).isInstanceOf(LessonException.class)
                .hasMessageContaining("03-choose.en.md: a number in the text cannot be computed: the training loss does "
                        + "not reach");
    }

    @Test
    void aHomeworkPackComputesTheTextsNumbersOnItsOwnSeed() throws IOException {
        Path folder = LessonFolders.valid(dir, "pack");
        Files.writeString(folder.resolve("02-ask.en.md"), "Here $w^* = {{optimum.slope}}$.\n");
        Lesson lesson = LessonLoader.load(folder);
        HomeworkPack.write(lesson, 99L, dir.resolve("out"));
        String sheet = Files.readString(dir.resolve("out/worksheet.en.md"));
        String seeded = Answers.fmt(Answers.compute(lesson.steps().get(1).settings().withSeed(99), null,
                new Lesson.AnswerRef(AnswerKey.OPTIMUM_SLOPE, null, null, null)).value());
        String unseeded = Answers.fmt(Answers.compute(lesson.steps().get(1).settings(), null,
                new Lesson.AnswerRef(AnswerKey.OPTIMUM_SLOPE, null, null, null)).value());
        assertThat(seeded).isNotEqualTo(unseeded);
        assertThat(sheet).contains("Here $w^* = " + seeded + "$.").doesNotContain("{{");
    }
}
