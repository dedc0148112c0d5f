package org.fedstep.app;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import org.fedstep.app.i18n.I18n;
import org.fedstep.app.inspector.Numbers;
import org.fedstep.app.run.Snapshot;
import org.fedstep.app.theme.Palette;
import org.fedstep.app.theme.ViewOptions;
import org.fedstep.core.data.ClientData;
import org.fedstep.core.data.ClientSummary;
import org.fedstep.core.fl.RoundSummary;

/**
 * The focused client's card: its data (size, x range, means, its own least-squares line) and how the global model
 * does on it now. Hidden while no client is focused.
 */
final class ClientCard extends VBox {

    private final ViewOptions options;
    private Snapshot snapshot;

    ClientCard(ViewOptions options) {
        this.options = options;
        setId("clientCard");
        getStyleClass().add("client-card");
        setPadding(new Insets(10));
        setSpacing(6);
        options.focusedClient.addListener(o -> refresh());
        refresh();
    }

    void show(Snapshot s) {
        this.snapshot = s;
        refresh();
    }

    private void refresh() {
        int k = options.focusedClient.get();
        boolean visible = snapshot != null && k >= 0 && k < snapshot.run().clientCount();
        setVisible(visible);
        setManaged(visible);
        getChildren().clear();
        if (!visible) {
            return;
        }
        ClientSummary c = snapshot.run().summaries().get(k);
        ClientData data = snapshot.run().data().client(k);
        Circle swatch = new Circle(9, Palette.client(k));
        swatch.setStroke(Palette.clientEdge(k));
        Label name = new Label(snapshot.run().clientName(k));
        name.getStyleClass().add("card-title");
        Label hint = new Label(I18n.t("card.unfocus"));
        hint.getStyleClass().add("hint");
        getChildren().addAll(new HBox(8, swatch, name), hint);

        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(3);
        javafx.scene.layout.ColumnConstraints keys = new javafx.scene.layout.ColumnConstraints();
        keys.setPercentWidth(38);
        javafx.scene.layout.ColumnConstraints values = new javafx.scene.layout.ColumnConstraints();
        values.setPercentWidth(62);
        grid.getColumnConstraints().addAll(keys, values);
        int row = 0;
        row = add(grid, row, "card.rows", I18n.t("card.rows.value", data.trainSize(), data.testSize()));
        row = add(grid, row, "card.xRange", Numbers.format(c.xMin()) + " … " + Numbers.format(c.xMax()));
        row = add(grid, row, "card.means", "x̄ = " + Numbers.format(c.xMean()) + ",  ȳ = " + Numbers.format(c.yMean()));
        row = add(grid, row, "card.ownFit", c.ownFit() == null ? I18n.t("card.ownFit.none")
                : Numbers.line(c.ownFit()));
        RoundSummary now = snapshot.history().get(Math.min(snapshot.completedAtCursor(), snapshot.history().size() - 1));
        row = add(grid, row, "card.lossGlobal", Numbers.format(now.lossUnderGlobal(k)));
        // what this client has sent and received so far, over the rounds completed at the cursor
        long down = 0;
        long up = 0;
        for (int t = 1; t <= now.round(); t++) {
            long[] b = snapshot.run().traffic().client(snapshot.history().get(t), k);
            down += b[0];
            up += b[1];
        }
        row = add(grid, row, "card.bytes", now.round() == 0 ? I18n.t("card.bytes.none")
                : I18n.t("card.bytes.value", org.fedstep.app.privacy.MeterStrip.bytes(down),
                        org.fedstep.app.privacy.MeterStrip.bytes(up), Integer.toString(now.round())));
        if (snapshot.training(k) != null) {
            add(grid, row, "card.lossLocal", Numbers.format(snapshot.training(k).lossBefore()) + " → "
                    + Numbers.format(snapshot.training(k).lossAfter()));
        }
        getChildren().add(grid);
    }

    private static int add(GridPane grid, int row, String key, String value) {
        Label k = new Label(I18n.t(key));
        k.getStyleClass().add("card-key");
        // key and value wrap in a narrow panel rather than end in "..."
        k.setWrapText(true);
        k.setMinWidth(90);
        Label v = new Label(value);
        v.setWrapText(true);
        v.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        k.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        grid.addRow(row, k, v);
        return row + 1;
    }
}
