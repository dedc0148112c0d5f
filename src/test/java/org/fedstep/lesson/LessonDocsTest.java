package org.fedstep.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lessons/README.md describes what the code accepts, and its minimal example is a working lesson. */
class LessonDocsTest {

    private static final Path README = Path.of("lessons/README.md");

    @TempDir
    Path dir;

    @Test
    void theReadmeDefinesEveryAnswerKeyAndEveryLockId() throws IOException {
        String readme = Files.readString(README);
        for (AnswerKey k : AnswerKey.values()) {
            assertThat(readme).contains("| `" + k.key() + "` | " + k.kind().name().toLowerCase() + " |");
        }
        for (String id : Locks.IDS) {
            assertThat(readme).contains("| `" + id + "` |");
        }
        for (String preset : LessonLoader.PRESETS) {
            assertThat(readme).contains("`" + preset + "`");
        }
    }

    @Test
    void theReadmesMinimalExampleLoadsAndAnswers() throws IOException {
        String readme = Files.readString(README);
        String example = readme.substring(readme.indexOf("## A minimal complete lesson"));
        Matcher blocks = Pattern.compile("```(?:json|markdown)\\n(.*?)```", Pattern.DOTALL).matcher(example);
        List<String> texts = new ArrayList<>();
        while (blocks.find()) {
            texts.add(blocks.group(1));
        }
        assertThat(texts).hasSize(5);
        Path folder = Files.createDirectories(dir.resolve("03-my-lesson"));
        Files.writeString(folder.resolve("lesson.json"), texts.get(0));
        Files.writeString(folder.resolve("01-start.en.md"), texts.get(1));
        Files.writeString(folder.resolve("01-start.zh.md"), texts.get(2));
        Files.writeString(folder.resolve("02-weight.en.md"), texts.get(3));
        Files.writeString(folder.resolve("02-weight.zh.md"), texts.get(4));

        LessonCheck.Result r = LessonCheck.run(folder);

        Answer a = r.questions().get(0).answer();
        assertThat(a.value()).isEqualTo(40.0 / 300);
        assertThat(a.explanation().en()).contains("40 / 300 = 0.1333");
        assertThat(((Lesson.NumberQuestion) r.questions().get(0).question()).accepts(0.133, a)).isTrue();
    }

    @Test
    void anAnswerTheSettingsCannotGiveFailsTheCheckNamingTheStep() {
        Path folder = LessonFolders.with(dir, "unreachable",
                "\"weight.of.client\", \"client\": 2, \"round\": 1,", "\"rounds.to.reach.loss\", \"target\": 1e-12,");
        assertThatThrownBy(() -> LessonCheck.run(folder)).isInstanceOf(LessonException.class)
                .hasMessageContaining("lesson.json")
                .hasMessageContaining("step 2")
                .hasMessageContaining("does not reach");
    }
}
