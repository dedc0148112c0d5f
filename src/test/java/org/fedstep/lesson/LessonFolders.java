package org.fedstep.lesson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A small valid lesson written into a folder, for tests to break one thing at a time. */
final class LessonFolders {

    static final String JSON = """
            {
              "format": "fedstep-lesson",
              "version": 1,
              "id": "test-lesson",
              "title": { "en": "A test", "zh": "测试" },
              "level": "intro",
              "minutes": 3,
              "setup": { "preset": "quickstart", "change": { "rounds": 5 } },
              "steps": [
                { "text": "01-start", "lock": ["data", "server"] },
                { "text": "02-ask",
                  "waitFor": { "phase": "aggregate", "round": 1 },
                  "question": { "kind": "number", "about": "weight.of.client", "client": 2, "round": 1,
                                "tolerance": 0.001, "reveal": "predict" } },
                { "text": "03-choose",
                  "question": { "kind": "choice", "options": { "en": ["a", "b"], "zh": ["甲", "乙"] },
                                "correct": 1 } }
              ]
            }
            """;

    private LessonFolders() { }

    static Path write(Path dir, String name, String json) {
        Path folder = dir.resolve(name);
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("lesson.json"), json, StandardCharsets.UTF_8);
            for (String step : new String[] {"01-start", "02-ask", "03-choose"}) {
                Files.writeString(folder.resolve(step + ".en.md"), "# " + step + "\n\nText $w_1$.\n");
                Files.writeString(folder.resolve(step + ".zh.md"), "# " + step + "\n\n文字 $w_1$。\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }

    static Path valid(Path dir, String name) {
        return write(dir, name, JSON);
    }

    /** The valid lesson with one piece of its JSON text replaced (the piece must occur). */
    static Path with(Path dir, String name, String from, String to) {
        if (!JSON.contains(from)) {
            throw new IllegalArgumentException("not in the test lesson: " + from);
        }
        return write(dir, name, JSON.replace(from, to));
    }
}
