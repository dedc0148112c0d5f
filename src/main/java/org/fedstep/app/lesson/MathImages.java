package org.fedstep.app.lesson;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;
import org.fedstep.lesson.Formulas;

/** LaTeX formulas drawn as images ({@link Formulas}, JLaTeXMath), so lessons show math rather than raw LaTeX. */
public final class MathImages {

    private MathImages() { }

    /**
     * @param display  true for a displayed formula ($$...$$), false for one in the line of text ($...$)
     * @param pixels   the font size in pixels
     * @throws IllegalArgumentException with JLaTeXMath's message when the LaTeX is not valid
     */
    public static Image render(String latex, boolean display, double pixels) {
        return draw(latex, display, pixels).image();
    }

    /**
     * A formula drawn at twice its size (shown at half, so it stays sharp on high-resolution screens).
     *
     * @param depth how far the formula reaches below its baseline, in shown pixels: to sit it on a line of text
     */
    public record Drawn(Image image, double depth) { }

    public static Drawn draw(String latex, boolean display, double pixels) {
        Formulas.Picture p = Formulas.draw(latex, display, pixels);
        return new Drawn(SwingFXUtils.toFXImage(p.image(), null), p.depth());
    }
}
