package org.fedstep.app.files;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;

/** The last sessions and settings files opened or saved, newest first, remembered between runs. */
public final class RecentFiles {

    private static final int MAX = 8;
    private final Preferences prefs;

    public RecentFiles() {
        this(org.fedstep.app.i18n.I18n.prefs().node("recent"));
    }

    RecentFiles(Preferences prefs) {
        this.prefs = prefs;
    }

    /** The remembered files that still exist. */
    public List<Path> list() {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < MAX; i++) {
            String p = prefs.get("file" + i, null);
            if (p != null && Files.exists(Path.of(p))) {
                out.add(Path.of(p));
            }
        }
        return out;
    }

    public void add(Path file) {
        List<Path> files = new ArrayList<>(list());
        Path absolute = file.toAbsolutePath().normalize();
        files.remove(absolute);
        files.add(0, absolute);
        for (int i = 0; i < MAX; i++) {
            if (i < files.size()) {
                prefs.put("file" + i, files.get(i).toString());
            } else {
                prefs.remove("file" + i);
            }
        }
    }
}
