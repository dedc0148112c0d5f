package org.fedstep.app.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/** Markdown becomes text flows, and LaTeX between dollars becomes drawn math, never raw LaTeX. */
class MarkdownViewTest {

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void headingsEmphasisListsAndCodeBecomeText() {
        MarkdownView v = new MarkdownView("""
                # The upload phase

                Each client sends **its update** and *its count*, never `data.csv`.

                1. broadcast
                2. local training
                """, 14);
        String shown = v.shownText();
        assertThat(shown).contains("The upload phase").contains("Each client sends its update and its count, never data.csv.")
                .contains("1. broadcast").contains("2. local training").doesNotContain("**").doesNotContain("#");
    }

    @Test
    void formulasAreDrawnAsMathAndMarkdownDoesNotTouchThem() {
        MarkdownView v = new MarkdownView("""
                The weight of client $k$ is $p_k = n_k / \\sum_j n_j$, so

                $$\\theta_{t+1} = \\sum_k p_k \\theta_k$$

                and the weights add up to 1.
                """, 14);
        assertThat(v.shownText()).contains("[math: k]").contains("[math: p_k = n_k / \\sum_j n_j]")
                .contains("[math: \\theta_{t+1} = \\sum_k p_k \\theta_k]").contains("add up to 1")
                .doesNotContain("$");
        ImageView[] images = v.lookupAll(".md-math-display").toArray(ImageView[]::new);
        assertThat(images).hasSize(1);
        assertThat(images[0].getImage().getWidth()).isGreaterThan(50);
    }

    @Test
    void aFormulaInTheLineMayRunOverALineBreakButNotOverAParagraph() {
        MarkdownView v = new MarkdownView("""
                The gradient's parts are $\\frac{\\partial
                J}{\\partial w}$ and $\\frac{\\partial J}{\\partial b}$.

                It costs $5 here, and

                $3 there.
                """, 14);
        assertThat(v.shownText()).contains("[math: \\frac{\\partial J}{\\partial w}]")
                .contains("[math: \\frac{\\partial J}{\\partial b}]").contains("costs $5 here").contains("$3 there");
    }

    @Test
    void aTableIsAGridOfCellsWithItsHeaderBoldAndMathInside() {
        MarkdownView v = new MarkdownView("""
                | | after round 10 | after round 60 |
                |---|---|---|
                | FedAvg | 1.19 | 1.22 |
                | $E = 1$ | 10.24 | 0.0001 |
                """, 14);
        javafx.scene.layout.GridPane grid = (javafx.scene.layout.GridPane) v.lookup(".md-table");
        assertThat(grid).isNotNull();
        assertThat(grid.getColumnConstraints()).hasSize(3);
        assertThat(v.lookupAll(".md-th")).hasSize(3);
        assertThat(v.lookupAll(".md-td")).hasSize(6);
        assertThat(v.shownText()).contains("after round 10").contains("FedAvg").contains("[math: E = 1]")
                .contains("0.0001").doesNotContain("|").doesNotContain("---");
    }

    @Test
    void aFormulaIsAnImageWithInkAndBadLatexIsNamed() {
        Image image = MathImages.render("\\frac{2}{n} \\sum_i (\\hat{y}_i - y_i) x_i", true, 20);
        assertThat(image.getWidth()).isGreaterThan(60);
        boolean ink = false;
        for (int x = 0; x < image.getWidth() && !ink; x++) {
            for (int y = 0; y < image.getHeight() && !ink; y++) {
                ink = image.getPixelReader().getColor(x, y).getOpacity() > 0.5;
            }
        }
        assertThat(ink).isTrue();
        assertThatThrownBy(() -> MathImages.render("\\nosuchcommand x", false, 14))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\\nosuchcommand");
    }
}
