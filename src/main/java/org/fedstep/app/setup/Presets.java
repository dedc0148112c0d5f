package org.fedstep.app.setup;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.fedstep.core.settings.PartitionSettings;
import org.fedstep.core.settings.Settings;
import org.fedstep.io.SettingsFiles;

/** The ready settings shipped in sample-data/configs/ (also inside the jar), in the order the setup pane lists them. */
public final class Presets {

    /** Preset names: the file names without ".json"; the setup bundle has "preset.NAME" for each. */
    public static final List<String> NAMES =
            List.of("article", "hospitals", "quickstart", "penguins", "cars", "cars-curve", "anscombe",
                    "gapminder");

    private Presets() { }

    /**
     * The preset's settings, defaults filled and validated.
     *
     * @throws IllegalArgumentException for a name that is not a preset
     */
    public static Settings load(String name) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("no preset named \"" + name + "\"; the presets are " + NAMES);
        }
        String resource = "/sample-data/configs/" + name + ".json";
        InputStream in = Presets.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("the preset " + resource + " is missing from this build");
        }
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return SettingsFiles.parse(name + ".json", r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The preset whose settings equal these, or null. With a natural partition the data's groups decide the number of
     * clients, so a run's count may differ from its file's; it is not compared then.
     */
    public static String nameOf(Settings validated) {
        for (String name : NAMES) {
            Settings preset = cached(name);
            if (preset.partition() != null && PartitionSettings.NATURAL.equals(preset.partition().kind())
                    && validated.clients() != null && validated.clients().count() != null) {
                preset = preset.withClients(preset.clients().withCount(validated.clients().count()));
            }
            if (preset.equals(validated)) {
                return name;
            }
        }
        return null;
    }

    private static final Map<String, Settings> CACHE = new ConcurrentHashMap<>();

    private static Settings cached(String name) {
        return CACHE.computeIfAbsent(name, Presets::load);
    }
}
