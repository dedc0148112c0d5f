package org.fedstep.io;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.fedstep.core.data.FederatedData;
import org.fedstep.core.fl.Position;
import org.fedstep.core.fl.RoundEngine;
import org.fedstep.core.fl.RoundSummary;
import org.fedstep.core.settings.InvalidSettingsException;
import org.fedstep.core.settings.Settings;
import org.fedstep.core.settings.SettingsValidator;

/**
 * Session files: the settings, the data and the history of a run in one JSON file. Opening one gives back the run
 * bit for bit (the numbers are written so they read back to the same doubles, and the engine checks that the saved
 * history is what the settings and data compute). Saving never loses the previous file.
 */
public final class Sessions {

    public static final String FORMAT = "fedstep-session";
    public static final int VERSION = 1;

    /** The file's layout; docs/exports.md describes it. */
    @JsonPropertyOrder({"format", "version", "fedstepVersion", "settings", "data", "frontier", "position", "history"})
    public record SessionFile(String format, int version, String fedstepVersion, Settings settings,
                              FederatedData data, Position frontier, Position position, List<RoundSummary> history) { }

    private Sessions() { }

    public static void save(Path file, RoundEngine engine) throws IOException {
        AtomicFiles.write(file, w -> write(w, engine));
    }

    public static void write(Writer out, RoundEngine engine) throws IOException {
        Json.mapper().writeValue(out, new SessionFile(FORMAT, VERSION, Version.current(), engine.settings(),
                engine.data(), engine.frontier(), engine.position(), engine.history()));
    }

    /**
     * Opens a session file.
     *
     * @throws BadFileException naming the file and what is wrong; nothing else is changed
     */
    public static RoundEngine open(Path file) {
        try (Reader r = Files.newBufferedReader(file)) {
            return read(file.getFileName().toString(), r);
        } catch (NoSuchFileException e) {
            throw new BadFileException(file.toString(), "no such file");
        } catch (IOException e) {
            throw new BadFileException(file.toString(), "cannot be read: " + e.getMessage(), e);
        }
    }

    public static RoundEngine read(String name, Reader reader) throws IOException {
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(reader);
        } catch (JsonProcessingException e) {
            throw new BadFileException(name, Json.describe(e), e);
        }
        // Jackson reads an empty file as a missing node (not null): it was reported as "not a FedStep session"
        if (tree == null || tree.isMissingNode()) {
            throw new BadFileException(name, "the file is empty");
        }
        if (!tree.isObject() || !FORMAT.equals(tree.path("format").asText())) {
            throw new BadFileException(name, "not a FedStep session (a session file starts with \"format\": \""
                    + FORMAT + "\")");
        }
        int version = tree.path("version").asInt(-1);
        if (version > VERSION) {
            throw new BadFileException(name, "this session was saved by a newer FedStep (session version " + version
                    + "; this FedStep opens version " + VERSION + "). Update FedStep to open it.");
        }
        if (version < 1) {
            throw new BadFileException(name, "the session version is missing or not a whole number from 1 to "
                    + VERSION);
        }
        SessionFile s;
        try {
            s = Json.mapper().treeToValue(tree, SessionFile.class);
        } catch (JsonProcessingException e) {
            throw new BadFileException(name, "damaged: " + Json.describe(e), e);
        } catch (IllegalArgumentException e) {
            throw new BadFileException(name, "damaged: " + e.getMessage(), e);
        }
        if (s.settings() == null || s.data() == null || s.history() == null || s.frontier() == null
                || s.position() == null) {
            throw new BadFileException(name, "damaged: settings, data, history, frontier and position are all"
                    + " required");
        }
        try {
            Settings settings = SettingsValidator.validate(s.settings());
            return RoundEngine.restore(settings, s.data(), s.history(), s.frontier(), s.position());
        } catch (InvalidSettingsException e) {
            throw new BadFileException(name, String.join("; ", e.problems()), e);
        } catch (IllegalArgumentException e) {
            throw new BadFileException(name, "damaged: " + e.getMessage(), e);
        }
    }
}
