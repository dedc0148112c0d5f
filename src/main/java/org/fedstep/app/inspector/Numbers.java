package org.fedstep.app.inspector;

import java.util.Locale;
import org.fedstep.core.model.Params;

/**
 * How numbers are written on screen: six significant digits, so a student can check them by hand, in the notation of
 * DESIGN.md (y_hat = w x + b). The exports keep every digit.
 */
public final class Numbers {

    private Numbers() { }

    public static String format(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "−∞";
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        String s = a >= 1e6 || a < 1e-4 ? String.format(Locale.ROOT, "%.5e", v)
                : String.format(Locale.ROOT, "%." + Math.max(0, 5 - (int) Math.floor(Math.log10(a))) + "f", v);
        if (s.contains(".") && !s.contains("e")) {
            s = s.replaceAll("0+$", "");
            if (s.endsWith(".")) {
                s = s.substring(0, s.length() - 1);
            }
        }
        return s.replace('-', '−');
    }

    /** Four significant digits, for tables in narrow panels (the inspector keeps six). */
    public static String brief(double v) {
        if (!Double.isFinite(v) || v == 0) {
            return format(v);
        }
        double a = Math.abs(v);
        if (a >= 1e6 || a < 1e-4) {
            return String.format(Locale.ROOT, "%.3e", v).replace('-', '−');
        }
        int decimals = Math.max(0, 3 - (int) Math.floor(Math.log10(a)));
        return format(Double.parseDouble(String.format(Locale.ROOT, "%." + decimals + "f", v)));
    }

    /** The model line y_hat = w x + b with its numbers. */
    public static String line(Params p) {
        String b = format(Math.abs(p.b()));
        return "ŷ = " + format(p.w()) + " x " + (p.b() < 0 ? "− " : "+ ") + b;
    }

    /** A pair (w, b). */
    public static String pair(Params p) {
        return "(" + format(p.w()) + ", " + format(p.b()) + ")";
    }

    /** How many terms of a sum are written out in full; longer sums show the first three, "…", and the last. */
    public static final int MAX_TERMS = 5;

    /**
     * Terms joined by an operator, shortened when there are many: a + b + c + … + z (the first three and the last).
     * The operator is written with a space either side.
     */
    public static String terms(java.util.List<String> terms, String operator) {
        String op = " " + operator + " ";
        if (terms.size() <= MAX_TERMS) {
            return String.join(op, terms);
        }
        return String.join(op, terms.subList(0, 3)) + op + "…" + op + terms.get(terms.size() - 1);
    }

    private static final String SUBSCRIPTS = "₀₁₂₃₄₅₆₇₈₉";

    /** A whole number in subscript digits: θ + subscript(12) reads θ₁₂. */
    public static String subscript(int n) {
        StringBuilder sb = new StringBuilder();
        for (char c : Integer.toString(n).toCharArray()) {
            sb.append(c == '-' ? '₋' : SUBSCRIPTS.charAt(c - '0'));
        }
        return sb.toString();
    }

    /** A number that multiplies something written after it: negative numbers in brackets, e.g. (−0.5)·(1, 2). */
    public static String factor(double v) {
        return v < 0 ? "(" + format(v) + ")" : format(v);
    }
}
