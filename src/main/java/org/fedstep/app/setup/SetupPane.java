package org.fedstep.app.setup;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.stage.FileChooser;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.fedstep.app.i18n.I18n;
import org.fedstep.app.run.RunInfo;
import org.fedstep.app.run.Snapshot;
import org.fedstep.app.theme.Palette;
import org.fedstep.core.data.ClientSummary;
import org.fedstep.core.data.SampleDatasets;
import org.fedstep.core.settings.DatasetSettings;
import org.fedstep.core.settings.PartitionSettings;
import org.fedstep.core.settings.Settings;
import org.fedstep.core.settings.AttackSettings;
import org.fedstep.core.settings.CompressionSettings;
import org.fedstep.core.settings.PrivacySettings;
import org.fedstep.core.settings.StrategySettings;
import org.fedstep.core.settings.TrainingSettings;

/**
 * Choosing the data, the clients and their partition, local training and the server, in four sections on the left of
 * the window. Edits are only collected (the pane says "changed: press Apply") until Apply, so nothing moves mid-lesson;
 * a preset applies at once. Every value goes through {@link SetupModel}, which also says what is wrong; this class
 * only builds the controls, copies values both ways and shows the current run's clients.
 */
public final class SetupPane extends VBox {

    private static final String ERROR_STYLE = "-fx-text-fill: -fs-error;";
    private static final double LABEL_WIDTH = 104;
    private static final String MUTED_STYLE = "-fx-text-fill: -fs-muted;";

    private final Consumer<Settings> apply;
    private final SetupModel model = new SetupModel();
    /** Each key's row (hidden when the key does not apply) and its control. */
    private final Map<String, Node> rows = new LinkedHashMap<>();
    private final Map<String, Control> controls = new LinkedHashMap<>();
    private final List<ComboBox<String>> columnChoices = new ArrayList<>();

    private final MenuButton presets = new MenuButton();
    private final ToggleGroup dataKinds = new ToggleGroup();
    private final Label csvFile = new Label();
    private final Label csvInfo = new Label();
    private final Label csvError = new Label();
    private final Label syntheticPartition = new Label();
    private final Button applyButton = new Button();
    private final Button undoButton = new Button();
    private final Label status = new Label();
    private final Label runTitle = new Label();
    private final GridPane clientTable = new GridPane();
    private final TitledPane dataSection;

    private RunInfo shownRun;
    /** True while controls are being filled from the model: their listeners must not write back. */
    private boolean filling;

    /** @param apply called with new settings when the user applies them (the window asks before discarding a run) */
    public SetupPane(Consumer<Settings> apply) {
        this.apply = apply;
        getStyleClass().add("setup");
        setId("setup");
        setSpacing(8);
        setPadding(new Insets(8));
        setFillWidth(true);

        dataSection = section("section.data", buildData());
        getChildren().addAll(buildTop(), dataSection, section("section.clients", buildClients()),
                section("section.training", buildTraining()), section("section.server", buildServer()),
                section("section.privacy", buildPrivacy()), section("section.preview", buildPreview()));
        refresh();
    }

    // --- the public face ---

    /** Offers a CSV file (dropped or opened) to the data choice, with its column picker. */
    public void offerCsv(Path file) {
        model.offerCsv(file);
        dataSection.setExpanded(true);
        refresh();
    }

    /**
     * Shows a snapshot: when it belongs to another run than the last one, the controls show that run's settings (edits
     * not applied are dropped: they were for the run before); within one run nothing changes, so stepping never resets
     * what the user is typing.
     */
    public void show(Snapshot s) {
        if (s == null || s.run() == shownRun) {
            return;
        }
        shownRun = s.run();
        model.load(shownRun.settings(), shownRun.source());
        String preset = Presets.nameOf(shownRun.settings());
        presets.setText(preset == null ? I18n.t("preset.choose") : I18n.t("preset.current", I18n.t("preset." + preset)));
        fillClientTable(shownRun);
        refresh();
    }

    /** The view-model, for tests. */
    SetupModel model() {
        return model;
    }

