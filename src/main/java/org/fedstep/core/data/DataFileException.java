package org.fedstep.core.data;

/**
 * A data file FedStep cannot use. The message names the file and, where known, the line and the column, so a teacher
 * can open the file and fix it; whoever catches it keeps the current session as it was.
 */
public class DataFileException extends RuntimeException {

    private final String file;
    private final int line;
    private final String column;
    private final String problem;

    /**
     * @param line   1-based line in the file, or 0 when the problem is not on one line
     * @param column the column's header name, or null when the problem is not in one column
     */
    public DataFileException(String file, int line, String column, String problem, Throwable cause) {
        super(describe(file, line, column, problem), cause);
        this.file = file;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    public DataFileException(String file, int line, String column, String problem) {
        this(file, line, column, problem, null);
    }

    private static String describe(String file, int line, String column, String problem) {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(", line ").append(line);
        }
        if (column != null) {
            sb.append(", column \"").append(column).append('"');
        }
        return sb.append(": ").append(problem).toString();
    }

    public String file() { return file; }
    /** 1-based line, or 0 when not known. */
    public int line() { return line; }
    /** The column name, or null. */
    public String column() { return column; }
    /** The problem alone, without file, line and column. */
    public String problem() { return problem; }
}
