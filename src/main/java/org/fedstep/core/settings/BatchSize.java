package org.fedstep.core.settings;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A mini-batch size, or the full batch (all of a client's training rows in one step). In files: "full" or a number. */
public record BatchSize(int size) {

    public static final BatchSize FULL = new BatchSize(0);

    public BatchSize {
        if (size < 0) {
            throw new IllegalArgumentException("a batch size is \"full\" or a whole number of at least 1 (found " + size + ")");
        }
    }

    public static BatchSize of(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a batch size is \"full\" or a whole number of at least 1 (found " + size + ")");
        }
        return new BatchSize(size);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isFull() {
        return size == 0;
    }

    /** The batch size for a client with n rows: n for the full batch, else min(size, n). */
    public int forRows(int n) {
        return isFull() ? n : Math.min(size, n);
    }

    @JsonCreator
    public static BatchSize parse(Object value) {
        if (value instanceof Number n) {
            if (n.doubleValue() != Math.rint(n.doubleValue())) {
                throw new IllegalArgumentException("a batch size is \"full\" or a whole number of at least 1 (found " + value + ")");
            }
            return of(n.intValue());
        }
        if (value instanceof String s && s.trim().equalsIgnoreCase("full")) {
            return FULL;
        }
        throw new IllegalArgumentException("a batch size is \"full\" or a whole number of at least 1 (found \"" + value + "\")");
    }

    @JsonValue
    public Object json() {
        return isFull() ? "full" : (Object) size;
    }

    @Override
    public String toString() {
        return isFull() ? "full" : Integer.toString(size);
    }
}
