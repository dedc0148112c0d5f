package org.fedstep.app.lesson;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import org.fedstep.app.i18n.I18n;
import org.fedstep.app.inspector.Numbers;
import org.fedstep.app.run.ComparedRun;
import org.fedstep.app.run.Snapshot;
import org.fedstep.app.theme.ViewOptions;
import org.fedstep.core.data.DataSets;
import org.fedstep.core.data.FederatedData;
import org.fedstep.core.fl.RunTrace;
import org.fedstep.core.settings.Settings;
import org.fedstep.lesson.Answer;
import org.fedstep.lesson.Answers;
import org.fedstep.lesson.Lesson;
import org.fedstep.lesson.LessonCatalog;
import org.fedstep.lesson.LessonException;
import org.fedstep.lesson.LessonLoader;
import org.fedstep.lesson.LessonText;

/**
 * The lesson player: choose a lesson, read each step (Markdown with formulas drawn as math), do what it asks (step to
 * a phase, answer a question, predict and then see the result with its arithmetic), and move on. Answers come from
 * the engine ({@link Answers}), never from the lesson file. The step's locks are published for the window to apply;
 * the rest of the app stays live. The step reached in each lesson is remembered.
 */
public final class LessonPanel extends VBox {

    private final ViewOptions options;
    private final RunLoader loadSettings;
    private final Label waitLabel = new Label();
    private final ReadOnlyObjectWrapper<Set<String>> locks = new ReadOnlyObjectWrapper<>(Set.of());
    private final ComboBox<Lesson> chooser = new ComboBox<>();
    private final Label problems = new Label();
    /** The step's header: title, progress and back/next, always in view. */
    private final VBox header = new VBox(8);
    /** The step's text, question and feedback, scrolling under the header. */
    private final VBox body = new VBox(10);

    private Lesson lesson;
    private int stepIndex;
    private Snapshot snapshot;
    private Answer answer;
    /** The student's committed prediction on a predict step, until it is revealed. */
    private String committed;
    private boolean answeredRight;
    private boolean revealed;
    private Label feedback;
    private Button next;
    /** Wrong answers given to the step's question so far; "show the answer" appears after a few. */
    private int wrongTries;
    private Button showAnswer;
    private static final int TRIES_BEFORE_SHOWING = 2;
    /** The step's compared runs (shown while the run on screen is the step's), and the table beside them. */
    private List<ComparedRun> stepComparisons = List.of();
    private final VBox compareBox = new VBox(4);
    private final Map<List<Lesson.Comparison>, List<RunTrace>> traces = new HashMap<>();

    /** Loads a lesson's (or a step's) settings as the run, from round 0; false when the user kept the current run. */
    @FunctionalInterface
    public interface RunLoader {
        boolean load(Settings settings, Path lessonFolder);
    }

    public LessonPanel(ViewOptions options, RunLoader loadSettings) {
        this.options = options;
        this.loadSettings = loadSettings;
        setId("lessonPanel");
        setSpacing(10);
        setPadding(new Insets(10));
        getStyleClass().add("lesson-panel");
        chooser.setId("lessonChooser");
        chooser.setMaxWidth(Double.MAX_VALUE);
        chooser.setPromptText(I18n.t("lesson.choose"));
        chooser.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Lesson l) {
                return l == null ? "" : l.title().in(language());
            }