    // --- building ---

    private Node buildTop() {
        presets.setId("setupPresets");
        presets.setText(I18n.t("preset.choose"));
        presets.setMaxWidth(Double.MAX_VALUE);
        presets.setTooltip(tip("tip.preset"));
        for (String name : Presets.NAMES) {
            MenuItem item = new MenuItem(I18n.t("preset." + name));
            item.setId("preset-" + name);
            item.setOnAction(e -> applyPreset(name));
            presets.getItems().add(item);
        }

        applyButton.setText(I18n.t("apply"));
        applyButton.setId("setupApply");
        applyButton.setStyle("-fx-base: -fs-accent; -fx-font-weight: bold;");
        applyButton.setTooltip(tip("tip.apply"));
        applyButton.setOnAction(e -> applyEdits());
        undoButton.setText(I18n.t("undo"));
        undoButton.setId("setupUndo");
        undoButton.setTooltip(tip("tip.undo"));
        undoButton.setOnAction(e -> {
            model.revert();
            refresh();
        });
        HBox buttons = new HBox(6, applyButton, undoButton);
        buttons.setAlignment(Pos.CENTER_LEFT);

        status.setId("setupStatus");
        status.setWrapText(true);
        status.setMaxWidth(Double.MAX_VALUE);
        status.setMinHeight(Region.USE_PREF_SIZE);

        VBox top = new VBox(6, presets, buttons, status);
        return top;
    }

    private Node buildData() {
        VBox box = new VBox(4);
        VBox kinds = new VBox(3);
        for (String kind : DatasetSettings.KINDS) {
            RadioButton r = new RadioButton(I18n.t("choice.dataset.kind." + kind));
            r.setUserData(kind);
            r.setToggleGroup(dataKinds);
            r.setId("setup-kind-" + kind);
            r.setTooltip(tip("tip.dataset.kind." + kind));
            kinds.getChildren().add(r);
        }
        dataKinds.selectedToggleProperty().addListener((o, old, t) -> {
            if (!filling && t != null) {
                edit(SetupModel.DATA_KIND, (String) t.getUserData());
            }
        });
        kinds.setPadding(new Insets(0, 0, 4, 0));
        box.getChildren().add(kinds);
        List<String> sampleNames = SampleDatasets.ALL.stream().map(SampleDatasets.Sample::name).toList();
        box.getChildren().add(row(SetupModel.SAMPLE_NAME, choice(SetupModel.SAMPLE_NAME, sampleNames)));
        // synthetic: the line, the noise, the x range, then heterogeneity
        box.getChildren().addAll(
                row(SetupModel.SLOPE, field(SetupModel.SLOPE)),
                row(SetupModel.INTERCEPT, field(SetupModel.INTERCEPT)),
                row(SetupModel.NOISE, field(SetupModel.NOISE)),
                row(SetupModel.NOISE_KIND, choice(SetupModel.NOISE_KIND, DatasetSettings.NOISE_KINDS)),
                row(SetupModel.X_MIN, field(SetupModel.X_MIN)),
                row(SetupModel.X_MAX, field(SetupModel.X_MAX)),
                row(SetupModel.SLOPE_SPREAD, field(SetupModel.SLOPE_SPREAD)),
                row(SetupModel.INTERCEPT_SPREAD, field(SetupModel.INTERCEPT_SPREAD)),
                row(SetupModel.FEATURE_SHIFT, field(SetupModel.FEATURE_SHIFT)),
                row(SetupModel.NOISE_SKEW, field(SetupModel.NOISE_SKEW)));

        // csv: the file, then its columns
        Button choose = new Button(I18n.t("csv.choose"));
        choose.setId("setupChooseCsv");
        choose.setTooltip(tip("tip.dataset.path"));
        choose.setOnAction(e -> chooseCsv());
        csvFile.setId("setupCsvFile");
        csvFile.setStyle(MUTED_STYLE);
        csvFile.setMaxWidth(Double.MAX_VALUE);
        csvFile.setMinWidth(0);
        HBox.setHgrow(csvFile, Priority.ALWAYS);
        HBox fileRow = new HBox(6, choose, csvFile);
        fileRow.setAlignment(Pos.CENTER_LEFT);
        rows.put(SetupModel.CSV_PATH, fileRow);
        box.getChildren().addAll(fileRow,
                row(SetupModel.X_COLUMN, column(SetupModel.X_COLUMN, false)),
                row(SetupModel.Y_COLUMN, column(SetupModel.Y_COLUMN, false)),
                row(SetupModel.GROUP_COLUMN, column(SetupModel.GROUP_COLUMN, true)));
        csvInfo.setId("setupCsvInfo");
        csvInfo.setWrapText(true);
        csvInfo.setStyle(MUTED_STYLE);
        csvError.setId("setupCsvError");
        csvError.setWrapText(true);
        csvError.setStyle(ERROR_STYLE);
        csvError.setMinHeight(Region.USE_PREF_SIZE);
        box.getChildren().addAll(csvInfo, csvError);
        return box;
    }

