package org.fedstep.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes a whole folder of files so that nothing half-written is ever seen: everything goes to a staging folder beside
 * the target first. A new target folder then appears whole (one rename); an existing one keeps its other files and has
 * each written file replaced atomically. If writing fails, the target stays as it was and the staging folder is gone.
 */
public final class StagedFolder {

    /** Fills the staging folder it is given. */
    @FunctionalInterface
    public interface Contents {
        void writeInto(Path staging) throws IOException;
    }

    private StagedFolder() { }

    public static void write(Path dir, Contents contents) throws IOException {
        Path target = dir.toAbsolutePath();
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Path staging = Files.createTempDirectory(parent, "." + target.getFileName() + ".staging-");
        try {
            contents.writeInto(staging);
            if (Files.notExists(target)) {
                try {
                    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                    return;
                } catch (IOException | UnsupportedOperationException e) {
                    Files.createDirectories(target); // e.g. a file system without atomic renames: file by file
                }
            }
            try (Stream<Path> files = Files.walk(staging)) {
                for (Path p : files.sorted().toList()) {
                    Path to = target.resolve(staging.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(to);
                    } else {
                        AtomicFiles.moveIntoPlace(p, to);
                    }
                }
            }
        } finally {
            delete(staging);
        }
    }

    private static void delete(Path dir) throws IOException {
        if (Files.notExists(dir)) {
            return;
        }
        try (Stream<Path> left = Files.walk(dir)) {
            for (Path p : left.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
