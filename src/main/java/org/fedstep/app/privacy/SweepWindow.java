package org.fedstep.app.privacy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.fedstep.app.i18n.I18n;
import org.fedstep.app.inspector.Numbers;
import org.fedstep.app.theme.ViewOptions;
import org.fedstep.core.data.FederatedData;
import org.fedstep.core.privacy.PrivacySweep;
import org.fedstep.core.settings.InvalidSettingsException;
import org.fedstep.core.settings.PrivacySettings;
import org.fedstep.core.settings.Settings;
import org.fedstep.io.AtomicFiles;
import org.fedstep.io.Exports;

/**
 * Run → Privacy and utility: the run on screen repeated with several noise multipliers (core {@link PrivacySweep}, on
 * a thread of its own so the main window keeps stepping), drawn as epsilon against the final loss, with the numbers in
 * a table and an export of sweep.csv, as the headless runner's --sweep-noise writes it.
 */
public final class SweepWindow {

    private final Stage stage = new Stage();
    private final ViewOptions options;
    private final Settings base;
    private final FederatedData data;
    private final TextField multipliers = new TextField(join(PrivacySweep.DEFAULT_MULTIPLIERS));
    private final Spinner<Integer> repeats = new Spinner<>(1, 20, PrivacySweep.DEFAULT_REPEATS);
    private final Button run = new Button(I18n.t("sweep.run"));
    private final Button export = new Button(I18n.t("sweep.export"));
    private final ProgressBar progress = new ProgressBar(0);
    private final Label status = new Label();
    private final SweepChart chart;
    private final TableView<PrivacySweep.Point> table = new TableView<>();
    private PrivacySweep.Result result;
    private volatile boolean closed;