    private Node buildClients() {
        VBox box = new VBox(4);
        syntheticPartition.setText(I18n.t("partition.synthetic"));
        syntheticPartition.setWrapText(true);
        syntheticPartition.setStyle(MUTED_STYLE);
        syntheticPartition.setMinHeight(Region.USE_PREF_SIZE);
        box.getChildren().addAll(
                row(SetupModel.COUNT, field(SetupModel.COUNT)),
                row(SetupModel.SIZE_PROFILE, choice(SetupModel.SIZE_PROFILE, SetupModel.PROFILES)),
                row(SetupModel.SAMPLES_PER_CLIENT, field(SetupModel.SAMPLES_PER_CLIENT)),
                row(SetupModel.SAMPLES, field(SetupModel.SAMPLES)),
                row(SetupModel.TEST_FRACTION, field(SetupModel.TEST_FRACTION)),
                row(SetupModel.PARTITION, choice(SetupModel.PARTITION, PartitionSettings.KINDS)),
                syntheticPartition,
                row(SetupModel.STRICTNESS, field(SetupModel.STRICTNESS)),
                row(SetupModel.ALPHA, field(SetupModel.ALPHA)),
                row(SetupModel.PARTITION_PROFILE, choice(SetupModel.PARTITION_PROFILE, SetupModel.PROFILES)),
                row(SetupModel.SHARES, field(SetupModel.SHARES)));
        return box;
    }

    private Node buildTraining() {
        VBox box = new VBox(4);
        CheckBox full = check(SetupModel.BATCH_FULL);
        box.getChildren().addAll(
                row(SetupModel.ROUNDS, field(SetupModel.ROUNDS)),
                row(SetupModel.EPOCHS, field(SetupModel.EPOCHS)),
                row(SetupModel.BATCH_FULL, full),
                row(SetupModel.BATCH_NUMBER, field(SetupModel.BATCH_NUMBER)),
                row(SetupModel.LEARNING_RATE, field(SetupModel.LEARNING_RATE)),
                row(SetupModel.OPTIMIZER, choice(SetupModel.OPTIMIZER, TrainingSettings.OPTIMIZERS)),
                row(SetupModel.MOMENTUM, field(SetupModel.MOMENTUM)),
                row(SetupModel.ADAM_BETA1, field(SetupModel.ADAM_BETA1)),
                row(SetupModel.ADAM_BETA2, field(SetupModel.ADAM_BETA2)),
                row(SetupModel.EPSILON, field(SetupModel.EPSILON)),
                row(SetupModel.DEGREE, choice(SetupModel.DEGREE, SetupModel.DEGREES)),
                row(SetupModel.STANDARDIZE, check(SetupModel.STANDARDIZE)),
                row(SetupModel.INITIAL_SLOPE, field(SetupModel.INITIAL_SLOPE)),
                row(SetupModel.INITIAL_INTERCEPT, field(SetupModel.INITIAL_INTERCEPT)),
                row(SetupModel.SEED, field(SetupModel.SEED)));
        return box;
    }

