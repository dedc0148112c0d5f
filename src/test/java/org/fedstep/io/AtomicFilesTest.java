package org.fedstep.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void writesTheContentAndLeavesNothingElse() throws IOException {
        Path target = dir.resolve("sub/folder/notes.txt");
        AtomicFiles.write(target, w -> w.write("héllo\nwörld\n"));
        assertThat(Files.readString(target)).isEqualTo("héllo\nwörld\n");
        assertThat(TestRuns.listing(target.getParent())).containsExactly("notes.txt");
    }

    @Test
    void aFailedWriteKeepsThePreviousFileByteForByte() throws IOException {
        Path target = Files.writeString(dir.resolve("notes.txt"), "version 1\n");
        assertThatThrownBy(() -> AtomicFiles.write(target, w -> {
            w.write("version 2, half of it");
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(Files.readString(target)).isEqualTo("version 1\n");
        assertThat(TestRuns.listing(dir)).containsExactly("notes.txt");
    }

    /**
     * A saved session or settings file gets the permissions any new file of the user gets (the umask), not the
     * owner-only permissions of a temporary file: a teacher saves into a shared folder for the class.
     */
    @Test
    void aNewFileHasTheUsualPermissions() throws IOException {
        Assumptions.assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("posix"));
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
        Path target = dir.resolve("session.json");
        AtomicFiles.write(target, w -> w.write("{}"));
        assertThat(Files.getPosixFilePermissions(target)).isEqualTo(Files.getPosixFilePermissions(plain));
    }

    @Test
    void replacingAFileKeepsItsPermissions() throws IOException {
        Assumptions.assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("posix"));
        Path target = Files.writeString(dir.resolve("shared.json"), "{}");
        Set<PosixFilePermission> shared = PosixFilePermissions.fromString("rw-rw-r--");
        Files.setPosixFilePermissions(target, shared);
        AtomicFiles.write(target, w -> w.write("{ \"new\": 1 }"));
        assertThat(Files.readString(target)).isEqualTo("{ \"new\": 1 }");
        assertThat(Files.getPosixFilePermissions(target)).isEqualTo(shared);
    }
}
