package org.fedstep.core.settings;

import java.util.List;

/**
 * Settings that cannot be run. Each problem names the setting by its path in the settings file (e.g.
 * "training.learningRate"), what is allowed and what was found.
 */
public class InvalidSettingsException extends RuntimeException {

    private final List<String> problems;

    public InvalidSettingsException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public InvalidSettingsException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }
}
