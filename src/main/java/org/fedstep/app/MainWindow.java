package org.fedstep.app;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.fedstep.app.files.Images;
import org.fedstep.app.files.RecentFiles;
import org.fedstep.app.help.HelpWindows;
import org.fedstep.app.i18n.I18n;
import org.fedstep.app.inspector.InspectorPane;
import org.fedstep.app.lesson.LessonPanel;
import org.fedstep.app.privacy.MeterStrip;
import org.fedstep.app.privacy.SweepWindow;
import org.fedstep.app.loop.LoopDiagram;
import org.fedstep.app.plots.DataView;
import org.fedstep.app.plots.LossChart;
import org.fedstep.app.plots.StalenessStrip;
import org.fedstep.app.plots.ParameterSpaceView;
import org.fedstep.app.run.RunModel;
import org.fedstep.app.run.Snapshot;
import org.fedstep.app.setup.Presets;
import org.fedstep.app.setup.SetupPane;
import org.fedstep.app.theme.ViewOptions;
import org.fedstep.core.data.FederatedData;
import org.fedstep.core.fl.Phase;
import org.fedstep.core.fl.Position;
import org.fedstep.core.settings.InvalidSettingsException;
import org.fedstep.core.settings.Settings;
import org.fedstep.io.AtomicFiles;
import org.fedstep.io.Exports;
import org.fedstep.io.Sessions;
import org.fedstep.io.SettingsFiles;

/**
 * The window: setup on the left, the data and parameter-space plots, the loop and the losses in the middle, the
 * inspector on the right, the step controls and the timeline below. It wires views to the run model and carries the
 * file commands; it computes nothing itself. Switching the language rebuilds the contents from the bundles.
 */
public final class MainWindow {

    /** The preset the app opens with: the source article's example, ready to step. */
    public static final String START_PRESET = "article";
    /** The lesson "Start here" opens: one round, five phases. */
    public static final String START_LESSON = "01-one-round";

    private final Stage stage;
    private final RunModel model;
    private final ViewOptions options = new ViewOptions();
    private final RecentFiles recent = new RecentFiles();
    private final Timeline player = new Timeline();
    private Path sessionFile;
    /** The furthest position when the run was last saved or loaded: a run that moved on since is unsaved. */
    private Position savedFrontier = Position.START;

    // rebuilt with the language
    private DataView dataView;
    private ParameterSpaceView parameterView;
    private LossChart lossChart;
    private LoopDiagram loop;
    private InspectorPane inspector;
    private SetupPane setup;
    private ClientCard clientCard;
    private Label positionLabel;
    private Label status;
    private Label divergenceBanner;
    private Slider timeline;
    private StalenessStrip stalenessStrip;
    private HBox stalenessLine;
    private ToggleButton playButton;
    private Slider speed;
    private Menu recentMenu;
    private boolean updatingTimeline;
    private SplitPane mainSplit;
    private LessonPanel lessonPanel;
    private MeterStrip meterStrip;
    private TabPane leftTabs;
    /** Whether the run on screen was loaded by a lesson: its steps may replace it without asking. */
    private boolean lessonRun;
    private Menu fileMenu;
    private Button[] stepButtons = new Button[0];
    private Node setupPanel;
    private StackPane helpOverlay;

    public MainWindow(Stage stage, RunModel model) {
        this.stage = stage;
        this.model = model;
        model.onError(this::showError);
        model.snapshotProperty().addListener((o, old, s) -> show(s));
        options.projector.addListener(o -> applyProjector());
        player.setCycleCount(Timeline.INDEFINITE);
    }

    /** Builds the window and opens the start preset. */
    public void open() {
        open(START_PRESET);
    }

    /** Builds the window and opens a preset (a name in sample-data/configs). */
    public void open(String preset) {
        // the run is computed while the window is built and shown: a cold start then waits for the longer of the two
        CompletableFuture<Snapshot> first = startPreset(preset);
        var screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(buildRoot(), Math.min(1440, screen.getWidth()), Math.min(900, screen.getHeight()));
        scene.getStylesheets().add(MainWindow.class.getResource("fedstep.css").toExternalForm());
        scene.addEventFilter(KeyEvent.KEY_PRESSED, this::stepKeys);
        stage.setScene(scene);
        stage.setTitle(I18n.t("app.title"));
        stage.setOnCloseRequest(e -> {
            if (!confirmDiscard()) {
                e.consume();
            }
        });
        stage.show();
        loaded(first, null);
    }

    /** Starts loading a preset; a name that is not one fails the future with the reason. */
    private CompletableFuture<Snapshot> startPreset(String name) {
        try {
            return model.load(Presets.load(name), null, null);
        } catch (RuntimeException e) {
            Platform.runLater(() -> showError(messageOf(e)));
            return CompletableFuture.failedFuture(e);
        }
    }

    public ViewOptions options() {
        return options;
    }

