package org.fedstep.app.files;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fedstep.app.prefs.AppPreferences;

/** The last sessions and settings files opened or saved, newest first, remembered between runs. */
public final class RecentFiles {

    private static final int MAX = 8;
    private final AppPreferences prefs;

    public RecentFiles() {
        this(AppPreferences.shared());
    }

    RecentFiles(AppPreferences prefs) {
        this.prefs = prefs;
    }

    /** The remembered files that still exist. */
    public List<Path> list() {
        List<Path> out = new ArrayList<>();
        for (String p : prefs.recentFiles()) {
            try {
                Path file = Path.of(p);
                if (Files.exists(file)) {
                    out.add(file);
                }
            } catch (InvalidPathException e) {
                // a name this system cannot hold (a file from another machine): left out
            }
        }
        return out;
    }

    public void add(Path file) {
        List<Path> files = new ArrayList<>(list());
        Path absolute = file.toAbsolutePath().normalize();
        files.remove(absolute);
        files.add(0, absolute);
        prefs.setRecentFiles(files.stream().limit(MAX).map(Path::toString).toList());
    }
}