            @Override
            public Lesson fromString(String s) {
                return null;
            }
        });
        chooser.setOnAction(e -> {
            if (chooser.getValue() != null && chooser.getValue() != lesson) {
                start(chooser.getValue(), savedStep(chooser.getValue()));
            }
        });
        Button openFolder = new Button(I18n.t("lesson.openFolder"));
        openFolder.setOnAction(e -> chooseFolder());
        problems.setId("lessonProblems");
        problems.getStyleClass().add("lesson-problems");
        problems.setWrapText(true);
        problems.setVisible(false);
        problems.setManaged(false);
        ScrollPane scroller = new ScrollPane(body);
        scroller.setFitToWidth(true);
        scroller.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroller.getStyleClass().add("lesson-body");
        getChildren().addAll(chooser, openFolder, problems, header, scroller);
        VBox.setVgrow(scroller, Priority.ALWAYS);
        compareBox.setId("lessonCompare");
        compareBox.getStyleClass().add("lesson-compare");
        waitLabel.setId("lessonWait");
        waitLabel.setWrapText(true);
        waitLabel.getStyleClass().add("lesson-wait");
        // a client question is answered by focusing (clicking) a client in any view
        options.focusedClient.addListener((o, was, now) -> clientFocused(now.intValue()));
        scan(defaultFolder());
        showIntro();
    }

    /** The lesson being followed, or null. */
    public Lesson lesson() {
        return lesson;
    }

    /** The step being shown (0-based), or -1 without a lesson. */
    public int stepIndex() {
        return lesson == null ? -1 : stepIndex;
    }

    /**
     * Carries on with a lesson at a step whose run is already on screen (the window was rebuilt, e.g. in another
     * language): nothing is loaded again, the step is shown in this panel's language.
     */
    public void resume(Lesson l, int step, Snapshot current) {
        if (!chooser.getItems().contains(l)) {
            chooser.getItems().add(l);
        }
        lesson = l;
        stepIndex = Math.max(0, Math.min(step, l.steps().size() - 1));
        chooser.setValue(l);
        snapshot = current;
        showStep();
    }

    /** The controls the current step locks (ids from org.fedstep.lesson.Locks); empty without a lesson. */
    public ReadOnlyObjectProperty<Set<String>> locksProperty() {
        return locks.getReadOnlyProperty();
    }

    /**
     * The lessons folder: -Dfedstep.lessons, ./lessons, lessons/ beside the jar (an installed app: jpackage puts the
     * jar and the lessons in one folder), or lessons/ beside the folder that holds the jar (target/fedstep.jar).
     */
    public static Path defaultFolder() {
        String configured = System.getProperty("fedstep.lessons");
        if (configured != null) {
            return Path.of(configured);
        }
        Path here = Path.of("lessons");
        if (Files.isDirectory(here)) {
            return here;
        }
        try {
            Path jar = Path.of(LessonPanel.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (jar.getParent() == null) {
                return here;
            }
            Path installed = jar.getParent().resolve("lessons");
            if (Files.isDirectory(installed)) {
                return installed;
            }
            Path beside = jar.getParent().resolveSibling("lessons");
            return Files.isDirectory(beside) ? beside : here;
        } catch (Exception e) {
            return here;
        }
    }

    /** Lists the lessons of a folder; broken ones are named with their problem and left out. */
    public void scan(Path folder) {
        LessonCatalog catalog = LessonCatalog.scan(folder);
        chooser.getItems().setAll(catalog.lessons());
        String broken = String.join("\n", catalog.broken().stream().map(LessonCatalog.Problem::message).toList());
        if (catalog.lessons().isEmpty() && broken.isEmpty()) {
            // say where FedStep looked, and what to do, rather than show an empty list
            broken = I18n.t("lesson.noneFound", folder.toAbsolutePath().normalize());
        }
        showProblems(broken);
    }

    private void showProblems(String text) {
        problems.setText(text);
        problems.setVisible(!text.isEmpty());
        problems.setManaged(!text.isEmpty());
    }

    private void chooseFolder() {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle(I18n.t("lesson.openFolder"));
        var dir = dc.showDialog(getScene() == null ? null : getScene().getWindow());
        if (dir != null) {
            openFolder(dir.toPath());
        }
    }

    /** Opens one lesson folder, or a folder of lessons; a broken lesson is named and nothing else changes. */
    public void openFolder(Path dir) {
        if (Files.exists(dir.resolve(LessonLoader.FILE))) {
            try {
                Lesson l = LessonLoader.load(dir);
                if (!chooser.getItems().contains(l)) {
                    chooser.getItems().add(l);
                }
                showProblems("");
                chooser.setValue(l);
            } catch (LessonException e) {
                showProblems(e.getMessage());
            }
        } else {
            scan(dir);
        }
    }

    /**
     * Starts a lesson at a step (0-based; clamped to the lesson's steps), or with a negative step where the student
     * left it: a lesson of the list by its id, else the lesson folder at that path. A lesson that cannot be found or
     * loaded is named where broken lessons are.
     */
    public void start(String idOrFolder, int step) {
        for (Lesson l : chooser.getItems()) {
            if (l.id().equals(idOrFolder)) {
                start(l, step < 0 ? savedStep(l) : step);
                return;
            }
        }
        Path dir = Path.of(idOrFolder);
        if (!Files.exists(dir.resolve(LessonLoader.FILE))) {
            showProblems(I18n.t("lesson.notFound", idOrFolder));
            return;
        }
        openFolder(dir);
        if (lesson != null && lesson.folder().equals(dir) && step >= 0) {
            start(lesson, step);
        }
    }

    // --- following the run ---

    public void show(Snapshot s) {
        this.snapshot = s;
        if (lesson != null) {
            updateProgress();
            refreshComparisons();
        }
    }

    // --- runs compared with the student's ---

    /**
     * The step's compared runs, computed by the engine off the JavaFX thread (once per list of runs: going back and
     * forth does not compute them again), then drawn by the views beside the student's run.
     */
    private void computeComparisons(Lesson.Step step) {
        List<Lesson.Comparison> wanted = step.compare();
        String lang = language();
        List<RunTrace> known = traces.get(wanted);
        if (known != null) {
            setComparisons(wanted, known, lang);
            return;
        }
        Path folder = lesson.folder();
        Settings base = step.settings();
        int at = stepIndex;
        Lesson l = lesson;
        CompletableFuture.supplyAsync(() -> {
            FederatedData data = DataSets.build(base, folder);
            List<RunTrace> out = new ArrayList<>();
            for (Lesson.Comparison c : wanted) {
                out.add(RunTrace.of(DataSets.effective(c.settings(), data), data));
            }
            return out;
        }).whenComplete((list, error) -> Platform.runLater(() -> {
            if (lesson != l || stepIndex != at) {
                return;
            }
            if (error != null) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                compareBox.getChildren().setAll(new Label(I18n.t("lesson.compare.failed", cause.getMessage())));
                return;
            }
            traces.put(wanted, list);
            setComparisons(wanted, list, lang);
        }));
    }

    private void setComparisons(List<Lesson.Comparison> wanted, List<RunTrace> list, String lang) {
        List<ComparedRun> runs = new ArrayList<>();
        for (int i = 0; i < wanted.size(); i++) {
            runs.add(new ComparedRun(i, wanted.get(i).label().in(lang), list.get(i)));
        }
        stepComparisons = List.copyOf(runs);
        refreshComparisons();
    }

    /**
     * Shows the compared runs while the run on screen is the step's own (a run loaded from the setup panel or a file
     * has other data, so nothing is compared with it), and fills the side-by-side table for the round on screen.
     */
    private void refreshComparisons() {
        boolean ours = snapshot != null && lesson != null && snapshot.run().settings().equals(step().settings());
        List<ComparedRun> shown = ours ? stepComparisons : List.of();
        if (!shown.equals(options.comparisons.get())) {
            options.comparisons.set(shown);
        }
        compareBox.setVisible(!shown.isEmpty());
        compareBox.setManaged(!shown.isEmpty());
        if (shown.isEmpty()) {
            return;
        }
        int t = snapshot.completedAtCursor();
        GridPane table = new GridPane();
        table.getStyleClass().add("lesson-compare-table");
        table.setHgap(12);
        table.setVgap(3);
        // privacy spent, when any run on show adds noise: the other side of the trade-off
        boolean privacy = snapshot.run().privacy().noisy() || shown.stream().anyMatch(c -> c.trace().isPrivate());
        String[] heads = privacy
                ? new String[] {I18n.t("lesson.compare.run"), "‖θ" + sub(t) + " − θ*‖", "J(θ" + sub(t) + ")", "ε"}
                : new String[] {I18n.t("lesson.compare.run"), "‖θ" + sub(t) + " − θ*‖", "J(θ" + sub(t) + ")"};
        for (int c = 0; c < heads.length; c++) {
            Label h = new Label(heads[c]);
            h.getStyleClass().add("lesson-compare-head");
            table.add(h, c, 0);
        }
        int row = 1;
        var mine = t < snapshot.history().size() ? snapshot.history().get(t) : null;
        table.add(new Label(I18n.t("lesson.compare.yours")), 0, row);
        table.add(new Label(mine == null ? "–" : Numbers.brief(mine.distanceToOptimum())), 1, row);
        table.add(new Label(mine == null ? "–" : Numbers.brief(mine.trainLoss())), 2, row);
        if (privacy) {
            table.add(new Label(org.fedstep.app.privacy.MeterStrip.epsilon(snapshot.privacy().epsilon())), 3, row);
        }
        for (ComparedRun c : shown) {
            row++;
            table.add(new Label(c.label()), 0, row);
            if (t <= c.trace().lastRound()) {
                table.add(new Label(Numbers.brief(c.trace().distanceToOptimum(t))), 1, row);
                table.add(new Label(Numbers.brief(c.trace().trainLoss(t))), 2, row);
                if (privacy) {
                    table.add(new Label(org.fedstep.app.privacy.MeterStrip.epsilon(c.trace().epsilon(t))), 3, row);
                }
            } else {
                Label gone = new Label(I18n.t("lesson.compare.diverged", c.trace().divergence().round()));
                table.add(gone, 1, row, heads.length - 1, 1);
            }
        }
        Label title = new Label(I18n.t("lesson.compare.title", t));
        title.getStyleClass().add("lesson-compare-title");
        compareBox.getChildren().setAll(title, table);
    }

    private static String sub(int n) {
        return org.fedstep.app.plots.CanvasView.subscript(n);
    }

    private boolean waitDone() {
        Lesson.Step step = step();
        return step.waitFor() == null || (snapshot != null
                && snapshot.frontier().compareTo(step.waitFor().position()) >= 0);
    }

    // --- steps ---

    private Lesson.Step step() {
        return lesson.steps().get(stepIndex);
    }

    private void start(Lesson l, int at) {
        int step = Math.max(0, Math.min(at, l.steps().size() - 1));
        // the run is the settings in force at this step, from round 0
        if (!loadSettings.load(l.steps().get(step).settings(), l.folder())) {
            chooser.setValue(lesson);
            return;
        }
        lesson = l;
        chooser.setValue(l);
        stepIndex = step;
        showStep();
        // off the chooser, so the stepping keys step the run instead of choosing another lesson
        requestFocus();
    }

    private void go(int index) {
        boolean reload = lesson.steps().get(index).changesSettings() && index > stepIndex;
        stepIndex = index;
        remember();
        if (reload) {
            loadSettings.load(step().settings(), lesson.folder());
        }
        showStep();
    }

    private void showStep() {
        Lesson.Step step = step();
        answer = null;
        committed = null;
        answeredRight = false;
        revealed = false;
        wrongTries = 0;
        showAnswer = null;
        locks.set(step.locks());
        body.getChildren().clear();

        Label title = new Label(lesson.title().in(language()));
        title.getStyleClass().add("lesson-title");
        title.setWrapText(true);
        ProgressBar progress = new ProgressBar((stepIndex + 1.0) / lesson.steps().size());
        progress.setMaxWidth(Double.MAX_VALUE);
        Label count = new Label(I18n.t("lesson.step", step.number(), lesson.steps().size()));
        count.setId("lessonStep");
        HBox progressLine = new HBox(8, count, progress);
        HBox.setHgrow(progress, Priority.ALWAYS);
        Button back = new Button(I18n.t("lesson.back"));
        back.setDisable(stepIndex == 0);
        back.setOnAction(e -> go(stepIndex - 1));
        next = new Button(stepIndex == lesson.steps().size() - 1 ? I18n.t("lesson.finish") : I18n.t("lesson.next"));
        next.setId("lessonNext");
        next.getStyleClass().add("primary");
        next.setOnAction(e -> {
            if (stepIndex == lesson.steps().size() - 1) {
                finish();
            } else {
                go(stepIndex + 1);
            }
        });
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        waitLabel.setText("");
        header.getChildren().setAll(title, progressLine, new HBox(8, back, spring, next), waitLabel);

        body.getChildren().add(stepText(step));
        stepComparisons = List.of();
        compareBox.getChildren().clear();
        refreshComparisons();
        if (!step.compare().isEmpty()) {
            body.getChildren().add(compareBox);
            computeComparisons(step);
        }
        feedback = new Label();
        feedback.setId("lessonFeedback");
        feedback.setWrapText(true);
        feedback.getStyleClass().add("lesson-feedback");
        if (step.question() != null) {
            body.getChildren().add(questionBox(step.question()));
            if (!(step.question() instanceof Lesson.ChoiceQuestion)) {
                computeAnswer(step);
            }
        }
        body.getChildren().add(feedback);
        remember();
        updateProgress();
    }

    /**
     * The step's text, drawn as Markdown with math. Numbers the engine computes for the text ({{...}} in the file) are
     * worked out off the JavaFX thread first; until then a short note stands in.
     */
    private Node stepText(Lesson.Step step) {
        String lang = language();
        if (step.values().in(lang).isEmpty()) {
            return markdown(step.markdown().in(lang));
        }
        Label wait = new Label(I18n.t("lesson.preparing"));
        wait.setWrapText(true);
        Lesson l = lesson;
        int at = stepIndex;
        CompletableFuture.supplyAsync(() -> {
            Map<Settings, Answers> calculators = new HashMap<>();
            return LessonText.fill(l, step, lang, x -> calculators.computeIfAbsent(x, y -> Answers.on(y, l.folder())));
        }).whenComplete((text, error) -> Platform.runLater(() -> {
            int i = body.getChildren().indexOf(wait);
            if (lesson != l || stepIndex != at || i < 0) {
                return;
            }
            Throwable cause = error != null && error.getCause() != null ? error.getCause() : error;
            body.getChildren().set(i, error == null ? markdown(text)
                    : new Label(I18n.t("lesson.noValue", cause.getMessage())));
        }));
        return wait;
    }

    private Node markdown(String text) {
        try {
            return new MarkdownView(text, options.font(14));
        } catch (IllegalArgumentException e) {
            return new Label(e.getMessage());
        }
    }

    /** Enables "next" once the step's wait and question are done, and reveals a committed prediction in time. */
    private void updateProgress() {
        if (next == null) {
            return;
        }
        Lesson.Step step = step();
        boolean waited = waitDone();
        if (committed != null && !revealed && waited && (answer != null || step.question() instanceof
                Lesson.ChoiceQuestion)) {
            reveal();
        }
        boolean questionDone = step.question() == null || answeredRight || revealed;
        next.setDisable(!(waited && questionDone));
        waitLabel.setText(waited ? "" : I18n.t("lesson.waitFor", step.waitFor().round(),
                I18n.t("phase." + step.waitFor().phase().key())));
    }

    private void computeAnswer(Lesson.Step step) {
        Lesson.AnswerRef ref = step.question() instanceof Lesson.NumberQuestion n ? n.about()
                : ((Lesson.ClientQuestion) step.question()).about();
        Settings settings = step.settings();
        Path folder = lesson.folder();
        int at = stepIndex;
        CompletableFuture.supplyAsync(() -> Answers.compute(settings, folder, ref)).whenComplete((a, error) ->
                Platform.runLater(() -> {
                    if (lesson == null || stepIndex != at) {
                        return;
                    }
                    if (error != null) {
                        feedback.setText(I18n.t("lesson.noAnswer", error.getCause() != null
                                ? error.getCause().getMessage() : error.getMessage()));
                        return;
                    }
                    answer = a;
                    updateProgress();
                }));
    }

    private VBox questionBox(Lesson.Question q) {
        VBox box = new VBox(6);
        box.getStyleClass().add("lesson-question");
        boolean predict = q.reveal() == Lesson.Reveal.PREDICT;
        Button submit = new Button(I18n.t(predict ? "lesson.commit" : "lesson.check"));
        submit.setId("lessonSubmit");
        // the answer field gives way in a narrow panel (projector mode), never the button's word
        submit.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        if (q instanceof Lesson.ChoiceQuestion c) {
            ToggleGroup group = new ToggleGroup();
            List<String> choices = c.options().in(language());
            for (int i = 0; i < choices.size(); i++) {
                RadioButton r = new RadioButton(choices.get(i));
                r.setWrapText(true);
                // a long option wraps onto as many lines as it needs instead of ending in "...": its height is
                // worked out for the width it really gets
                r.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
                r.prefWidthProperty().bind(box.widthProperty().subtract(4));
                r.setMaxWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                r.setUserData(i);
                r.setToggleGroup(group);
                r.setId("lessonChoice" + i);
                box.getChildren().add(r);
            }
            submit.setOnAction(e -> {
                if (group.getSelectedToggle() != null) {
                    int chosen = (int) group.getSelectedToggle().getUserData();
                    // the student's own words come back in "You predicted ...", not the option's number
                    submitted("“" + choices.get(chosen) + "”", c.accepts(chosen), predict, submit);
                }
            });
            box.getChildren().add(submit);
        } else if (q instanceof Lesson.NumberQuestion n) {
            TextField field = new TextField();
            field.setId("lessonAnswer");
            field.setMinWidth(60);
            field.setPrefColumnCount(8);
            field.setPromptText(I18n.t("lesson.number"));
            field.setOnAction(e -> submit.fire());
            submit.setOnAction(e -> {
                double given;
                try {
                    given = Double.parseDouble(field.getText().trim().replace(',', '.').replace('−', '-'));
                } catch (NumberFormatException ex) {
                    feedback.setText(I18n.t("lesson.notANumber", field.getText()));
                    return;
                }
                if (answer == null) {
                    feedback.setText(I18n.t("lesson.computing"));
                    return;
                }
                submitted(field.getText().trim(), n.accepts(given, answer), predict, submit);
            });
            HBox line = new HBox(8, field, submit);
            HBox.setHgrow(field, Priority.ALWAYS);
            box.getChildren().add(line);
        } else if (q instanceof Lesson.ClientQuestion) {
            Label how = new Label(I18n.t("lesson.clickClient"));
            how.setWrapText(true);
            box.getChildren().add(how);
        }
        if (q.reveal() == Lesson.Reveal.CHECK) {
            showAnswer = new Button(I18n.t("lesson.showAnswer"));
            showAnswer.setId("lessonShowAnswer");
            showAnswer.setVisible(false);
            showAnswer.setManaged(false);
            showAnswer.setOnAction(e -> giveAnswer());
            box.getChildren().add(showAnswer);
        }
        if (q.hint() != null) {
            Button hint = new Button(I18n.t("lesson.hint"));
            Label text = new Label(q.hint().in(language()));
            text.setWrapText(true);
            text.setVisible(false);
            text.setManaged(false);
            hint.setOnAction(e -> {
                text.setVisible(true);
                text.setManaged(true);
            });
            box.getChildren().addAll(hint, text);
        }
        return box;
    }

    private void clientFocused(int k) {
        if (lesson == null || next == null || k < 0 || !(step().question() instanceof Lesson.ClientQuestion c)
                || answer == null || committed != null || answeredRight) {
            return;
        }
        String name = snapshot == null ? Integer.toString(k + 1) : snapshot.run().clientName(k);
        submitted(name, c.accepts(k, answer), c.reveal() == Lesson.Reveal.PREDICT, null);
    }

    private void submitted(String given, boolean right, boolean predict, Button submit) {
        if (predict) {
            committed = given;
            answeredRight = right;
            if (submit != null) {
                submit.setDisable(true);
            }
            if (waitDone()) {
                reveal();
            } else {
                feedback.setText(I18n.t("lesson.committed", given, step().waitFor().round(),
                        I18n.t("phase." + step().waitFor().phase().key())));
            }
        } else {
            answeredRight = right;
            feedback.setText(right ? I18n.t("lesson.right") + explanation()
                    : I18n.t("lesson.wrong"));
            if (!right && ++wrongTries >= TRIES_BEFORE_SHOWING && showAnswer != null) {
                showAnswer.setVisible(true);
                showAnswer.setManaged(true);
            }
        }
        updateProgress();
    }

    /** After a few wrong tries the student may see the answer with its arithmetic, and go on. */
    private void giveAnswer() {
        revealed = true;
        feedback.setText(I18n.t("lesson.shownAnswer") + explanation());
        showAnswer.setDisable(true);
        updateProgress();
    }

    private void reveal() {
        revealed = true;
        feedback.setText(I18n.t(answeredRight ? "lesson.predictRight" : "lesson.predictWrong", committed)
                + explanation());
    }

    private String explanation() {
        Lesson.Question q = step().question();
        if (q instanceof Lesson.ChoiceQuestion c) {
            return "\n" + I18n.t("lesson.correctChoice", c.options().in(language()).get(c.correct()));
        }
        return answer == null ? "" : "\n" + answer.explanation().in(language());
    }

    private void finish() {
        remember();
        locks.set(Set.of());
        stepComparisons = List.of();
        options.comparisons.set(List.of());
        header.getChildren().clear();
        body.getChildren().setAll(new Label(I18n.t("lesson.done", lesson.title().in(language()))));
        lesson = null;
        next = null;
    }

    private void showIntro() {
        Label intro = new Label(I18n.t("lesson.intro"));
        intro.setWrapText(true);
        body.getChildren().setAll(intro);
    }

    // --- remembering ---

    private void remember() {
        if (lesson != null) {
            org.fedstep.app.prefs.AppPreferences.shared().setLessonStep(lesson.id(), stepIndex);
        }
    }

    private static int savedStep(Lesson l) {
        return org.fedstep.app.prefs.AppPreferences.shared().lessonStep(l.id(), 0);
    }

    private static String language() {
        return I18n.isChinese() ? "zh" : Locale.ENGLISH.getLanguage();
    }
}