    /**
     * Opens a lesson (its id in the lessons folder, or a lesson folder anywhere) at a step (1-based; 0 for where the
     * student left it) in the Lesson tab; a lesson that is not found or does not load is named in the lesson panel
     * and the run stays.
     */
    public void openLesson(String idOrFolder, int step) {
        leftTabs.getSelectionModel().select(1);
        lessonPanel.start(idOrFolder, step - 1);
    }

    // --- building ---

    private Parent buildRoot() {
        dataView = new DataView(options);
        parameterView = new ParameterSpaceView(options);
        lossChart = new LossChart(options);
        loop = new LoopDiagram(options);
        inspector = new InspectorPane(options);
        setup = new SetupPane(this::applySettings);
        clientCard = new ClientCard(options);
        dataView.setOnClientClicked(this::focus);
        loop.setOnClientClicked(this::focus);
        loop.setOnPhaseClicked(this::showPhase);
        dataView.setId("dataView");
        parameterView.setId("parameterView");
        lossChart.setId("lossChart");
        loop.setId("loopDiagram");
        inspector.setId("inspector");

        SplitPane top = new SplitPane(titled(dataView, "view.data"), titled(parameterView, "view.parameters"));
        top.setDividerPositions(0.58);
        meterStrip = new MeterStrip(options);
        VBox losses = (VBox) titled(lossChart, "view.losses");
        losses.getChildren().add(meterStrip);
        SplitPane bottom = new SplitPane(titled(loop, "view.loop"), losses);
        bottom.setDividerPositions(0.5);
        SplitPane centre = new SplitPane(top, bottom);
        centre.setOrientation(Orientation.VERTICAL);
        centre.setDividerPositions(0.6);

        divergenceBanner = new Label();
        divergenceBanner.setId("divergence");
        divergenceBanner.getStyleClass().add("divergence-banner");
        divergenceBanner.setMaxWidth(Double.MAX_VALUE);
        divergenceBanner.setWrapText(true);
        divergenceBanner.setVisible(false);
        divergenceBanner.setManaged(false);
        VBox middle = new VBox(divergenceBanner, centre);
        VBox.setVgrow(centre, Priority.ALWAYS);

        ScrollPane setupOnly = new ScrollPane(setup);
        setupOnly.setFitToWidth(true);
        lessonPanel = new LessonPanel(options, this::loadForLesson);
        lessonPanel.locksProperty().addListener((o, was, now) -> applyLocks(now));
        Tab setupTab = new Tab(I18n.t("lesson.tab.setup"), setupOnly);
        Tab lessonTab = new Tab(I18n.t("lesson.tab.lesson"), lessonPanel);
        lessonTab.setId("lessonTab");
        TabPane setupScroll = new TabPane(setupTab, lessonTab);
        leftTabs = setupScroll;
        setupScroll.getSelectionModel().selectedIndexProperty().addListener((o, was, now) -> {
            if (mainSplit != null) {
                placeSetupPanel();
            }
        });
        setupScroll.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        setupScroll.setPrefWidth(310);
        setupScroll.setMinWidth(220);
        VBox right = new VBox(8, clientCard, inspector);
        VBox.setVgrow(inspector, Priority.ALWAYS);
        ScrollPane rightScroll = new ScrollPane(right);
        rightScroll.setFitToWidth(true);
        rightScroll.setPrefWidth(380);
        rightScroll.setMinWidth(260);

        mainSplit = new SplitPane(setupScroll, middle, rightScroll);
        setupPanel = setupScroll;
        SplitPane main = mainSplit;
        placeSetupPanel();
        SplitPane.setResizableWithParent(setupScroll, false);
        SplitPane.setResizableWithParent(rightScroll, false);

        BorderPane root = new BorderPane(main);
        root.setTop(new VBox(buildMenus(), buildToolBar()));
        root.setBottom(buildTimeline());
        root.getStyleClass().add("fedstep");
        if (options.projector.get()) {
            root.getStyleClass().add("projector");
        }
        root.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        root.setOnDragDropped(e -> {
            boolean ok = e.getDragboard().hasFiles();
            if (ok) {
                openAny(e.getDragboard().getFiles().get(0).toPath());
            }
            e.setDropCompleted(ok);
            e.consume();
        });

        helpOverlay = buildHelpOverlay();
        StackPane stack = new StackPane(root, helpOverlay);
        stack.setOnKeyPressed(e -> {
            if (helpOverlay.isVisible() && (e.getCode() == KeyCode.ESCAPE || e.getCode() == KeyCode.F1)) {
                helpOverlay.setVisible(false);
                e.consume();
            }
        });
        if (model.snapshot() != null) {
            Platform.runLater(() -> show(model.snapshot()));
        }
        return stack;
    }

    private static Node titled(Region view, String titleKey) {
        Label title = new Label(I18n.t(titleKey));
        title.getStyleClass().add("view-title");
        VBox box = new VBox(title, view);
        VBox.setVgrow(view, Priority.ALWAYS);
        box.getStyleClass().add("view-box");
        return box;
    }

