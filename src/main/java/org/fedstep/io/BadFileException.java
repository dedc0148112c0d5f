package org.fedstep.io;

/**
 * A file FedStep cannot use, with a message that names the file and, where known, the line and the setting.
 * Whoever catches it shows the message and keeps the current session as it was.
 */
public class BadFileException extends RuntimeException {

    private final String file;

    public BadFileException(String file, String message, Throwable cause) {
        super(file + ": " + message, cause);
        this.file = file;
    }

    public BadFileException(String file, String message) {
        this(file, message, null);
    }

    public String file() {
        return file;
    }
}
