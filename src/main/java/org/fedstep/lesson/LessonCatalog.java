package org.fedstep.lesson;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The lessons in a lessons/ folder: every sub-folder is loaded; a broken one is skipped and reported, the others are
 * listed in id order.
 *
 * @param lessons the lessons that loaded, sorted by id
 * @param broken  the folders that did not, with the problem, in folder-name order
 */
public record LessonCatalog(List<Lesson> lessons, List<Problem> broken) {

    public LessonCatalog {
        lessons = List.copyOf(lessons);
        broken = List.copyOf(broken);
    }

    /** A lesson folder that could not be loaded, and why (the message names the file). */
    public record Problem(Path folder, String message) { }

    /**
     * Loads every lesson folder in this folder (hidden folders and plain files such as README.md are ignored).
     * A missing folder gives an empty catalog.
     */
    public static LessonCatalog scan(Path lessonsDir) {
        List<Path> folders = new ArrayList<>();
        if (Files.isDirectory(lessonsDir)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(lessonsDir, Files::isDirectory)) {
                for (Path p : ds) {
                    if (!p.getFileName().toString().startsWith(".")) {
                        folders.add(p);
                    }
                }
            } catch (IOException e) {
                return new LessonCatalog(List.of(), List.of(new Problem(lessonsDir, lessonsDir
                        + ": cannot be listed: " + e.getMessage())));
            }
        }
        folders.sort(Comparator.comparing(p -> p.getFileName().toString()));
        List<Lesson> lessons = new ArrayList<>();
        List<Problem> broken = new ArrayList<>();
        Map<String, Path> seen = new HashMap<>();
        for (Path folder : folders) {
            try {
                Lesson l = LessonLoader.load(folder);
                Path earlier = seen.putIfAbsent(l.id(), folder);
                if (earlier != null) {
                    broken.add(new Problem(folder, folder.resolve(LessonLoader.FILE) + ": id \"" + l.id()
                            + "\" is already used by " + earlier.getFileName() + "; every lesson needs its own id"));
                    continue;
                }
                lessons.add(l);
            } catch (LessonException e) {
                broken.add(new Problem(folder, e.getMessage()));
            } catch (RuntimeException e) {
                // a lesson must never stop the others from loading
                broken.add(new Problem(folder, folder + ": cannot be loaded: " + e));
            }
        }
        lessons.sort(Comparator.comparing(Lesson::id));
        return new LessonCatalog(lessons, broken);
    }

    /** The lesson with this id, or null. */
    public Lesson byId(String id) {
        for (Lesson l : lessons) {
            if (l.id().equals(id)) {
                return l;
            }
        }
        return null;
    }
}
