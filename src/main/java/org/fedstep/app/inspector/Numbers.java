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

    /** The model with its numbers: the line y_hat = w x + b, or the curve y_hat = b + w x + w_2 x^2 + ... */
    public static String line(Params p) {
        if (p.size() == 2) {
            String b = format(Math.abs(p.b()));
            return "ŷ = " + format(p.w()) + " x " + (p.b() < 0 ? "− " : "+ ") + b;
        }
        StringBuilder s = new StringBuilder("ŷ = ").append(format(p.b()));
        for (int j = 1; j <= p.degree(); j++) {
            double c = p.coefficient(j);
            s.append(c < 0 || (c == 0 && 1 / c < 0) ? " − " : " + ").append(format(Math.abs(c))).append(" x");
            if (j > 1) {
                s.append(superscript(j));
            }
        }
        return s.toString();
    }

    /** A pair (w, b), or for a curve every coordinate in the order (w, b, w₂, ..., w_d). */
    public static String pair(Params p) {
        StringBuilder s = new StringBuilder("(").append(format(p.w())).append(", ").append(format(p.b()));
        for (int i = 2; i < p.size(); i++) {
            s.append(", ").append(format(p.get(i)));
        }
        return s.append(')').toString();
    }

    /** The names of a model's coordinates in order: w, b, w₂ .. w_d. */
    public static String coordinateName(int i) {
        return i == 0 ? "w" : i == 1 ? "b" : "w" + subscript(i);
    }

    /** An update's coordinates as a tuple, "(Δw, Δb)" or "(Δw, Δb, Δw₂, Δw₃)". */
    public static String deltaNames(int size) {
        return names(size, "Δ");
    }

    /** The coordinates' names as a tuple, "(w, b)" or "(w, b, w₂, w₃)". */
    public static String coordinateNames(int size) {
        return names(size, "");
    }

    private static String names(int size, String prefix) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < size; i++) {
            s.append(i == 0 ? "" : ", ").append(prefix).append(coordinateName(i));
        }
        return s.append(')').toString();
    }

    /** A whole number in superscript digits: x + superscript(3) reads x³. */
    public static String superscript(int n) {
        StringBuilder s = new StringBuilder();
        for (char c : Integer.toString(n).toCharArray()) {
            s.append("⁰¹²³⁴⁵⁶⁷⁸⁹".charAt(c - '0'));
        }
        return s.toString();
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
