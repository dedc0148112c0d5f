package org.fedstep.lesson;

/**
 * A lesson FedStep cannot use, with a message that names the file (and, where known, the line and the field of
 * lesson.json) and the problem. Whoever catches it shows the message and keeps running.
 */
public class LessonException extends RuntimeException {

    private final String file;

    public LessonException(String file, String message, Throwable cause) {
        super(file + ": " + message, cause);
        this.file = file;
    }

    public LessonException(String file, String message) {
        this(file, message, null);
    }

    /** The file the problem is in, as given (usually a path relative to or including the lesson folder). */
    public String file() {
        return file;
    }
}
