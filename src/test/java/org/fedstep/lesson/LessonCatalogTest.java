package org.fedstep.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LessonCatalogTest {

    @TempDir
    Path dir;

    @Test
    void aBrokenLessonIsSkippedAndReportedAndTheOthersAreListedInIdOrder() throws IOException {
        LessonFolders.with(dir, "b-folder", "\"test-lesson\"", "\"b-lesson\"");
        LessonFolders.with(dir, "a-folder", "\"test-lesson\"", "\"c-lesson\"");
        Path broken = LessonFolders.with(dir, "broken", "\"data\", \"server\"", "\"data\", \"nothing\"");
        Files.writeString(dir.resolve("README.md"), "# not a lesson\n");
        Files.createDirectories(dir.resolve(".hidden"));

        LessonCatalog c = LessonCatalog.scan(dir);

        assertThat(c.lessons()).extracting(Lesson::id).containsExactly("b-lesson", "c-lesson");
        assertThat(c.broken()).hasSize(1);
        assertThat(c.broken().get(0).folder()).isEqualTo(broken);
        assertThat(c.broken().get(0).message()).contains(broken.resolve("lesson.json").toString())
                .contains("no control \"nothing\"");
        assertThat(c.byId("c-lesson").folder()).isEqualTo(dir.resolve("a-folder"));
    }

    @Test
    void aFolderWithoutLessonJsonAndADuplicateIdAreReported() throws IOException {
        LessonFolders.valid(dir, "one");
        LessonFolders.valid(dir, "two");
        Files.createDirectories(dir.resolve("notes"));

        LessonCatalog c = LessonCatalog.scan(dir);

        assertThat(c.lessons()).extracting(Lesson::id).containsExactly("test-lesson");
        assertThat(c.broken()).extracting(p -> p.folder().getFileName().toString()).containsExactly("notes", "two");
        assertThat(c.broken().get(1).message()).contains("already used by one");
    }

    @Test
    void theShippedLessonsAllLoad() {
        LessonCatalog c = LessonCatalog.scan(Path.of("lessons"));
        assertThat(c.broken()).isEmpty();
        assertThat(c.lessons()).extracting(Lesson::id)
                .startsWith("01-one-round", "02-fedavg-weighted-average");
    }

    @Test
    void aMissingFolderIsAnEmptyCatalog() {
        LessonCatalog c = LessonCatalog.scan(dir.resolve("nowhere"));
        assertThat(c.lessons()).isEmpty();
        assertThat(c.broken()).isEmpty();
    }
}
