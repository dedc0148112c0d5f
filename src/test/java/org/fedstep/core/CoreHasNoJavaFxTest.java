package org.fedstep.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** DESIGN.md, Architecture: the simulation core is pure Java; the UI shows and steers, it never computes FL. */
class CoreHasNoJavaFxTest {

    private static final Pattern JAVAFX = Pattern.compile("^\\s*import\\s+(static\\s+)?javafx\\.", Pattern.MULTILINE);

    @Test
    void noSourceFileUnderCoreImportsJavaFx() throws IOException {
        assertThat(offenders(Path.of("src/main/java/org/fedstep/core"))).isEmpty();
    }

    /** Lessons are read, checked and answered headless (tests, the runner); only the player is JavaFX. */
    @Test
    void noSourceFileUnderLessonImportsJavaFx() throws IOException {
        assertThat(offenders(Path.of("src/main/java/org/fedstep/lesson"))).isEmpty();
    }

    private static List<Path> offenders(Path root) throws IOException {
        assertThat(root).isDirectory();
        List<Path> offenders;
        try (Stream<Path> files = Files.walk(root)) {
            offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> JAVAFX.matcher(read(p)).find())
                    .toList();
        }
        return offenders;
    }

    @Test
    void theCheckWouldCatchAnImport() {
        assertThat(JAVAFX.matcher("package x;\nimport javafx.scene.Node;\n").find()).isTrue();
        assertThat(JAVAFX.matcher("package x;\nimport static javafx.geometry.Pos.CENTER;\n").find()).isTrue();
        assertThat(JAVAFX.matcher("// javafx is not used here\nimport java.util.List;\n").find()).isFalse();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