    private MenuBar buildMenus() {
        Menu file = new Menu(I18n.t("menu.file"));
        fileMenu = file;
        MenuItem openSettings = item("menu.file.openSettings", new KeyCodeCombination(KeyCode.O,
                KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), this::chooseSettingsFile);
        MenuItem openSession = item("menu.file.openSession", new KeyCodeCombination(KeyCode.O,
                KeyCombination.SHORTCUT_DOWN), this::chooseSession);
        recentMenu = new Menu(I18n.t("menu.file.recent"));
        recentMenu.setOnShowing(e -> fillRecent());
        fillRecent();
        MenuItem save = item("menu.file.save", new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN),
                () -> save(false));
        MenuItem saveAs = item("menu.file.saveAs", new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN), () -> save(true));
        MenuItem export = item("menu.file.export", new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN),
                this::exportResults);
        MenuItem homework = item("menu.file.homework", null, this::exportHomework);
        Menu images = new Menu(I18n.t("menu.file.image"));
        images.getItems().addAll(
                item("menu.file.image.data", null, () -> exportImage(dataView, "data")),
                item("menu.file.image.parameters", null, () -> exportImage(parameterView, "parameter-space")),
                item("menu.file.image.losses", null, () -> exportImage(lossChart, "losses")),
                item("menu.file.image.loop", null, () -> exportImage(loop, "loop")),
                item("menu.file.image.window", null, () -> exportImage(stage.getScene().getRoot(), "window")));
        MenuItem quit = item("menu.file.quit", new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN),
                () -> {
                    if (confirmDiscard()) {
                        stage.close();
                    }
                });
        file.getItems().addAll(openSettings, openSession, recentMenu, new SeparatorMenuItem(), save, saveAs,
                new SeparatorMenuItem(), export, homework, images, new SeparatorMenuItem(), quit);

        Menu run = new Menu(I18n.t("menu.run"));
        run.getItems().addAll(
                item("control.nextPhase", new KeyCodeCombination(KeyCode.RIGHT), this::nextPhase),
                item("control.nextRound", new KeyCodeCombination(KeyCode.RIGHT, KeyCombination.SHIFT_DOWN),
                        this::nextRound),
                item("control.back", new KeyCodeCombination(KeyCode.LEFT), this::back),
                item("control.play", new KeyCodeCombination(KeyCode.P), () -> playButton.fire()),
                item("control.run10", new KeyCodeCombination(KeyCode.T), this::runTen),
                new SeparatorMenuItem(),
                item("sweep.menu", null, this::openSweep),
                new SeparatorMenuItem(),
                item("control.reset", new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN), this::reset));

        Menu view = new Menu(I18n.t("menu.view"));
        CheckMenuItem projector = new CheckMenuItem(I18n.t("menu.view.projector"));
        projector.setAccelerator(new KeyCodeCombination(KeyCode.F5));
        projector.selectedProperty().bindBidirectional(options.projector);
        projector.setId("projectorToggle");
        view.getItems().addAll(projector, new SeparatorMenuItem(),
                check("menu.view.points", options.showPoints),
                check("menu.view.testPoints", options.showTestPoints),
                check("menu.view.clientLines", options.showClientLines),
                check("menu.view.clientFits", options.showClientFits),
                check("menu.view.global", options.showGlobalLine),
                check("menu.view.leastSquares", options.showLeastSquares),
                check("menu.view.logLoss", options.logLoss));
        Menu language = new Menu(I18n.t("menu.view.language"));
        ToggleGroup languages = new ToggleGroup();
        for (Locale l : I18n.LANGUAGES) {
            RadioMenuItem r = new RadioMenuItem(l.getDisplayLanguage(l));
            r.setToggleGroup(languages);
            r.setSelected(l.getLanguage().equals(I18n.locale().getLanguage()));
            r.setId("language-" + l.getLanguage());
            r.setOnAction(e -> switchLanguage(l));
            language.getItems().add(r);
        }
        view.getItems().addAll(new SeparatorMenuItem(), language);

        Menu help = new Menu(I18n.t("menu.help"));
        MenuItem startHere = item("menu.help.startHere", null, this::startHere);
        startHere.setId("menuStartHere");
        help.getItems().addAll(startHere,
                item("menu.help.guide", null, () -> HelpWindows.showUserGuide(stage)),
                item("menu.help.shortcuts", new KeyCodeCombination(KeyCode.F1), this::toggleHelp),
                new SeparatorMenuItem(),
                item("menu.help.about", null, () -> HelpWindows.showAbout(stage, LessonPanel.defaultFolder())));
        MenuBar bar = new MenuBar(file, run, view, help);
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    private static MenuItem item(String key, KeyCombination accelerator, Runnable action) {
        MenuItem m = new MenuItem(I18n.t(key));
        m.setAccelerator(accelerator);
        m.setOnAction(e -> action.run());
        return m;
    }

    private static CheckMenuItem check(String key, javafx.beans.property.BooleanProperty property) {
        CheckMenuItem m = new CheckMenuItem(I18n.t(key));
        m.selectedProperty().bindBidirectional(property);
        return m;
    }

    private ToolBar buildToolBar() {
        Button back = button("control.back", "←", this::back);
        Button nextPhase = button("control.nextPhase", "→", this::nextPhase);
        Button nextRound = button("control.nextRound", "Shift+→", this::nextRound);
        Button reset = button("control.reset", "Ctrl+R", this::reset);
        back.setId("back");
        nextPhase.setId("nextPhase");
        nextRound.setId("nextRound");
        reset.setId("reset");
        nextPhase.getStyleClass().add("primary");
        playButton = new ToggleButton(I18n.t("control.play"));
        playButton.setId("play");
        playButton.setTooltip(new Tooltip(I18n.t("control.play.tip") + "  (P)"));
        playButton.setFocusTraversable(false);
        playButton.selectedProperty().addListener((o, was, on) -> {
            playButton.setText(I18n.t(on ? "control.pause" : "control.play"));
            if (on) {
                say(""); // like a step: the start's "press → to begin" is no longer true
                startPlaying();
            } else {
                player.stop();
            }
        });
        speed = new Slider(0.5, 8, 2);
        speed.setPrefWidth(120);
        speed.setFocusTraversable(false);
        speed.setTooltip(new Tooltip(I18n.t("control.speed.tip")));
        speed.valueProperty().addListener(o -> {
            if (playButton.isSelected()) {
                startPlaying();
            }
        });
        Label speedLabel = new Label(I18n.t("control.speed"));
        positionLabel = new Label();
        positionLabel.setId("position");
        positionLabel.getStyleClass().add("position-label");
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        Button start = new Button(I18n.t("control.startHere"));
        start.setId("startHere");
        start.setTooltip(new Tooltip(I18n.t("control.startHere.tip")));
        start.setOnAction(e -> startHere());
        start.setFocusTraversable(false);
        Button help = button("menu.help.shortcuts", "F1", this::toggleHelp);
        help.setText("?");
        stepButtons = new Button[] {back, nextPhase, nextRound, reset};
        ToolBar bar = new ToolBar(back, nextPhase, nextRound, playButton, speedLabel, speed, reset, spring,
                positionLabel, start, help);
        bar.getStyleClass().add("controls");
        return bar;
    }

    private static Button button(String key, String shortcut, Runnable action) {
        Button b = new Button(I18n.t(key));
        b.setTooltip(new Tooltip(I18n.t(key + ".tip") + "  (" + shortcut + ")"));
        b.setOnAction(e -> action.run());
        b.setFocusTraversable(false); // arrow keys and space belong to stepping, not to moving focus
        return b;
    }

    private Node buildTimeline() {
        timeline = new Slider(0, 1, 0);
        timeline.setId("timeline");
        timeline.setMajorTickUnit(5);
        timeline.setMinorTickCount(4);
        timeline.setSnapToTicks(true);
        timeline.setShowTickMarks(true);
        timeline.setFocusTraversable(false);
        timeline.setTooltip(new Tooltip(I18n.t("timeline.tip")));
        timeline.valueProperty().addListener((o, was, now) -> {
            if (!updatingTimeline) {
                Position p = positionAt((int) Math.round(now.doubleValue()));
                Snapshot s = model.snapshot();
                if (s != null && !p.equals(s.position())) {
                    model.goTo(p);
                }
            }
        });
        Label title = new Label(I18n.t("timeline.title"));
        status = new Label();
        status.setId("status");
        status.getStyleClass().add("status");
        HBox line = new HBox(10, title, timeline);
        HBox.setHgrow(timeline, Priority.ALWAYS);
        line.setAlignment(Pos.CENTER_LEFT);
        // asynchronous runs: under the slider, which round's model each arriving update was trained from
        stalenessStrip = new StalenessStrip(options);
        javafx.scene.layout.Region under = new javafx.scene.layout.Region();
        under.minWidthProperty().bind(title.widthProperty());
        stalenessLine = new HBox(10, under, stalenessStrip);
        HBox.setHgrow(stalenessStrip, Priority.ALWAYS);
        stalenessLine.setVisible(false);
        stalenessLine.setManaged(false);
        VBox box = new VBox(4, line, stalenessLine, status);
        box.setPadding(new Insets(6, 12, 6, 12));
        box.getStyleClass().add("timeline-bar");
        return box;
    }

    /** Position number i (0 = start, then five per round) as a position. */
    static Position positionAt(int index) {
        if (index <= 0) {
            return Position.START;
        }
        return new Position((index - 1) / 5 + 1, Phase.values()[(index - 1) % 5]);
    }

    private StackPane buildHelpOverlay() {
        VBox lines = new VBox(8);
        lines.getStyleClass().add("help-card");
        Label title = new Label(I18n.t("help.title"));
        title.getStyleClass().add("help-title");
        lines.getChildren().add(title);
        String[][] keys = {
            {"→", "control.nextPhase"}, {"Shift+→", "control.nextRound"}, {"←", "control.back"},
            {"P", "control.play"}, {"T", "control.run10"}, {"Ctrl+R", "control.reset"},
            {"F5", "menu.view.projector"}, {"Ctrl+O", "menu.file.openSession"}, {"Ctrl+S", "menu.file.save"},
            {"Ctrl+E", "menu.file.export"}, {"F1 / Esc", "help.close"}};
        for (String[] k : keys) {
            Label key = new Label(k[0]);
            key.getStyleClass().add("help-key");
            key.setMinWidth(110);
            lines.getChildren().add(new HBox(12, key, new Label(I18n.t(k[1]))));
        }
        lines.getChildren().add(new Label(I18n.t("help.click")));
        lines.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        StackPane overlay = new StackPane(lines);
        overlay.getStyleClass().add("help-overlay");
        overlay.setId("helpOverlay");
        overlay.setVisible(false);
        overlay.setOnMouseClicked(e -> overlay.setVisible(false));
        return overlay;
    }

    // --- showing ---

    private void show(Snapshot s) {
        if (s == null) {
            return;
        }
        dataView.show(s);
        parameterView.show(s);
        lossChart.show(s);
        meterStrip.show(s);
        loop.show(s);
        lessonPanel.show(s);
        inspector.show(s);
        setup.show(s);
        clientCard.show(s);
        positionLabel.setText(describe(s.position()));
        updatingTimeline = true;
        boolean async = s.run().settings().strategy().isAsync();
        stalenessLine.setVisible(async);
        stalenessLine.setManaged(async);
        if (async) {
            stalenessStrip.show(s);
        }
        timeline.setMax(Math.max(1, s.frontier().index()));
        timeline.setValue(s.position().index());
        updatingTimeline = false;
        if (s.divergence() != null) {
            divergenceBanner.setText(I18n.t("divergence.banner", s.divergence().round(),
                    I18n.t("phase." + s.divergence().phase().key()), s.divergence().hint()));
            playButton.setSelected(false);
        }
        divergenceBanner.setVisible(s.divergence() != null);
        divergenceBanner.setManaged(s.divergence() != null);
        stage.setTitle(I18n.t("app.title") + (sessionFile == null ? "" : " — " + sessionFile.getFileName()));
    }

    static String describe(Position p) {
        if (p.isStart()) {
            return I18n.t("position.start");
        }
        return I18n.t("position.phase", p.round(), p.phase().number(), I18n.t("phase." + p.phase().key()));
    }

    private void focus(int client) {
        options.focusedClient.set(client == options.focusedClient.get() ? -1 : client);
    }

    private void showError(String message) {
        if (!status.getStyleClass().contains("error")) {
            status.getStyleClass().add("error");
        }
        status.setText(message);
    }

    private void say(String message) {
        status.getStyleClass().removeAll("error");
        status.setText(message);
    }

    /**
     * In projector mode the setup panel steps aside, leaving the room to what the class looks at; a lesson in progress
     * (its tab chosen) stays.
     */
    private void placeSetupPanel() {
        boolean shown = mainSplit.getItems().contains(setupPanel);
        boolean lessonShown = leftTabs != null && leftTabs.getSelectionModel().getSelectedIndex() == 1;
        if (options.projector.get() && shown && !lessonShown) {
            mainSplit.getItems().remove(setupPanel);
            mainSplit.setDividerPositions(0.7);
        } else if ((!options.projector.get() || lessonShown) && !shown) {
            mainSplit.getItems().add(0, setupPanel);
        }
        if (mainSplit.getItems().contains(setupPanel)) {
            // a lesson's text and tables want more room than the setup's controls
            mainSplit.setDividerPositions(lessonShown ? 0.27 : 0.21, 0.74);
        }
    }

    private void applyProjector() {
        if (mainSplit != null) {
            placeSetupPanel();
        }
        Parent root = stage.getScene() == null ? null : stage.getScene().getRoot();
        if (root instanceof StackPane stack && !stack.getChildren().isEmpty()) {
            Node main = stack.getChildren().get(0);
            main.getStyleClass().remove("projector");
            if (options.projector.get()) {
                main.getStyleClass().add("projector");
            }
        }
    }

    private void toggleHelp() {
        helpOverlay.setVisible(!helpOverlay.isVisible());
        helpOverlay.requestFocus();
    }

    private void switchLanguage(Locale language) {
        I18n.use(language, true);
        // a lesson in progress carries on, in the new language, with the run as it is
        org.fedstep.lesson.Lesson lesson = lessonPanel.lesson();
        int step = lessonPanel.stepIndex();
        stage.getScene().setRoot(buildRoot());
        if (lesson != null) {
            leftTabs.getSelectionModel().select(1);
            lessonPanel.resume(lesson, step, model.snapshot());
        }
        stage.setTitle(I18n.t("app.title"));
        say(I18n.t("status.language"));
    }

    // --- stepping ---

    /**
     * The stepping keys work wherever the focus is, except in a field that needs them (text, numbers, lists): a scroll
     * pane or a split pane would otherwise take the arrows. The menus show the same keys.
     */
    private void stepKeys(KeyEvent e) {
        Node focus = stage.getScene().getFocusOwner();
        if (focus instanceof javafx.scene.control.TextInputControl || focus instanceof javafx.scene.control.Spinner
                || focus instanceof javafx.scene.control.ComboBoxBase || focus instanceof javafx.scene.control.ListView
                || focus instanceof javafx.scene.control.TableView || e.isShortcutDown() || e.isAltDown()) {
            return;
        }
        Runnable action = switch (e.getCode()) {
            case RIGHT -> e.isShiftDown() ? this::nextRound : this::nextPhase;
            case LEFT -> this::back;
            case P -> () -> playButton.fire();
            case T -> this::runTen;
            default -> null;
        };
        if (action != null && !helpOverlay.isVisible() && !stepsLocked()) {
            action.run();
            e.consume();
        }
    }

    /**
     * A phase clicked in the loop's strip: that phase of the round on show. A phase already computed is shown again; a
     * later one of the round being computed is reached by stepping forward, as Next phase would.
     */
    private void showPhase(Phase phase) {
        Snapshot s = model.snapshot();
        if (s == null || stepsLocked()) {
            return;
        }
        Position target = new Position(s.atStart() ? 1 : s.position().round(), phase);
        say("");
        if (target.compareTo(s.frontier()) <= 0) {
            model.goTo(target);
            return;
        }
        model.goTo(s.frontier());
        Position p = s.frontier();
        for (int i = 0; i < 5 && !p.equals(target); i++) {
            model.stepPhase();
            p = p.next();
        }
    }

    private void nextPhase() {
        Snapshot s = model.snapshot();
        say("");
        if (s != null && s.canStepForward()) {
            model.stepPhase();
        }
    }

    private void nextRound() {
        Snapshot s = model.snapshot();
        say("");
        if (s != null && s.canStepForward()) {
            model.stepRound();
        }
    }

    private void runTen() {
        Snapshot s = model.snapshot();
        say("");
        if (s != null && s.canStepForward()) {
            model.runRounds(10);
        }
    }

    private void back() {
        playButton.setSelected(false);
        say("");
        model.stepBack();
    }

    private void reset() {
        playButton.setSelected(false);
        if (confirmDiscard()) {
            model.reset().thenRun(() -> savedFrontier = Position.START);
        }
    }

    private void startPlaying() {
        player.stop();
        player.getKeyFrames().setAll(new KeyFrame(Duration.seconds(1 / speed.getValue()), e -> {
            Snapshot s = model.snapshot();
            if (s == null || !s.canStepForward()) {
                playButton.setSelected(false);
            } else if (!model.busyProperty().get()) {
                model.stepPhase();
            }
        }));
        player.play();
    }

    // --- setups and files ---

    /** Applies settings from the setup pane, asking first if that would discard an unsaved run. */
    private void applySettings(Settings settings) {
        if (confirmDiscard()) {
            playButton.setSelected(false);
            lessonRun = false;
            loaded(model.load(settings, null, null), null);
        }
    }

    /** A lesson's setup: replaces a run the lesson made without asking, any other only after asking. */
    private boolean loadForLesson(Settings settings, Path lessonFolder) {
        if (!lessonRun && !confirmDiscard()) {
            return false;
        }
        playButton.setSelected(false);
        lessonRun = true;
        loaded(model.load(settings, lessonFolder, null), null);
        return true;
    }

    /**
     * What a lesson step locks: the setup panel for any setup id (presets, data, clients, partition, model, training,
     * server, setup), the step buttons and keys, the timeline, the file commands. Everything else stays live.
     */
    private void applyLocks(java.util.Set<String> locks) {
        boolean setupLocked = locks.stream().anyMatch(l -> !List.of("step-controls", "timeline", "files").contains(l));
        setup.setDisable(setupLocked);
        boolean steps = locks.contains("step-controls");
        for (Button b : stepButtons) {
            b.setDisable(steps);
        }
        playButton.setDisable(steps);
        timeline.setDisable(locks.contains("timeline"));
        for (MenuItem m : fileMenu.getItems()) {
            boolean quit = m.getAccelerator() instanceof KeyCodeCombination k && k.getCode() == KeyCode.Q;
            if (!(m instanceof SeparatorMenuItem) && !quit) {
                m.setDisable(locks.contains("files"));
            }
        }
    }

    private boolean stepsLocked() {
        return lessonPanel != null && lessonPanel.locksProperty().get().contains("step-controls");
    }

    /**
     * What the status bar calls a run: its data's title, which the settings give in English; in Chinese a preset is
     * called by its Chinese name instead.
     */
    private static String runTitle(Snapshot s) {
        String preset = I18n.isChinese() ? Presets.nameOf(s.run().settings()) : null;
        return preset != null ? I18n.t("preset." + preset) : s.run().data().title();
    }

    /** A problem with the preferences file, said once the first run is on screen; null for none. */
    private String preferencesNotice;
    private boolean runShown;

    /** Whether a run is on screen (the start preset has loaded). */
    public boolean isShowingRun() {
        return runShown;
    }

    /** Tells the user, in the status bar, that the preferences could not be read or saved. */
    public void tellPreferencesProblem(org.fedstep.app.prefs.AppPreferences.Problem p) {
        if (p != null) {
            preferencesNotice = I18n.t(p.unreadable() ? "status.prefsDamaged" : "status.prefsUnsaved", p.file(),
                    p.reason());
        }
    }

    private void loaded(CompletableFuture<Snapshot> done, Path file) {
        done.thenAccept(s -> Platform.runLater(() -> {
            if (s != null && (file == null || file.equals(s.run().source()))) {
                sessionFile = file != null && file.toString().endsWith(".fedstep") ? file : null;
                savedFrontier = s.frontier();
                say(file == null ? I18n.t("status.ready", runTitle(s))
                        : I18n.t("status.opened", file.getFileName()));
                show(s);
                if (preferencesNotice != null) {
                    // once, over the first ready message: the loop view and the inspector still say what to press
                    say(preferencesNotice);
                    preferencesNotice = null;
                }
                runShown = true;
            }
        }));
    }

    /** True when there is nothing unsaved to lose, or the user chose to save or discard it. */
    boolean confirmDiscard() {
        Snapshot s = model.snapshot();
        if (s == null || s.frontier().compareTo(savedFrontier) <= 0) {
            return true;
        }
        return switch (askDiscard.get()) {
            case SAVE -> save(false);
            case DISCARD -> true;
            case CANCEL -> false;
        };
    }

    /** What to do with an unsaved run. */
    enum Discard { SAVE, DISCARD, CANCEL }

    /** Asks the user; tests replace it, since a modal dialog would wait for a click. */
    Supplier<Discard> askDiscard = this::askWithDialog;

    private Discard askWithDialog() {
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION);
        ask.initOwner(stage);
        ask.setTitle(I18n.t("discard.title"));
        ask.setHeaderText(I18n.t("discard.header"));
        ask.setContentText(I18n.t("discard.text"));
        ButtonType saveFirst = new ButtonType(I18n.t("discard.save"), ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType(I18n.t("discard.discard"), ButtonBar.ButtonData.NO);
        ButtonType cancel = new ButtonType(I18n.t("discard.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        ask.getButtonTypes().setAll(saveFirst, discard, cancel);
        Optional<ButtonType> answer = ask.showAndWait();
        if (answer.isEmpty() || answer.get() == cancel) {
            return Discard.CANCEL;
        }
        return answer.get() == discard ? Discard.DISCARD : Discard.SAVE;
    }

    private void chooseSession() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(I18n.t("menu.file.openSession"));
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter(I18n.t("files.session"), "*.fedstep", "*.json"),
                new FileChooser.ExtensionFilter(I18n.t("files.all"), "*.*"));
        var file = chooser.showOpenDialog(stage);
        if (file != null) {
            openAny(file.toPath());
        }
    }

    private void chooseSettingsFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(I18n.t("menu.file.openSettings"));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(I18n.t("files.settings"), "*.json"));
        var file = chooser.showOpenDialog(stage);
        if (file != null) {
            openAny(file.toPath());
        }
    }

    /**
     * Opens a session, a settings file or a CSV data file (the last goes to the setup's column picker). A file that
     * cannot be used leaves the current run as it was and says which file and why.
     */
    public void openAny(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            setup.offerCsv(file);
            return;
        }
        if (!confirmDiscard()) {
            return;
        }
        CompletableFuture.supplyAsync(() -> isSession(file) ? Sessions.open(file) : null).handle((engine, error) -> {
            Platform.runLater(() -> {
                if (error != null) {
                    showError(messageOf(error));
                } else if (engine != null) {
                    lessonRun = false;
                    recent.add(file);
                    loaded(model.show(engine, file), file);
                    sessionFile = file;
                } else {
                    openSettings(file);
                }
            });
            return null;
        });
    }

    /** Sessions begin with their format name (Sessions writes it first); anything else is read as settings. */
    private static boolean isSession(Path file) {
        try (Reader r = java.nio.file.Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            char[] head = new char[512];
            int n = r.read(head);
            return n > 0 && new String(head, 0, n).contains("\"" + Sessions.FORMAT + "\"");
        } catch (IOException e) {
            return false; // reading it as settings will say what is wrong with it
        }
    }

    private void openSettings(Path file) {
        try {
            Settings s = SettingsFiles.read(file);
            lessonRun = false;
            recent.add(file);
            loaded(model.load(s, file.toAbsolutePath().getParent(), file), file);
        } catch (RuntimeException e) {
            showError(messageOf(e));
        }
    }

    private void fillRecent() {
        recentMenu.getItems().clear();
        for (Path p : recent.list()) {
            MenuItem m = new MenuItem(p.getFileName() + "   (" + p.getParent() + ")");
            m.setOnAction(e -> openAny(p));
            recentMenu.getItems().add(m);
        }
        if (recentMenu.getItems().isEmpty()) {
            MenuItem none = new MenuItem(I18n.t("menu.file.recent.none"));
            none.setDisable(true);
            recentMenu.getItems().add(none);
        }
    }

    /** Saves the session; true when it was saved. */
    boolean save(boolean askForName) {
        Path target = sessionFile;
        if (askForName || target == null) {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(I18n.t("menu.file.saveAs"));
            chooser.setInitialFileName("fedstep-session.fedstep");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(I18n.t("files.session"), "*.fedstep"));
            var file = chooser.showSaveDialog(stage);
            if (file == null) {
                return false;
            }
            target = file.toPath();
        }
        return saveTo(target);
    }

    /** Saves the session to a file, waiting for the engine; false (with the reason shown) when it failed. */
    public boolean saveTo(Path target) {
        try {
            Position frontier = model.withEngine(engine -> {
                try {
                    Sessions.save(target, engine);
                    return engine.frontier();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).join();
            sessionFile = target;
            savedFrontier = frontier;
            recent.add(target);
            say(I18n.t("status.saved", target));
            stage.setTitle(I18n.t("app.title") + " — " + target.getFileName());
            return true;
        } catch (CompletionException e) {
            showError(I18n.t("error.save", target, messageOf(e)));
            return false;
        }
    }

    private void exportResults() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(I18n.t("menu.file.export"));
        var dir = chooser.showDialog(stage);
        if (dir != null) {
            exportTo(dir.toPath());
        }
    }

    /** Writes the runner's files (config.json, the CSVs, session.json) for the run so far into a folder. */
    public boolean exportTo(Path dir) {
        try {
            model.withEngine(engine -> {
                try {
                    Exports.writeAll(engine, engine.settings(), dir);
                    return null;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).join();
            say(I18n.t("status.exported", String.join(", ", Exports.FILES), dir));
            return true;
        } catch (CompletionException e) {
            showError(I18n.t("error.export", dir, messageOf(e)));
            return false;
        }
    }

    /** The privacy-utility window on the run's settings and data; a run that cannot take noise says why. */
    SweepWindow openSweep() {
        Object[] run = model.withEngine(e -> new Object[] {e.settings(), e.data()}).join();
        try {
            return SweepWindow.open(stage, options, (Settings) run[0], (FederatedData) run[1]);
        } catch (InvalidSettingsException e) {
            showError(I18n.t("sweep.cannot", String.join("; ", e.problems())));
            return null;
        }
    }

    /** A homework pack of the lesson being followed, or of the run's settings; answers are computed off the FX thread. */
    private void exportHomework() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(I18n.t("menu.file.homework"));
        var dir = chooser.showDialog(stage);
        if (dir != null) {
            exportHomeworkTo(dir.toPath());
        }
    }

    /** Writes the homework pack into a folder; completes when it is written (or failed, with the reason shown). */
    public CompletableFuture<Boolean> exportHomeworkTo(Path dir) {
        Snapshot s = model.snapshot();
        if (s == null) {
            return CompletableFuture.completedFuture(false);
        }
        org.fedstep.lesson.Lesson lesson = lessonPanel.lesson();
        Settings settings = s.run().settings();
        Path base = s.run().source() == null ? null : s.run().source().toAbsolutePath().getParent();
        say(I18n.t("status.homework.working"));
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        CompletableFuture.runAsync(() -> {
            try {
                if (lesson != null) {
                    org.fedstep.lesson.HomeworkPack.write(lesson, null, dir);
                } else {
                    org.fedstep.lesson.HomeworkPack.write(settings, base, dir);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).whenComplete((ok, error) -> Platform.runLater(() -> {
            if (error != null) {
                showError(I18n.t("error.export", dir, messageOf(error)));
            } else {
                say(I18n.t("status.homework", dir));
            }
            done.complete(error == null);
        }));
        return done;
    }

    private void exportImage(Node node, String name) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(I18n.t("menu.file.image"));
        chooser.setInitialFileName("fedstep-" + name + ".png");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG", "*.png"));
        var file = chooser.showSaveDialog(stage);
        if (file != null) {
            try {
                Images.savePng(node, file.toPath());
                say(I18n.t("status.image", file));
            } catch (IOException e) {
                showError(I18n.t("error.image", file, AtomicFiles.reason(e)));
            }
        }
    }

    /** The first lesson, from its first step: the one click a newcomer needs. */
    private void startHere() {
        openLesson(START_LESSON, 1);
    }

    static String messageOf(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof UncheckedIOException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof IOException io) {
            return AtomicFiles.reason(io);
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }
}
