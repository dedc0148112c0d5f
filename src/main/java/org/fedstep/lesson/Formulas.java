package org.fedstep.lesson;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.scilab.forge.jlatexmath.ParseException;
import org.scilab.forge.jlatexmath.TeXConstants;
import org.scilab.forge.jlatexmath.TeXFormula;
import org.scilab.forge.jlatexmath.TeXIcon;

/**
 * The formulas of a lesson text: LaTeX between $...$ (in the line) or $$...$$ (displayed), taken out before the
 * Markdown is parsed so Markdown never mangles them, and drawn as pictures by JLaTeXMath. Used by the app's lesson
 * player and by the HTML worksheets of homework packs, so both show math, never raw LaTeX.
 */
public final class Formulas {

    /** $$...$$, or $...$ within one paragraph: it may run over a line break (a wrapped sentence), not a blank line. */
    private static final Pattern MATH = Pattern.compile("\\$\\$(.+?)\\$\\$|\\$((?:[^$\\n]|\\n(?![ \\t]*\\n))+?)\\$",
            Pattern.DOTALL);
    /** Stands for formula n in the text the Markdown parser sees: private-use characters it leaves alone. */
    public static final char MARK = '\uE000';

    private Formulas() { }

    /**
     * The text with each formula replaced by MARK, (MARK + 1 + n), MARK (a displayed one as a paragraph of its own),
     * and the formulas in order.
     */
    public record Split(String text, List<String> latex, List<Boolean> displayed) {

        public Split {
            latex = List.copyOf(latex);
            displayed = List.copyOf(displayed);
        }

        /** The mark that stands for formula n. */
        public static String mark(int n) {
            return "" + MARK + (char) (MARK + 1 + n) + MARK;
        }

        /** The index of the formula whose mark starts at position i of s, or -1. */
        public static int formulaAt(String s, int i) {
            return i + 2 < s.length() && s.charAt(i) == MARK && s.charAt(i + 2) == MARK ? s.charAt(i + 1) - MARK - 1 : -1;
        }
    }

    public static Split split(String markdown) {
        List<String> latex = new ArrayList<>();
        List<Boolean> displayed = new ArrayList<>();
        Matcher m = MATH.matcher(markdown);
        StringBuilder text = new StringBuilder();
        while (m.find()) {
            boolean display = m.group(1) != null;
            latex.add(display ? m.group(1).trim() : m.group(2).replace('\n', ' ').trim());
            displayed.add(display);
            String mark = Split.mark(latex.size() - 1);
            m.appendReplacement(text, Matcher.quoteReplacement(display ? "\n\n" + mark + "\n\n" : mark));
        }
        m.appendTail(text);
        return new Split(text.toString(), latex, displayed);
    }

    /**
     * A formula drawn at twice its size, to be shown at half so it stays sharp on high-resolution screens.
     *
     * @param depth how far the formula reaches below its baseline, in shown pixels: to sit it on a line of text
     */
    public record Picture(BufferedImage image, double depth) {

        /** The size to show it at: half the drawn size. */
        public double shownWidth() {
            return image.getWidth() / 2.0;
        }

        public double shownHeight() {
            return image.getHeight() / 2.0;
        }
    }

    /**
     * @param display true for a displayed formula ($$...$$), false for one in the line of text ($...$)
     * @param pixels  the font size in pixels
     * @throws IllegalArgumentException with JLaTeXMath's message when the LaTeX is not valid
     */
    public static Picture draw(String latex, boolean display, double pixels) {
        TeXIcon icon;
        try {
            icon = new TeXFormula(latex).createTeXIcon(display ? TeXConstants.STYLE_DISPLAY : TeXConstants.STYLE_TEXT,
                    (float) pixels);
        } catch (ParseException e) {
            throw new IllegalArgumentException("the formula $" + latex + "$ is not valid LaTeX: " + e.getMessage(), e);
        }
        int scale = 2;
        BufferedImage image = new BufferedImage(Math.max(1, icon.getIconWidth() * scale),
                Math.max(1, icon.getIconHeight() * scale), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.scale(scale, scale);
        icon.setForeground(new Color(0x1E, 0x1E, 0x1E));
        icon.paintIcon(null, g, 0, 0);
        g.dispose();
        return new Picture(image, icon.getIconDepth());
    }
}