    private SweepWindow(Window owner, ViewOptions options, Settings settings, FederatedData data, Settings base) {
        this.options = options;
        this.base = base;
        this.data = data;
        this.chart = new SweepChart(options);
        stage.initOwner(owner);
        stage.setTitle(I18n.t("sweep.title") + " — FedStep");

        Label intro = new Label(I18n.t("sweep.intro", base.rounds()));
        intro.setWrapText(true);
        intro.getStyleClass().add("sweep-intro");
        intro.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        VBox top = new VBox(6, intro);
        PrivacySettings p = base.privacyOrOff();
        if (!settings.privacyOrOff().noisy()) {
            Label assumed = new Label(I18n.t("sweep.assumed", Numbers.format(p.clipNorm())));
            assumed.setWrapText(true);
            assumed.getStyleClass().add("hint");
            assumed.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            top.getChildren().add(assumed);
        } else {
            Label own = new Label(I18n.t("sweep.own", p.noise(), Numbers.format(p.noiseMultiplier()),
                    Numbers.format(p.clipNorm())));
            own.setWrapText(true);
            own.getStyleClass().add("hint");
            own.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            top.getChildren().add(own);
        }

        multipliers.setId("sweepMultipliers");
        multipliers.setPrefColumnCount(22);
        repeats.setId("sweepRepeats");
        repeats.setPrefWidth(80);
        repeats.setEditable(true);
        run.setId("sweepRun");
        run.getStyleClass().add("primary");
        run.setDefaultButton(true);
        run.setOnAction(e -> start());
        export.setId("sweepExport");
        export.setDisable(true);
        export.setOnAction(e -> exportCsv());
        progress.setId("sweepProgress");
        progress.setPrefWidth(140);
        progress.setVisible(false);
        status.setId("sweepStatus");
        status.setWrapText(true);
        status.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label zLabel = new Label(I18n.t("sweep.multipliers"));
        Label nLabel = new Label(I18n.t("sweep.repeats"));
        HBox controls = new HBox(8, zLabel, multipliers, nLabel, repeats, run, progress, export);
        controls.setAlignment(Pos.CENTER_LEFT);
        // the text field gives way first; labels and buttons keep their words
        for (javafx.scene.control.Control c : List.of(zLabel, nLabel, run, export, repeats)) {
            c.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        HBox.setHgrow(multipliers, Priority.ALWAYS);
        multipliers.setMinWidth(120);

        table.setId("sweepTable");
        table.setPlaceholder(new Label(I18n.t("sweep.placeholder")));
        table.getColumns().add(column(I18n.t("sweep.col.z"), pt -> pt == result.withoutNoise()
                ? I18n.t("sweep.noNoise") : Numbers.format(pt.noiseMultiplier())));
        table.getColumns().add(column(I18n.t("sweep.col.epsilon"), pt -> pt == result.withoutNoise() ? "∞"
                : MeterStrip.epsilon(pt.epsilon())));
        table.getColumns().add(column(I18n.t("sweep.col.loss"), pt -> Numbers.format(pt.trainLoss()) + " ± "
                + Numbers.brief(pt.trainLossSd())));
        table.getColumns().add(column(I18n.t("sweep.col.distance"), pt -> Numbers.format(pt.distanceToOptimum())
                + " ± " + Numbers.brief(pt.distanceSd())));
        table.getColumns().add(column(I18n.t("sweep.col.diverged"), pt -> pt.diverged() == 0 ? "–"
                : pt.diverged() + " / " + pt.runs()));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPrefHeight(220);

        VBox root = new VBox(10, top, controls, status, chart, table);
        VBox.setVgrow(chart, Priority.ALWAYS);
        root.setPadding(new Insets(12));
        root.getStyleClass().addAll("fedstep", "sweep-window");
        Scene scene = new Scene(root, 900, 720);
        scene.getStylesheets().add(SweepWindow.class.getResource("/org/fedstep/app/fedstep.css").toExternalForm());
        applyProjector(root);
        options.projector.addListener(o -> applyProjector(root));
        stage.setScene(scene);
        stage.setOnHidden(e -> closed = true);
    }

    /**
     * Opens the window on the run's settings, or says why they cannot be swept.
     *
     * @return the window, or null when the settings cannot take noise (the reason is in the exception's message)
     * @throws InvalidSettingsException with the reason, e.g. a strategy that does not average
     */
    public static SweepWindow open(Window owner, ViewOptions options, Settings settings, FederatedData data) {
        Settings base = PrivacySweep.baseOf(settings);
        SweepWindow w = new SweepWindow(owner, options, settings, data, base);
        w.stage.show();
        return w;
    }

    public Stage stage() {
        return stage;
    }

    /** The last sweep shown, or null. */
    public PrivacySweep.Result result() {
        return result;
    }

    private void applyProjector(VBox root) {
        root.getStyleClass().remove("projector");
        if (options.projector.get()) {
            root.getStyleClass().add("projector");
        }
    }

    /** Starts the sweep on a thread of its own; the window stays responsive and shows its progress. */
    void start() {
        List<Double> zs = PrivacySweep.parseMultipliers(multipliers.getText());
        if (zs == null) {
            status.setText(I18n.t("sweep.badMultipliers", multipliers.getText()));
            status.getStyleClass().add("error");
            return;
        }
        status.getStyleClass().remove("error");
        int n = repeats.getValue();
        int total = (zs.size() + 1) * n;
        run.setDisable(true);
        export.setDisable(true);
        progress.setVisible(true);
        progress.setProgress(0);
        status.setText(I18n.t("sweep.running", total));
        Thread worker = new Thread(() -> {
            try {
                PrivacySweep.Result r = PrivacySweep.run(base, data, zs, n, k -> {
                    if (closed) {
                        throw new CancellationException();
                    }
                    Platform.runLater(() -> progress.setProgress((double) k / total));
                });
                Platform.runLater(() -> show(r));
            } catch (CancellationException stopped) {
                // the window was closed: nobody is waiting for the numbers
            } catch (RuntimeException e) {
                Platform.runLater(() -> {
                    status.setText(I18n.t("sweep.failed", e.getMessage()));
                    run.setDisable(false);
                    progress.setVisible(false);
                });
            }
        }, "fedstep-sweep");
        worker.setDaemon(true);
        worker.start();
    }

    private void show(PrivacySweep.Result r) {
        result = r;
        List<PrivacySweep.Point> rows = new ArrayList<>(r.points());
        rows.add(r.withoutNoise());
        table.getItems().setAll(rows);
        chart.show(r);
        run.setDisable(false);
        export.setDisable(false);
        progress.setVisible(false);
        status.setText(I18n.t("sweep.done", r.points().size(), r.points().isEmpty() ? 0 : r.points().get(0).runs()));
    }

    private void exportCsv() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(I18n.t("sweep.export"));
        var dir = chooser.showDialog(stage);
        if (dir != null) {
            exportTo(dir.toPath());
        }
    }

    /** Writes config.json and sweep.csv to the folder; says what happened in the status line. */
    public boolean exportTo(Path dir) {
        try {
            Exports.writeSweep(result, dir);
            status.setText(I18n.t("sweep.exported", Exports.CONFIG + ", " + Exports.SWEEP, dir));
            return true;
        } catch (IOException e) {
            status.setText(I18n.t("sweep.exportFailed", dir, AtomicFiles.reason(e)));
            return false;
        }
    }

    private static String join(List<Double> zs) {
        List<String> out = new ArrayList<>();
        for (double z : zs) {
            out.add(Numbers.format(z));
        }
        return String.join(", ", out);
    }

    private static TableColumn<PrivacySweep.Point, String> column(String title,
            java.util.function.Function<PrivacySweep.Point, String> text) {
        TableColumn<PrivacySweep.Point, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
        c.setSortable(false);
        return c;
    }
}
