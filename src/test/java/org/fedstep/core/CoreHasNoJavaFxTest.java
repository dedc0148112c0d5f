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
        Path core = Path.of("src/main/java/org/fedstep/core");
        List<Path> offenders;
        try (Stream<Path> files = Files.walk(core)) {
            offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> JAVAFX.matcher(read(p)).find())
                    .toList();
        }
        assertThat(offenders).isEmpty();
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
