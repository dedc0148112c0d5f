package org.fedstep.app.inspector;

import java.util.ArrayList;
import java.util.List;

/**
 * Breaks long equations for a narrow panel the way they are written on a board: each " = " starts a new line under
 * the first, and a long sum continues with "+" on the next line. Lines of prose are left for the text area to wrap.
 */
final class FormulaLayout {

    private FormulaLayout() { }

    static List<String> breakLines(List<String> lines, int width) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            // prose starts at the margin and is left to wrap; formulas are indented
            if (line.length() <= width || !line.startsWith(" ") || !line.contains(" = ")) {
                out.add(line);
                continue;
            }
            int indent = 0;
            while (indent < line.length() && line.charAt(indent) == ' ') {
                indent++;
            }
            String margin = " ".repeat(indent);
            // several equations on one line ("a = 1,   b = 2") go on lines of their own first
            for (String equation : line.substring(indent).split(",   |   →   ")) {
                breakEquation(margin, equation, width, out);
            }
        }
        return out;
    }

    private static void breakEquation(String margin, String equation, int width, List<String> out) {
        String pad = margin + "    ";
        String[] parts = equation.split(" = ");
        StringBuilder current = new StringBuilder(margin).append(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            if (current.length() + 3 + parts[i].length() <= width) {
                current.append(" = ").append(parts[i]);
            } else {
                out.add(current.toString());
                current = new StringBuilder();
                breakSum(pad + "= ", parts[i], width, pad + "  ", out);
                String last = out.remove(out.size() - 1);
                current.append(last);
            }
        }
        out.add(current.toString());
    }

    /** One side of an equation; a sum too long for a line goes on over several, each continuation led by "+". */
    private static void breakSum(String lead, String text, int width, String pad, List<String> out) {
        if (lead.length() + text.length() <= width || !text.contains(" + ")) {
            out.add(lead + text);
            return;
        }
        String[] terms = text.split(" \\+ ");
        StringBuilder current = new StringBuilder(lead).append(terms[0]);
        for (int i = 1; i < terms.length; i++) {
            if (current.length() + 3 + terms[i].length() > width) {
                out.add(current.toString());
                current = new StringBuilder(pad).append("+ ").append(terms[i]);
            } else {
                current.append(" + ").append(terms[i]);
            }
        }
        out.add(current.toString());
    }
}
