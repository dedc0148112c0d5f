package org.fedstep.app.inspector;

import java.util.List;

/**
 * What the inspector shows for one moment of a run, as plain text: no JavaFX, so tests can read it.
 *
 * @param title    the phase number and name (or "before round 1")
 * @param summary  one plain sentence of what happens in this phase
 * @param warnings lines to show in the warning colour (a diverged round, units that differ)
 * @param caption  what the table lists
 * @param columns  the table's column headers; the first is the client column
 * @param rows     the table's rows, one per client, plus total rows
 * @param formulas the phase's formulas written out with the real numbers, one line each
 * @param example  the client whose numbers the formulas work out (-1 for none)
 */
public record Explanation(String title, String summary, List<String> warnings, String caption, List<String> columns,
                         List<Row> rows, List<String> formulas, int example) {

    public Explanation {
        warnings = List.copyOf(warnings);
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        formulas = List.copyOf(formulas);
    }

    /** All formula lines as one text, for the copyable formula area. */
    public String formulaText() {
        return String.join("\n", formulas);
    }

    /** How a row is drawn. */
    public enum Kind {
        /** A client that took part. */
        NORMAL,
        /** A client that was not sampled or whose upload never arrived. */
        MUTED,
        /** A sum or total, not a client. */
        TOTAL,
        /** A row to look at twice: a bad client, an update cut by clipping, one a robust rule left out, noise. */
        FLAGGED
    }

    /**
     * One table row.
     *
     * @param client the client (0-based), or -1 for a total row
     * @param label  the first column: the client's name, or the total's label
     * @param cells  the other columns, in order
     */
    public record Row(int client, String label, List<String> cells, Kind kind) {

        public Row {
            cells = List.copyOf(cells);
        }
    }
}
