package org.fedstep.bench;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.fedstep.app.MainWindow;
import org.fedstep.app.i18n.I18n;
import org.fedstep.app.run.RunModel;
import org.fedstep.app.run.Snapshot;
import org.fedstep.core.settings.Settings;
import org.fedstep.io.SettingsFiles;

/**
 * How fast the window follows the run with 100 clients x 1,000 points (E = 5, B = 32), headless under Monocle with the
 * software renderer. For each "next phase" and "next round" it measures, and reports the median and the worst of:
 * <ul>
 *   <li>the engine's time on its worker thread, from the command to the snapshot reaching the JavaFX thread;</li>
 *   <li>the JavaFX thread's work for one step: every view updating and recording its canvas drawing;</li>
 *   <li>a full render of the window to an image (software rendering plus reading the pixels back: an upper bound
 *   for what a graphics card does in a frame).</li>
 * </ul>
 * Run with {@code ./mvnw -q -Pbench test-compile exec:exec -Dbench.main=org.fedstep.bench.UiBenchmark}.
 */
public final class UiBenchmark {

    private static final int STEPS = 40;

    private UiBenchmark() { }

    public static void main(String[] args) throws Exception {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("prism.text", "t2k");
        System.setProperty("headless.geometry", "1600x1000-32");
        System.setProperty("fedstep.config.dir", System.getProperty("java.io.tmpdir") + "/fedstep-bench-config");
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();

        Settings settings = SettingsFiles.parse("benchmark", new StringReader("""
                { "seed": 1, "dataset": { "kind": "synthetic-linear", "slope": 2, "intercept": 1, "noise": 0.5,
                    "xMin": 0, "xMax": 1, "featureShift": 0.6 },
                  "clients": { "count": 100, "samplesPerClient": 1000, "testFraction": 0 },
                  "training": { "localEpochs": 5, "batchSize": 32, "learningRate": 0.05, "optimizer": "sgd" },
                  "strategy": { "kind": "fedavg", "clientFraction": 1.0 } }"""));

        RunModel model = new RunModel();
        long[] published = new long[1];
        long[] shown = new long[1];
        // registered before and after the window's own listener: the difference is the window's work for a step
        model.snapshotProperty().addListener((o, a, b) -> published[0] = System.nanoTime());
        Stage[] stage = new Stage[1];
        onFx(() -> {
            I18n.use(Locale.ENGLISH, false);
            stage[0] = new Stage();
            new MainWindow(stage[0], model).open();
            return null;
        });
        model.snapshotProperty().addListener((o, a, b) -> shown[0] = System.nanoTime());
        model.load(settings, null, null).get(60, TimeUnit.SECONDS);
        settle();

        System.out.printf(Locale.ROOT, "FedStep window benchmark: Java %s, %d processors, Monocle headless, software "
                + "rendering, window %.0f x %.0f%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), stage[0].getScene().getWidth(),
                stage[0].getScene().getHeight());
        System.out.println("100 clients x 1,000 points, E = 5, B = 32; " + STEPS + " steps of each kind, after "
                + "warm-up; medians (worst)");
        measure("next phase", model, stage[0].getScene(), published, shown, RunModel::stepPhase);
        measure("next round", model, stage[0].getScene(), published, shown, RunModel::stepRound);
        Platform.exit();
        System.exit(0);
    }

    private static void measure(String what, RunModel model, Scene scene, long[] published, long[] shown,
                                Function<RunModel, CompletableFuture<Snapshot>> step) throws Exception {
        for (int i = 0; i < 10; i++) { // warm-up
            step.apply(model).get(60, TimeUnit.SECONDS);
            settle();
        }
        List<Double> engine = new ArrayList<>();
        List<Double> fx = new ArrayList<>();
        List<Double> render = new ArrayList<>();
        for (int i = 0; i < STEPS; i++) {
            long t0 = System.nanoTime();
            step.apply(model).get(60, TimeUnit.SECONDS);
            engine.add((published[0] - t0) / 1e6);
            fx.add((shown[0] - published[0]) / 1e6);
            render.add(onFx(() -> {
                long r0 = System.nanoTime();
                scene.snapshot(null);
                return (System.nanoTime() - r0) / 1e6;
            }));
        }
        System.out.printf(Locale.ROOT, "  %-10s engine %6.2f ms (%6.2f)   window update %6.2f ms (%6.2f)   full render "
                        + "%6.2f ms (%6.2f)%n", what, median(engine), max(engine), median(fx), max(fx),
                median(render), max(render));
    }

    /** Lets pending pulses and animations pass. */
    private static void settle() throws Exception {
        onFx(() -> null);
        Thread.sleep(50);
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> task) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(task.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(60, TimeUnit.SECONDS);
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