    private Node buildServer() {
        VBox box = new VBox(4);
        box.getChildren().addAll(
                row(SetupModel.STRATEGY, choice(SetupModel.STRATEGY, StrategySettings.KINDS)),
                row(SetupModel.WEIGHTING, choice(SetupModel.WEIGHTING, StrategySettings.WEIGHTINGS)),
                row(SetupModel.CLIENT_FRACTION, field(SetupModel.CLIENT_FRACTION)),
                row(SetupModel.DROPOUT, field(SetupModel.DROPOUT)),
                row(SetupModel.MU, field(SetupModel.MU)),
                row(SetupModel.SERVER_LR, field(SetupModel.SERVER_LR)),
                row(SetupModel.SERVER_MOMENTUM, field(SetupModel.SERVER_MOMENTUM)),
                row(SetupModel.SERVER_BETA1, field(SetupModel.SERVER_BETA1)),
                row(SetupModel.SERVER_BETA2, field(SetupModel.SERVER_BETA2)),
                row(SetupModel.TAU, field(SetupModel.TAU)),
                row(SetupModel.TRIM, field(SetupModel.TRIM)),
                row(SetupModel.BYZANTINE, field(SetupModel.BYZANTINE)),
                row(SetupModel.SELECTED, field(SetupModel.SELECTED)),
                row(SetupModel.MIXING, field(SetupModel.MIXING)),
                row(SetupModel.STALENESS, choice(SetupModel.STALENESS, StrategySettings.STALENESS_KINDS)),
                row(SetupModel.STALENESS_EXPONENT, field(SetupModel.STALENESS_EXPONENT)),
                row(SetupModel.HINGE_AFTER, field(SetupModel.HINGE_AFTER)),
                row(SetupModel.SPEED_SPREAD, field(SetupModel.SPEED_SPREAD)),
                row(SetupModel.DURATIONS, field(SetupModel.DURATIONS)));
        return box;
    }

    /** Privacy, secure aggregation, compression and bad clients: what happens to the updates on their way up. */
    private Node buildPrivacy() {
        VBox box = new VBox(4);
        box.getChildren().addAll(
                row(SetupModel.CLIPPING, choice(SetupModel.CLIPPING, PrivacySettings.CLIPPINGS)),
                row(SetupModel.CLIP_NORM, field(SetupModel.CLIP_NORM)),
                row(SetupModel.TARGET_QUANTILE, field(SetupModel.TARGET_QUANTILE)),
                row(SetupModel.CLIP_LEARNING_RATE, field(SetupModel.CLIP_LEARNING_RATE)),
                row(SetupModel.DP_NOISE, choice(SetupModel.DP_NOISE, PrivacySettings.NOISES)),
                row(SetupModel.NOISE_MULTIPLIER, field(SetupModel.NOISE_MULTIPLIER)),
                row(SetupModel.DELTA, field(SetupModel.DELTA)),
                row(SetupModel.SECURE, check(SetupModel.SECURE)),
                row(SetupModel.THRESHOLD, field(SetupModel.THRESHOLD)),
                row(SetupModel.MODULUS_BITS, field(SetupModel.MODULUS_BITS)),
                row(SetupModel.PRECISION_BITS, field(SetupModel.PRECISION_BITS)),
                row(SetupModel.COMPRESSION, choice(SetupModel.COMPRESSION, CompressionSettings.KINDS)),
                row(SetupModel.BITS, field(SetupModel.BITS)),
                row(SetupModel.TOP_K, field(SetupModel.TOP_K)),
                row(SetupModel.ERROR_FEEDBACK, check(SetupModel.ERROR_FEEDBACK)),
                row(SetupModel.ATTACK_CLIENTS, field(SetupModel.ATTACK_CLIENTS)),
                row(SetupModel.ATTACK_KIND, choice(SetupModel.ATTACK_KIND, AttackSettings.KINDS)),
                row(SetupModel.ATTACK_FACTOR, field(SetupModel.ATTACK_FACTOR)),
                row(SetupModel.ATTACK_SHIFT, field(SetupModel.ATTACK_SHIFT)));
        return box;
    }

