package org.fedstep.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.fedstep.core.data.DataSets;
import org.fedstep.core.data.FederatedData;
import org.fedstep.core.fl.RoundEngine;
import org.fedstep.core.settings.Settings;

/**
 * Shared by the io and cli tests: the example configs (copies of sample-data/configs in src/test/resources/configs),
 * and engines built from them exactly as the headless runner builds them.
 */
public final class TestRuns {

    private TestRuns() { }

    /** The text of an example config (quickstart, article, hospitals). */
    public static String configText(String name) {
        try (InputStream in = TestRuns.class.getResourceAsStream("/sample-data/configs/" + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("no resource sample-data/configs/" + name + ".json");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes an example config into dir and returns its path. */
    public static Path config(Path dir, String name) throws IOException {
        return write(dir.resolve(name + ".json"), configText(name));
    }

    public static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** An engine at round 0 for a settings file, built as Runner builds it. */
    public static RoundEngine engine(Path configFile) {
        Settings s = SettingsFiles.read(configFile);
        FederatedData data = DataSets.build(s, configFile.toAbsolutePath().getParent());
        return new RoundEngine(s, data);
    }

    /** The names of everything in a folder (not recursive), sorted. */
    public static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
