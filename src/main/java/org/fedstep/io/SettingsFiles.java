package org.fedstep.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.fedstep.core.settings.InvalidSettingsException;
import org.fedstep.core.settings.Settings;
import org.fedstep.core.settings.SettingsValidator;

/** Reads and writes settings files (docs/config.md). */
public final class SettingsFiles {

    private SettingsFiles() { }

    /**
     * Reads, fills defaults and validates a settings file.
     *
     * @throws BadFileException naming the file and every problem
     */
    public static Settings read(Path file) {
        String name = file.getFileName().toString();
        try (Reader r = Files.newBufferedReader(file)) {
            return parse(name, r);
        } catch (NoSuchFileException e) {
            throw new BadFileException(file.toString(), "no such file");
        } catch (IOException e) {
            throw new BadFileException(file.toString(), "cannot be read: " + e.getMessage(), e);
        }
    }

    /** Reads, fills defaults and validates settings from a reader; name is the file name for messages. */
    public static Settings parse(String name, Reader reader) throws IOException {
        // the whole text first (settings files are small): an empty file gave Jackson's "must be an object" at
        // line 1, column 0 instead of saying it is empty, and an unknown key's line is found in the text
        String text = readAll(reader);
        if (text.isBlank()) {
            throw new BadFileException(name, "the file is empty");
        }
        refuseNewerVersion(name, text);
        Settings raw;
        try {
            raw = Json.mapper().readValue(text, Settings.class);
        } catch (JsonProcessingException e) {
            throw new BadFileException(name, Json.describe(e, text), e);
        }
        if (raw == null) {
            throw new BadFileException(name, "the file holds null instead of settings { ... }");
        }
        try {
            return SettingsValidator.validate(raw);
        } catch (InvalidSettingsException e) {
            throw new BadFileException(name, String.join("; ", e.problems()), e);
        }
    }

    /**
     * A newer FedStep may add keys this one does not know; say "newer version" rather than "unknown setting", so look
     * at the version before reading the rest.
     */
    private static void refuseNewerVersion(String name, String text) {
        JsonNode version;
        try {
            JsonNode tree = Json.mapper().readTree(text);
            version = tree == null ? null : tree.get("version");
        } catch (JsonProcessingException e) {
            return; // the full read below reports it with its line
        }
        if (version != null && version.canConvertToInt() && version.isIntegralNumber()
                && version.intValue() > Settings.CURRENT_VERSION) {
            throw new BadFileException(name, "version " + version.intValue() + " was written by a newer FedStep; this "
                    + "one reads versions up to " + Settings.CURRENT_VERSION + ". Update FedStep to open it.");
        }
    }

    private static String readAll(Reader reader) throws IOException {
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[8192];
        for (int n = reader.read(buf); n >= 0; n = reader.read(buf)) {
            sb.append(buf, 0, n);
        }
        return sb.toString();
    }

    public static void write(Path file, Settings settings) throws IOException {
        AtomicFiles.write(file, w -> Json.mapper().writeValue(w, settings));
    }

    public static String toJson(Settings settings) {
        try {
            return Json.mapper().writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