    private Node buildPreview() {
        runTitle.setWrapText(true);
        runTitle.setMinHeight(Region.USE_PREF_SIZE);
        runTitle.setId("setupRunTitle");
        clientTable.setId("setupClients");
        clientTable.setHgap(6);
        clientTable.setStyle("-fx-font-size: 0.92em;");
        clientTable.setVgap(2);
        return new VBox(6, runTitle, clientTable);
    }

    private TitledPane section(String key, Node content) {
        TitledPane pane = new TitledPane(I18n.t(key), content);
        pane.setId("setup-" + key.replace('.', '-'));
        pane.setAnimated(false);
        pane.setExpanded(true);
        pane.setMaxWidth(Double.MAX_VALUE);
        return pane;
    }

    /** A labelled row for one key: label on the left, control filling the rest; both carry the key's tooltip. */
    private Node row(String key, Control control) {
        Label label = new Label(I18n.t("label." + key));
        label.setTooltip(tip("tip." + key));
        label.setWrapText(true);
        label.setMinWidth(LABEL_WIDTH);
        label.setPrefWidth(LABEL_WIDTH);
        label.setMaxWidth(LABEL_WIDTH);
        label.setMinHeight(Region.USE_PREF_SIZE);
        control.setMaxWidth(Double.MAX_VALUE);
        control.setMinWidth(60);
        HBox.setHgrow(control, Priority.ALWAYS);
        HBox row = new HBox(6, label, control);
        row.setAlignment(Pos.CENTER_LEFT);
        rows.put(key, row);
        return row;
    }

    private TextField field(String key) {
        TextField f = new TextField();
        f.setId(id(key));
        f.setTooltip(tip("tip." + key));
        f.setPrefColumnCount(6);
        f.setOnAction(e -> { // Enter in a field applies, like the button, when there is something valid to apply
            if (!applyButton.isDisabled()) {
                applyEdits();
            }
        });
        f.textProperty().addListener((o, old, text) -> {
            if (!filling) {
                edit(key, text);
            }
        });
        controls.put(key, f);
        return f;
    }

    private ComboBox<String> choice(String key, List<String> values) {
        ComboBox<String> c = new ComboBox<>();
        c.getItems().setAll(values);
        c.setId(id(key));
        c.setTooltip(tip("tip." + key));
        StringConverter<String> names = new StringConverter<>() {
            @Override
            public String toString(String value) {
                return value == null ? "" : I18n.t("choice." + key + "." + value);
            }

            @Override
            public String fromString(String text) {
                return text;
            }
        };
        c.setConverter(names);
        c.valueProperty().addListener((o, old, value) -> {
            if (!filling && value != null) {
                edit(key, value);
            }
        });
        controls.put(key, c);
        return c;
    }

    /** A choice among the csv file's columns; the group column may also be "none" (""). */
    private ComboBox<String> column(String key, boolean optional) {
        ComboBox<String> c = new ComboBox<>();
        c.setId(id(key));
        c.setTooltip(tip("tip." + key));
        c.setUserData(optional);
        c.setButtonCell(new ColumnCell());
        c.setCellFactory(l -> new ColumnCell());
        c.valueProperty().addListener((o, old, value) -> {
            if (!filling && value != null) {
                edit(key, value);
            }
        });
        controls.put(key, c);
        columnChoices.add(c);
        return c;
    }

