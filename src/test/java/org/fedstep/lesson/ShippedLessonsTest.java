package org.fedstep.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Issue 4, Proof: every lesson in lessons/ loads in both languages, and every question's answer is computed. */
class ShippedLessonsTest {

    static final Path LESSONS = Path.of("lessons");

    static List<Path> lessonFolders() throws IOException {
        try (Stream<Path> s = Files.list(LESSONS)) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("lessonFolders")
    void everyLessonLoadsInBothLanguagesAndEveryAnswerComputes(Path folder) {
        LessonCheck.Result r = LessonCheck.run(folder);
        Lesson lesson = r.lesson();
        assertThat(lesson.title().en()).isNotBlank();
        assertThat(lesson.title().zh()).isNotBlank();
        assertThat(lesson.steps()).hasSizeBetween(1, 12);
        for (Lesson.Step step : lesson.steps()) {
            assertThat(step.markdown().en()).as("step %d en", step.number()).isNotBlank();
            assertThat(step.markdown().zh()).as("step %d zh", step.number()).isNotBlank();
            assertThat(Locks.IDS).containsAll(step.locks());
        }
        // every run a step compares with runs on the step's own data
        for (Lesson.Step step : lesson.steps()) {
            for (Lesson.Comparison c : step.compare()) {
                assertThat(c.settings().dataset()).isEqualTo(step.settings().dataset());
                assertThat(c.settings().rounds()).isEqualTo(step.settings().rounds());
                org.fedstep.core.data.FederatedData data = org.fedstep.core.data.DataSets.build(step.settings(),
                        lesson.folder());
                org.fedstep.core.fl.RunTrace trace = org.fedstep.core.fl.RunTrace.of(
                        org.fedstep.core.data.DataSets.effective(c.settings(), data), data);
                assertThat(trace.lastRound()).as("%s step %d compares %s", lesson.id(), step.number(), c.label().en())
                        .isEqualTo(c.settings().rounds());
            }
        }
        for (LessonCheck.Checked c : r.questions()) {
            if (c.question() instanceof Lesson.ChoiceQuestion q) {
                assertThat(q.options().en()).hasSameSizeAs(q.options().zh());
                continue;
            }
            Answer a = c.answer();
            assertThat(a.value()).as("%s step %d", lesson.id(), c.step().number()).isFinite();
            assertThat(a.explanation().en()).isNotBlank();
            // the Chinese reveal has Chinese words around the same formulas, or is a formula alone
            if (!a.explanation().zh().equals(a.explanation().en())) {
                assertThat(a.explanation().zh()).as("%s step %d zh", lesson.id(), c.step().number())
                        .containsPattern("[\\u4e00-\\u9fff]");
            }
            if (a.isClient()) {
                assertThat(a.clients()).isNotEmpty();
            }
        }
    }
}
