package org.fedstep.lesson;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fixed vocabulary of controls a lesson step can lock (lessons/README.md lists them). A locked control is shown
 * but cannot be used while the step is open; everything else in the app stays live.
 */
public final class Locks {

    /** Each id with what it locks, in documentation order. */
    public static final Map<String, String> VOCABULARY;

    /** The ids in documentation order. */
    public static final List<String> IDS;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("presets", "the preset chooser and Apply/Undo of the setup panel");
        m.put("data", "the data section of the setup panel (data set, generator, csv file)");
        m.put("clients", "the number of clients, their sizes, names and test fraction");
        m.put("partition", "how the data are split across the clients");
        m.put("model", "the model: its degree, starting line and standardisation");
        m.put("training", "local training: epochs, batch size, learning rate, optimiser");
        m.put("server", "the server: strategy, client fraction, drop-out, server learning rate");
        m.put("setup", "the whole setup panel (all of presets, data, clients, partition, model, training, server)");
        m.put("step-controls", "back, next phase, next round, play and reset");
        m.put("timeline", "the timeline: jumping to another computed moment");
        m.put("files", "opening and saving sessions and settings, and exports");
        VOCABULARY = Collections.unmodifiableMap(m);
        IDS = List.copyOf(m.keySet());
    }

    private Locks() { }

    public static boolean isKnown(String id) {
        return VOCABULARY.containsKey(id);
    }
}