    /** Shows "" (no group column) as "(none)". */
    private static final class ColumnCell extends ListCell<String> {
        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : item.isEmpty() ? I18n.t("csv.none") : item);
        }
    }

    private CheckBox check(String key) {
        CheckBox c = new CheckBox();
        c.setId(id(key));
        c.setTooltip(tip("tip." + key));
        c.selectedProperty().addListener((o, old, on) -> {
            if (!filling) {
                edit(key, Boolean.toString(on));
            }
        });
        controls.put(key, c);
        return c;
    }

    /** Control ids for tests: "setup-" and the key with dashes (a dot would start a CSS class in a lookup). */
    static String id(String key) {
        return "setup-" + key.replace('.', '-');
    }

    private static Tooltip tip(String key) {
        Tooltip t = new Tooltip(I18n.t(key));
        t.setWrapText(true);
        t.setMaxWidth(380);
        t.setShowDelay(Duration.millis(400));
        t.setShowDuration(Duration.seconds(30));
        return t;
    }

    // --- commands ---

    private void edit(String key, String value) {
        model.set(key, value);
        refresh();
    }

    private void applyEdits() {
        SetupModel.Result result = model.build();
        if (result.ok()) {
            apply.accept(result.settings());
        } else {
            refresh();
        }
    }

    private void applyPreset(String name) {
        try {
            apply.accept(Presets.load(name));
        } catch (RuntimeException e) {
            status.setStyle(ERROR_STYLE);
            status.setText(e.getMessage());
        }
    }

    private void chooseCsv() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(I18n.t("csv.choose"));
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter(I18n.t("csv.files"), "*.csv"),
                new FileChooser.ExtensionFilter(I18n.t("csv.allFiles"), "*.*"));
        String current = model.get(SetupModel.CSV_PATH);
        if (!current.isEmpty()) {
            File parent = new File(current).getParentFile();
            if (parent != null && parent.isDirectory()) {
                chooser.setInitialDirectory(parent);
            }
        }
        File file = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
        if (file != null) {
            offerCsv(file.toPath());
        }
    }

    // --- model -> controls ---

    /** Copies every value from the model into its control, shows the rows that apply, and says what Apply would do. */
    private void refresh() {
        filling = true;
        try {
            for (var toggle : dataKinds.getToggles()) {
                if (toggle.getUserData().equals(model.get(SetupModel.DATA_KIND)) && !toggle.isSelected()) {
                    toggle.setSelected(true);
                }
            }
            List<String> columns = new ArrayList<>(model.csvColumns());
            for (ComboBox<String> c : columnChoices) {
                List<String> items = new ArrayList<>();
                if (Boolean.TRUE.equals(c.getUserData())) {
                    items.add("");
                }
                items.addAll(columns);
                if (!c.getItems().equals(items)) {
                    c.getItems().setAll(items);
                }
            }
            for (Map.Entry<String, Control> e : controls.entrySet()) {
                String value = model.get(e.getKey());
                Control c = e.getValue();
                if (c instanceof TextField f && !f.getText().equals(value)) {
                    f.setText(value);
                } else if (c instanceof CheckBox b && b.isSelected() != Boolean.parseBoolean(value)) {
                    b.setSelected(Boolean.parseBoolean(value));
                } else if (c instanceof ComboBox<?> box && !value.equals(box.getValue())) {
                    @SuppressWarnings("unchecked")
                    ComboBox<String> s = (ComboBox<String>) box;
                    if (!s.getItems().contains(value) && !value.isEmpty()) {
                        s.getItems().add(value); // a column the header no longer has: still shown, loading says why
                    }
                    s.setValue(value);
                }
                c.setDisable(!model.editable(e.getKey()));
            }
        } finally {
            filling = false;
        }
        for (Map.Entry<String, Node> e : rows.entrySet()) {
            boolean on = model.applies(e.getKey());
            e.getValue().setVisible(on);
            e.getValue().setManaged(on);
        }
        syntheticPartition.setVisible(model.isSynthetic());
        syntheticPartition.setManaged(model.isSynthetic());
        showCsv();
        showStatus();
    }

    private void showCsv() {
        String path = model.get(SetupModel.CSV_PATH);
        csvFile.setText(path.isEmpty() ? I18n.t("csv.noFile") : Path.of(path).getFileName().toString());
        csvFile.setTooltip(path.isEmpty() ? null : new Tooltip(path));
        boolean csv = model.isCsv();
        String info = "";
        if (csv && model.csvRows() >= 0) {
            info = I18n.t("csv.rows", model.csvRows());
            if (model.csvSkipped() > 0) {
                info += " " + I18n.t("csv.skipped", model.csvSkipped());
            }
        }
        csvInfo.setText(info);
        csvInfo.setVisible(!info.isEmpty());
        csvInfo.setManaged(!info.isEmpty());
        String error = model.csvError();
        csvError.setText(error == null ? "" : error);
        csvError.setVisible(error != null);
        csvError.setManaged(error != null);
    }

    private void showStatus() {
        SetupModel.Result result = model.build();
        undoButton.setDisable(!model.changed());
        if (!result.ok()) {
            applyButton.setDisable(true);
            status.setStyle(ERROR_STYLE);
            status.setText(String.join("\n", result.problems()));
        } else if (model.changed()) {
            applyButton.setDisable(false);
            status.setStyle("-fx-text-fill: -fs-accent; -fx-font-weight: bold;");
            status.setText(I18n.t("status.changed"));
        } else {
            applyButton.setDisable(true);
            status.setStyle(MUTED_STYLE);
            status.setText(shownRun == null ? "" : I18n.t("status.current"));
        }
    }

    // --- the run's clients ---

    private void fillClientTable(RunInfo run) {
        runTitle.setText(I18n.t("preview.title", run.data().title(), run.clientCount(), run.data().trainSize(),
                run.data().testSize()) + (run.data().skippedRows() > 0
                ? " " + I18n.t("csv.skipped", run.data().skippedRows()) : ""));
        clientTable.getChildren().clear();
        clientTable.getColumnConstraints().setAll(new ColumnConstraints(), new ColumnConstraints(),
                new ColumnConstraints(), new ColumnConstraints());
        clientTable.getColumnConstraints().get(0).setHgrow(Priority.SOMETIMES);
        String[] heads = {"preview.client", "preview.train", "preview.test", "preview.x"};
        for (int i = 0; i < heads.length; i++) {
            Label h = i == 0 ? new Label(I18n.t(heads[i])) : right(I18n.t(heads[i]));
            h.setStyle(MUTED_STYLE + " -fx-font-weight: bold;");
            clientTable.add(h, i, 0);
        }
        List<ClientSummary> summaries = run.summaries();
        // one number of decimals for every range, enough to tell the clients apart on this data's scale
        double span = run.bounds().xMax() - run.bounds().xMin();
        int decimals = span > 0 && Double.isFinite(span) ? Math.max(0, Math.min(6, 2 - (int) Math.floor(Math.log10(span))))
                : 2;
        int shown = Math.min(summaries.size(), 40);
        for (int k = 0; k < shown; k++) {
            ClientSummary c = summaries.get(k);
            Color colour = Palette.client(k);
            Rectangle swatch = new Rectangle(10, 10, colour);
            swatch.setStroke(Palette.clientEdge(k));
            String shownName = RunInfo.displayName(c.name(), k);
            Label name = new Label(shownName, swatch);
            name.setTextFill(readable(colour, k));
            name.setStyle("-fx-font-weight: bold;");
            name.setMinWidth(40);
            name.setTooltip(new Tooltip(shownName));
            clientTable.add(name, 0, k + 1);
            clientTable.add(right(Integer.toString(c.size())), 1, k + 1);
            clientTable.add(right(Integer.toString(run.data().client(k).testSize())), 2, k + 1);
            String range = c.size() == 0 ? "–" : fixed(c.xMin(), decimals) + "–" + fixed(c.xMax(), decimals);
            clientTable.add(right(range), 3, k + 1);
        }
        if (summaries.size() > shown) {
            Label more = new Label(I18n.t("preview.more", summaries.size() - shown));
            more.setStyle(MUTED_STYLE);
            clientTable.add(more, 0, shown + 1, 4, 1);
        }
    }

    private static String fixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v).replace('-', '\u2212');
    }

    private static Label right(String text) {
        Label l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        l.setMaxWidth(Double.MAX_VALUE);
        l.setAlignment(Pos.CENTER_RIGHT);
        return l;
    }

    /** The client's colour, or its darker edge when the colour itself is too light to read on white (yellow). */
    private static Color readable(Color c, int k) {
        double luminance = 0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue();
        return luminance > 0.62 ? Palette.clientEdge(k) : c;
    }
}
