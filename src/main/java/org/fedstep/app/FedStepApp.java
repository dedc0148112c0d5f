package org.fedstep.app;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import javafx.application.Application;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.stage.Stage;
import org.fedstep.core.data.ClientData;
import org.fedstep.core.data.DataSets;
import org.fedstep.core.fl.Phase;
import org.fedstep.core.fl.Position;
import org.fedstep.core.fl.RoundEngine;
import org.fedstep.core.model.Params;
import org.fedstep.core.settings.Settings;
import org.fedstep.io.SettingsFiles;

/**
 * The desktop window. For now it opens the source article's example and steps through the five phases, drawing each
 * client's points, the global line and the centralised least-squares line; the full app (setup, inspector, loop
 * diagram, charts, languages) is built on the same engine.
 */
public final class FedStepApp extends Application {

    /** Okabe-Ito: a palette that colour-blind viewers can tell apart. */
    static final Color[] CLIENT_COLOURS = {
        Color.web("#E69F00"), Color.web("#56B4E9"), Color.web("#009E73"), Color.web("#F0E442"),
        Color.web("#0072B2"), Color.web("#D55E00"), Color.web("#CC79A7"), Color.web("#999999")};

    private RoundEngine engine;
    private final Canvas canvas = new Canvas(900, 560);
    private final Label status = new Label();

    public static void launchApp(String[] args) {
        Application.launch(FedStepApp.class, args);
    }

    @Override
    public void start(Stage stage) throws IOException {
        engine = newEngine();
        Button nextPhase = new Button("Next phase");
        nextPhase.setOnAction(e -> step(() -> engine.stepPhase()));
        Button nextRound = new Button("Next round");
        nextRound.setOnAction(e -> step(() -> engine.stepRound()));
        Button back = new Button("Back one phase");
        back.setOnAction(e -> step(engine::stepBack));
        Button reset = new Button("Reset");
        reset.setOnAction(e -> {
            try {
                engine = newEngine();
            } catch (IOException ex) {
                status.setText(ex.getMessage());
            }
            redraw();
        });
        nextPhase.setId("nextPhase");
        nextRound.setId("nextRound");
        back.setId("back");
        reset.setId("reset");
        status.setId("status");
        HBox controls = new HBox(10, nextPhase, nextRound, back, reset);
        controls.setPadding(new Insets(10));
        status.setFont(Font.font(18));
        status.setPadding(new Insets(10));
        Pane plot = new Pane(canvas);
        canvas.widthProperty().bind(plot.widthProperty());
        canvas.heightProperty().bind(plot.heightProperty());
        canvas.widthProperty().addListener(o -> redraw());
        canvas.heightProperty().addListener(o -> redraw());
        BorderPane root = new BorderPane(plot, status, null, controls, null);
        stage.setTitle("FedStep");
        stage.setScene(new Scene(root, 1000, 700));
        stage.show();
        redraw();
    }

    private static RoundEngine newEngine() throws IOException {
        try (Reader r = new InputStreamReader(FedStepApp.class.getResourceAsStream("/sample-data/configs/article.json"),
                StandardCharsets.UTF_8)) {
            Settings s = SettingsFiles.parse("article.json", r);
            return new RoundEngine(s, DataSets.build(s, null));
        }
    }

    private void step(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            status.setText(e.getMessage());
            return;
        }
        redraw();
    }

    private void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, w, h);
        double xMin = 0;
        double xMax = 1;
        double yMin = 0;
        double yMax = 4.5;
        double pad = 50;
        java.util.function.DoubleUnaryOperator sx = x -> pad + (x - xMin) / (xMax - xMin) * (w - 2 * pad);
        java.util.function.DoubleUnaryOperator sy = y -> h - pad - (y - yMin) / (yMax - yMin) * (h - 2 * pad);
        for (int k = 0; k < engine.clientCount(); k++) {
            ClientData c = engine.data().client(k);
            g.setFill(CLIENT_COLOURS[k % CLIENT_COLOURS.length]);
            for (int i = 0; i < c.trainSize(); i++) {
                g.fillOval(sx.applyAsDouble(c.trainX(i)) - 3, sy.applyAsDouble(c.trainY(i)) - 3, 6, 6);
            }
        }
        Params opt = engine.optimum();
        g.setLineDashes(10, 8);
        g.setStroke(Color.GRAY);
        g.setLineWidth(2);
        g.strokeLine(sx.applyAsDouble(xMin), sy.applyAsDouble(opt.w() * xMin + opt.b()),
                sx.applyAsDouble(xMax), sy.applyAsDouble(opt.w() * xMax + opt.b()));
        g.setLineDashes();
        Params global = engine.units().toOriginal(engine.globalAtCursor());
        g.setStroke(Color.BLACK);
        g.setLineWidth(4);
        g.strokeLine(sx.applyAsDouble(xMin), sy.applyAsDouble(global.w() * xMin + global.b()),
                sx.applyAsDouble(xMax), sy.applyAsDouble(global.w() * xMax + global.b()));
        Position p = engine.position();
        String where = p.isStart() ? "Start: nothing has happened yet"
                : "Round " + p.round() + ", phase " + p.phase().number() + " of 5: " + phaseName(p.phase());
        status.setText(String.format(Locale.ROOT, "%s    global line: y_hat = %.4f * x + %.4f    (dashed: least squares)",
                where, global.w(), global.b()));
    }

    private static String phaseName(Phase p) {
        return switch (p) {
            case BROADCAST -> "broadcast";
            case LOCAL_TRAINING -> "local training";
            case UPLOAD -> "upload";
            case AGGREGATE -> "aggregate";
            case UPDATE -> "update";
        };
    }
}
