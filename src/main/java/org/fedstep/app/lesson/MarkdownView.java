package org.fedstep.app.lesson;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.scene.text.FontPosture;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.ListItem;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.parser.Parser;
import org.fedstep.lesson.Formulas;

/**
 * A lesson step's Markdown as JavaFX nodes: CommonMark parses it, and this class only turns the parsed tree into text
 * flows (headings, paragraphs, emphasis, code, lists, quotes, tables). Formulas ({@link Formulas}: LaTeX between
 * $...$ or $$...$$) are taken out before parsing, so Markdown never mangles them, and drawn as math.
 */
public final class MarkdownView extends VBox {

    private static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create())).build();

    private final double fontSize;
    /** Finds a picture by its Markdown address (null: pictures are not shown); it may give null. */
    private final java.util.function.Function<String, Image> pictures;
    private final double pictureWidth;

    public MarkdownView(String markdown, double fontSize) {
        this(markdown, fontSize, null, 0);
    }

    /**
     * @param pictures     finds the picture of each ![alt](address); null shows none
     * @param pictureWidth the widest a picture is drawn, in pixels (smaller ones keep their size)
     */
    public MarkdownView(String markdown, double fontSize, java.util.function.Function<String, Image> pictures,
                        double pictureWidth) {
        this.fontSize = fontSize;
        this.pictures = pictures;
        this.pictureWidth = pictureWidth;
        setSpacing(fontSize * 0.6);
        getStyleClass().add("markdown");
        Formulas.Split split = Formulas.split(markdown);
        PARSER.parse(split.text()).accept(new Builder(split.latex(), split.displayed()));
    }

    private final class Builder extends AbstractVisitor {
        private final List<String> formulas;
        private final List<Boolean> displayed;
        private TextFlow flow;
        private boolean bold;
        private boolean italic;
        private double size = fontSize;
        private int listDepth;

        Builder(List<String> formulas, List<Boolean> displayed) {
            this.formulas = formulas;
            this.displayed = displayed;
        }

        private void block(org.commonmark.node.Node node, double textSize, String styleClass) {
            TextFlow outer = flow;
            double outerSize = size;
            flow = new TextFlow();
            flow.getStyleClass().add(styleClass);
            if (listDepth > 0 && styleClass.equals("md-paragraph")) {
                flow.setTranslateX(fontSize * 1.2 * listDepth);
            }
            size = textSize;
            visitChildren(node);
            if (!flow.getChildren().isEmpty()) {
                getChildren().add(flow);
            }
            flow = outer;
            size = outerSize;
        }

        @Override
        public void visit(Heading heading) {
            boolean outerBold = bold;
            bold = true;
            block(heading, fontSize * (heading.getLevel() <= 1 ? 1.45 : heading.getLevel() == 2 ? 1.25 : 1.1),
                    "md-heading");
            bold = outerBold;
        }

        @Override
        public void visit(Paragraph paragraph) {
            block(paragraph, size, "md-paragraph");
        }

        @Override
        public void visit(BlockQuote quote) {
            boolean outerItalic = italic;
            italic = true;
            visitChildren(quote);
            italic = outerItalic;
        }

        @Override
        public void visit(BulletList list) {
            listDepth++;
            visitChildren(list);
            listDepth--;
        }

        @Override
        public void visit(OrderedList list) {
            listDepth++;
            int n = list.getMarkerStartNumber() == null ? 1 : list.getMarkerStartNumber();
            for (org.commonmark.node.Node item = list.getFirstChild(); item != null; item = item.getNext()) {
                numbered = n++ + ". ";
                item.accept(this);
            }
            numbered = null;
            listDepth--;
        }

        private String numbered;

        @Override
        public void visit(ListItem item) {
            String marker = numbered != null ? numbered : "•  ";
            boolean first = true;
            for (org.commonmark.node.Node child = item.getFirstChild(); child != null; child = child.getNext()) {
                if (first && child instanceof Paragraph p) {
                    TextFlow outer = flow;
                    flow = new TextFlow();
                    flow.getStyleClass().add("md-list-item");
                    flow.setTranslateX(fontSize * 0.8 * (listDepth - 1));
                    addText(marker);
                    visitChildren(p);
                    getChildren().add(flow);
                    flow = outer;
                } else {
                    child.accept(this);
                }
                first = false;
            }
        }

        @Override
        public void visit(CustomBlock block) {
            if (block instanceof TableBlock table) {
                table(table);
            } else {
                visitChildren(block);
            }
        }

        /** A table as a grid of text flows that wrap in columns of equal share; header cells bold. */
        private void table(TableBlock table) {
            GridPane grid = new GridPane();
            grid.getStyleClass().add("md-table");
            grid.setMinWidth(0);
            int row = 0;
            int columns = 0;
            for (org.commonmark.node.Node part = table.getFirstChild(); part != null; part = part.getNext()) {
                for (org.commonmark.node.Node r = part.getFirstChild(); r != null; r = r.getNext()) {
                    int col = 0;
                    for (org.commonmark.node.Node c = r.getFirstChild(); c != null; c = c.getNext()) {
                        TableCell cell = (TableCell) c;
                        TextFlow outer = flow;
                        boolean outerBold = bold;
                        flow = new TextFlow();
                        flow.getStyleClass().add(cell.isHeader() ? "md-th" : "md-td");
                        flow.setMinWidth(0);
                        if (cell.getAlignment() == TableCell.Alignment.CENTER) {
                            flow.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
                        } else if (cell.getAlignment() == TableCell.Alignment.RIGHT) {
                            flow.setTextAlignment(javafx.scene.text.TextAlignment.RIGHT);
                        }
                        bold = bold || cell.isHeader();
                        visitChildren(cell);
                        bold = outerBold;
                        grid.add(flow, col++, row);
                        flow = outer;
                    }
                    columns = Math.max(columns, col);
                    row++;
                }
            }
            for (int c = 0; c < columns; c++) {
                ColumnConstraints cc = new ColumnConstraints();
                cc.setPercentWidth(100.0 / columns);
                cc.setFillWidth(true);
                grid.getColumnConstraints().add(cc);
            }
            getChildren().add(grid);
        }

        /** A picture on its own line, with its alternative text as tooltip and for screen readers. */
        @Override
        public void visit(org.commonmark.node.Image image) {
            Image picture = pictures == null ? null : pictures.apply(image.getDestination());
            StringBuilder alt = new StringBuilder();
            for (org.commonmark.node.Node c = image.getFirstChild(); c != null; c = c.getNext()) {
                if (c instanceof org.commonmark.node.Text t) {
                    alt.append(t.getLiteral());
                }
            }
            if (picture == null) {
                addText("[" + alt + "]");
                return;
            }
            ImageView view = new ImageView(picture);
            view.setPreserveRatio(true);
            view.setSmooth(true);
            view.setFitWidth(Math.min(picture.getWidth(), pictureWidth));
            view.setAccessibleText(alt.toString());
            javafx.scene.control.Tooltip.install(view, new javafx.scene.control.Tooltip(alt.toString()));
            view.getStyleClass().add("md-picture");
            getChildren().add(view);
        }

        @Override
        public void visit(Emphasis emphasis) {
            boolean outer = italic;
            italic = true;
            visitChildren(emphasis);
            italic = outer;
        }

        @Override
        public void visit(StrongEmphasis strong) {
            boolean outer = bold;
            bold = true;
            visitChildren(strong);
            bold = outer;
        }

        @Override
        public void visit(Code code) {
            Text t = new Text(code.getLiteral());
            t.setFont(Font.font("Monospaced", size * 0.95));
            t.getStyleClass().add("md-code");
            flow.getChildren().add(t);
        }

        @Override
        public void visit(FencedCodeBlock code) {
            Label block = new Label(code.getLiteral().stripTrailing());
            block.setFont(Font.font("Monospaced", fontSize * 0.9));
            block.getStyleClass().add("md-code-block");
            block.setWrapText(true);
            getChildren().add(block);
        }

        @Override
        public void visit(SoftLineBreak br) {
            addText(" ");
        }

        @Override
        public void visit(HardLineBreak br) {
            addText("\n");
        }

        @Override
        public void visit(org.commonmark.node.Text text) {
            String s = text.getLiteral();
            int from = 0;
            for (int i = s.indexOf(Formulas.MARK); i >= 0; i = s.indexOf(Formulas.MARK, from)) {
                int index = Formulas.Split.formulaAt(s, i);
                if (index < 0) {
                    break;
                }
                addText(s.substring(from, i));
                addFormula(index);
                from = i + 3;
            }
            addText(s.substring(from));
        }

        private void addFormula(int index) {
            boolean display = displayed.get(index);
            MathImages.Drawn drawn = MathImages.draw(formulas.get(index), display, size * 1.1);
            ImageView formula = new ImageView(drawn.image());
            formula.setPreserveRatio(true);
            formula.setFitHeight(formula.getImage().getHeight() / 2);
            formula.getStyleClass().add(display ? "md-math-display" : "md-math");
            formula.setAccessibleText(formulas.get(index));
            if (display) {
                VBox centred = new VBox(formula);
                centred.setAlignment(javafx.geometry.Pos.CENTER);
                centred.getStyleClass().add("md-math-block");
                // a formula wider than the panel is drawn again at a smaller size rather than pushing the text out of
                // view; drawn, not scaled down, so that thin strokes (minus signs, fraction bars) survive
                double natural = formula.getImage().getWidth() / 2;
                double fontSize = size * 1.1;
                String latex = formulas.get(index);
                centred.setMinWidth(0);
                formula.setFitHeight(0);
                formula.setFitWidth(natural);
                centred.widthProperty().addListener((o, was, now) -> {
                    double room = now.doubleValue();
                    double scale = room > 0 && room < natural ? room / natural : 1;
                    // in steps of 5 %, so that resizing the panel draws a formula a few times, not at every pixel
                    double stepped = Math.max(0.3, Math.floor(scale * 20) / 20);
                    double wanted = natural * stepped;
                    if (Math.abs(formula.getFitWidth() - wanted) > 0.5) {
                        Image smaller = stepped == 1 ? drawn.image()
                                : MathImages.draw(latex, true, fontSize * stepped).image();
                        formula.setImage(smaller);
                        formula.setFitWidth(smaller.getWidth() / 2);
                    }
                });
                getChildren().add(centred);
            } else {
                // inline: the flow puts the image's bottom on the text's baseline; lower it by the formula's depth
                formula.setTranslateY(drawn.depth());
                flow.getChildren().add(formula);
            }
        }

        private void addText(String s) {
            if (s.isEmpty()) {
                return;
            }
            Text t = new Text(s);
            t.setFont(Font.font("System", bold ? FontWeight.BOLD : FontWeight.NORMAL,
                    italic ? FontPosture.ITALIC : FontPosture.REGULAR, size));
            flow.getChildren().add(t);
        }
    }

    /** For tests: the plain text shown, formulas as [math: latex]. */
    public String shownText() {
        StringBuilder sb = new StringBuilder();
        for (Node n : getChildren()) {
            collect(n, sb);
            sb.append('\n');
        }
        return sb.toString();
    }

    private static void collect(Node n, StringBuilder sb) {
        if (n instanceof Text t) {
            sb.append(t.getText());
        } else if (n instanceof ImageView v) {
            sb.append("[math: ").append(v.getAccessibleText()).append(']');
        } else if (n instanceof Label l) {
            sb.append(l.getText());
        } else if (n instanceof javafx.scene.Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                collect(c, sb);
            }
        }
    }
}
