package org.fedstep.app.lesson;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;
import org.scilab.forge.jlatexmath.ParseException;
import org.scilab.forge.jlatexmath.TeXConstants;
import org.scilab.forge.jlatexmath.TeXFormula;
import org.scilab.forge.jlatexmath.TeXIcon;

/** LaTeX formulas drawn as images by JLaTeXMath, so lessons show math rather than raw LaTeX. */
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
        TeXIcon icon;
        try {
            icon = new TeXFormula(latex).createTeXIcon(display ? TeXConstants.STYLE_DISPLAY : TeXConstants.STYLE_TEXT,
                    (float) pixels);
        } catch (ParseException e) {
            throw new IllegalArgumentException("the formula $" + latex + "$ is not valid LaTeX: " + e.getMessage(), e);
        }
        // drawn at twice the size and shown at half, so formulas stay sharp on high-resolution screens
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
        return new Drawn(SwingFXUtils.toFXImage(image, null), icon.getIconDepth());
    }
}
