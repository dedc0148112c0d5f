package org.fedstep.app.inspector;

import java.util.List;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import org.fedstep.app.i18n.I18n;
import org.fedstep.app.run.Snapshot;
import org.fedstep.app.theme.Palette;
import org.fedstep.app.theme.ViewOptions;

/**
 * The inspector: for the current phase, its title and one plain sentence, a table of what crossed the wire (one row
 * per client, in the client's colour; selecting a row focuses that client everywhere), and the phase's formula
 * written out with the real numbers in a read-only text area, so students can copy them. The content comes from
 * {@link PhaseExplainer}; this view only lays it out. Sizes are in em, so projector mode scales them.
 */
public final class InspectorPane extends VBox {

    private final ViewOptions options;
    private final Label title = new Label();
    private final Label summary = new Label();
    private final VBox warnings = new VBox(4);
    private final Label caption = new Label();
    private final TableView<Explanation.Row> table = new TableView<>();
    private final Label formulaHeading = new Label(I18n.t("insp.formulas"));
    private final TextArea formulas = new TextArea();
    private Snapshot snapshot;
    private Explanation shown;
    private List<String> shownColumns = List.of();
    private boolean selecting;

    public InspectorPane(ViewOptions options) {
        this.options = options;
        getStyleClass().add("inspector");
        getStylesheets().add(InspectorPane.class.getResource("inspector.css").toExternalForm());
        setSpacing(6);
        title.getStyleClass().add("inspector-title");
        summary.getStyleClass().add("inspector-summary");
        caption.getStyleClass().add("inspector-caption");
        formulaHeading.getStyleClass().add("inspector-caption");
        for (Label l : List.of(title, summary, caption, formulaHeading)) {
            l.setWrapText(true);
            l.setMaxWidth(Double.MAX_VALUE);
        }
        table.setId("inspectorTable");
        table.getStyleClass().add("inspector-table");
        table.setPlaceholder(new Label(""));
        table.getSelectionModel().selectedItemProperty().addListener((o, was, row) -> {
            if (!selecting && row != null && row.client() >= 0) {
                options.focusedClient.set(row.client());
            }
        });
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(Explanation.Row row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().removeAll("muted", "total", "flagged");
                if (!empty && row != null && row.kind() == Explanation.Kind.MUTED) {
                    getStyleClass().add("muted");
                } else if (!empty && row != null && row.kind() == Explanation.Kind.TOTAL) {
                    getStyleClass().add("total");
                } else if (!empty && row != null && row.kind() == Explanation.Kind.FLAGGED) {
                    getStyleClass().add("flagged");
                }
            }
        });
        formulas.setId("inspectorFormulas");
        formulas.getStyleClass().add("inspector-formulas");
        formulas.setEditable(false);
        formulas.setWrapText(true);
        formulas.setFocusTraversable(false);
        formulas.setTooltip(new javafx.scene.control.Tooltip(I18n.t("insp.formulas.copy")));
        table.setFocusTraversable(false);
        passStepKeysOn(table);
        passStepKeysOn(formulas);
        getChildren().addAll(title, summary, warnings, caption, table, formulaHeading, formulas);
        options.focusedClient.addListener(o -> {
            if (snapshot != null) {
                refresh();
            }
        });
        options.projector.addListener(o -> layoutFormulas());
        formulas.widthProperty().addListener((o, was, w) -> {
            if (Math.abs(was.doubleValue() - w.doubleValue()) > 8) {
                layoutFormulas();
            }
        });
    }

    /**
     * Left and Right step the run everywhere in the window (menu accelerators); a table or text area that has the
     * keyboard would otherwise swallow them to scroll or move its caret. Up and Down still move between rows.
     */
    private static void passStepKeysOn(javafx.scene.Node node) {
        node.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if ((e.getCode() == KeyCode.LEFT || e.getCode() == KeyCode.RIGHT) && node.getScene() != null) {
                e.consume();
                javafx.scene.Node root = node.getScene().getRoot();
                root.requestFocus();
                root.fireEvent(e.copyFor(root, root));
            }
        });
    }

    public void show(Snapshot s) {
        this.snapshot = s;
        refresh();
    }

    /** What is on screen now, for tests. */
    public Explanation shown() {
        return shown;
    }

    private void refresh() {
        if (snapshot == null) {
            return;
        }
        Explanation e = PhaseExplainer.explain(snapshot, options.focusedClient.get());
        shown = e;
        title.setText(e.title());
        summary.setText(e.summary());
        warnings.getChildren().clear();
        for (String w : e.warnings()) {
            Label l = new Label(w);
            l.setWrapText(true);
            l.setMaxWidth(Double.MAX_VALUE);
            l.getStyleClass().add(w.equals(I18n.t("insp.units.standardised")) ? "inspector-note" : "inspector-warning");
            warnings.getChildren().add(l);
        }
        caption.setText(e.caption());
        boolean hasTable = !e.columns().isEmpty();
        table.setVisible(hasTable);
        table.setManaged(hasTable);
        caption.setVisible(hasTable);
        caption.setManaged(hasTable);
        if (!e.columns().equals(shownColumns)) {
            buildColumns(e.columns());
            shownColumns = e.columns();
        }
        selecting = true;
        try {
            table.setItems(FXCollections.observableArrayList(e.rows()));
            selectFocused(e);
        } finally {
            selecting = false;
        }
        layoutFormulas();
    }

    private void selectFocused(Explanation e) {
        int k = options.focusedClient.get();
        table.getSelectionModel().clearSelection();
        for (int i = 0; i < e.rows().size(); i++) {
            if (e.rows().get(i).client() == k && k >= 0) {
                table.getSelectionModel().select(i);
                table.scrollTo(Math.max(0, i - 2));
                return;
            }
        }
    }

    private void buildColumns(List<String> headers) {
        table.getColumns().clear();
        for (int c = 0; c < headers.size(); c++) {
            TableColumn<Explanation.Row, String> col = new TableColumn<>(headers.get(c));
            col.setSortable(false);
            col.setReorderable(false);
            int index = c;
            if (c == 0) {
                col.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue().label()));
                col.setCellFactory(x -> new ClientCell());
            } else {
                col.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(
                        index - 1 < d.getValue().cells().size() ? d.getValue().cells().get(index - 1) : ""));
            }
            table.getColumns().add(col);
        }
    }

    /** The formulas broken to the area's width, then everything sized to its content. */
    private void layoutFormulas() {
        if (shown == null) {
            return;
        }
        double width = formulas.getWidth() > 0 ? formulas.getWidth() : 360;
        int budget = Math.max(24, (int) ((width - 30) / options.font(13 * 0.62)));
        formulas.setText(String.join("\n", FormulaLayout.breakLines(shown.formulas(), budget)));
        sizeToContent();
    }

    /** A text's width in Latin characters: a Chinese character takes about two. */
    static int displayLength(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            n += Character.UnicodeScript.of(text.codePointAt(i)) == Character.UnicodeScript.HAN
                    || (text.charAt(i) >= '\u3000' && text.charAt(i) <= '\u303F')
                    || (text.charAt(i) >= '\uFF00' && text.charAt(i) <= '\uFFEF') ? 2 : 1;
        }
        return n;
    }

    /** Column widths from their longest text, and a table height for the rows (at most a dozen before scrolling). */
    private void sizeToContent() {
        if (shown == null) {
            return;
        }
        double ch = options.font(7.6);
        for (int c = 0; c < table.getColumns().size(); c++) {
            int longest = displayLength(shown.columns().get(c));
            for (Explanation.Row r : shown.rows()) {
                String text = c == 0 ? r.label() : c - 1 < r.cells().size() ? r.cells().get(c - 1) : "";
                longest = Math.max(longest, displayLength(text) + (c == 0 ? 3 : 0));
            }
            table.getColumns().get(c).setPrefWidth(Math.min(longest, 40) * ch + options.font(16));
        }
        double rowHeight = options.font(25);
        int visible = Math.min(Math.max(shown.rows().size(), 1), options.projector.get() ? 7 : 12);
        table.setPrefHeight((visible + 1.6) * rowHeight);
        table.setMinHeight(table.getPrefHeight());
        double width = formulas.getWidth() > 0 ? formulas.getWidth() : 360;
        int budget = Math.max(24, (int) ((width - 30) / options.font(13 * 0.62)));
        int lines = 0;
        for (String line : formulas.getText().split("\n", -1)) {
            lines += 1 + line.length() / Math.max(budget, 1);
        }
        formulas.setPrefRowCount(Math.max(lines, 3) + 1);
        formulas.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    }

    /** The client's name in its colour, with a swatch; totals in bold, not-taking-part rows in grey. */
    private static final class ClientCell extends TableCell<Explanation.Row, String> {

        private final Circle swatch = new Circle(6);
        private final Label name = new Label();
        private final HBox box = new HBox(6, swatch, name);

        ClientCell() {
            box.setAlignment(Pos.CENTER_LEFT);
            name.getStyleClass().add("client-name");
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            setText(null);
            Explanation.Row row = empty || getTableRow() == null ? null : getTableRow().getItem();
            if (empty || item == null || row == null) {
                setGraphic(null);
                return;
            }
            name.setText(item);
            swatch.setRadius(Math.max(5, name.getFont().getSize() * 0.45));
            if (row.client() >= 0) {
                swatch.setVisible(true);
                swatch.setManaged(true);
                swatch.setFill(Palette.client(row.client()));
                swatch.setStroke(Palette.clientEdge(row.client()));
                name.setStyle(row.kind() == Explanation.Kind.MUTED ? ""
                        : "-fx-text-fill: " + Palette.hex(Palette.clientEdge(row.client())) + ";");
            } else {
                swatch.setVisible(false);
                swatch.setManaged(false);
                name.setStyle("");
            }
            setGraphic(box);
        }
    }
}
