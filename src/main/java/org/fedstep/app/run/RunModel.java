package org.fedstep.app.run;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.fedstep.core.data.DataSets;
import org.fedstep.core.data.FederatedData;
import org.fedstep.core.fl.Position;
import org.fedstep.core.fl.RoundEngine;
import org.fedstep.core.fl.RunDivergedException;
import org.fedstep.core.settings.Settings;

/**
 * The app's hold on one run. The engine lives on a single worker thread, so the window never waits for it: every
 * command is queued there, and when it is done a new immutable {@link Snapshot} is published on the JavaFX thread.
 * Failures (a bad file, a divergence) go to the error handler with their message and complete the command's future
 * exceptionally; the run stays as it was.
 */
public final class RunModel {

    private final Executor worker;
    private final ReadOnlyObjectWrapper<Snapshot> snapshot = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final AtomicInteger queued = new AtomicInteger();
    private Consumer<String> errors = message -> { };

    // touched only on the worker thread
    private RoundEngine engine;
    private RunInfo info;

    /** A run whose engine works on its own daemon thread. */
    public RunModel() {
        this(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fedstep-engine");
            t.setDaemon(true);
            return t;
        }));
    }

    /** @param worker where engine work runs: one thread, in order (tests may pass a same-thread executor) */
    public RunModel(Executor worker) {
        this.worker = worker;
    }

    public ReadOnlyObjectProperty<Snapshot> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    public Snapshot snapshot() {
        return snapshot.get();
    }

    /** True while commands are waiting or running: play mode waits for it to clear before the next step. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public void onError(Consumer<String> handler) {
        this.errors = handler;
    }

    // --- starting a run ---

    /** Builds the data and a fresh run from settings; the current run stays if that fails. */
    public CompletableFuture<Snapshot> load(Settings settings, Path baseDir, Path source) {
        return submit(() -> {
            FederatedData data = DataSets.build(settings, baseDir);
            install(new RoundEngine(DataSets.effective(settings, data), data), source);
        });
    }

    /** Shows a run made elsewhere (an opened session). */
    public CompletableFuture<Snapshot> show(RoundEngine opened, Path source) {
        return submit(() -> install(opened, source));
    }

    /** The same settings and data from round 0. */
    public CompletableFuture<Snapshot> reset() {
        return submit(() -> install(new RoundEngine(engine.settings(), engine.data()), info.source()));
    }

    // --- moving ---

    public CompletableFuture<Snapshot> stepPhase() {
        return submit(() -> engine.stepPhase());
    }

    public CompletableFuture<Snapshot> stepRound() {
        return submit(() -> engine.stepRound());
    }

    public CompletableFuture<Snapshot> stepBack() {
        return submit(() -> engine.stepBack());
    }

    public CompletableFuture<Snapshot> goTo(Position p) {
        return submit(() -> engine.goTo(p));
    }

    public CompletableFuture<Snapshot> runRounds(int n) {
        return submit(() -> engine.runRounds(n));
    }

    /** Runs a read of the engine (saving, exporting) on its thread, in order with the steps. */
    public <T> CompletableFuture<T> withEngine(Function<RoundEngine, T> read) {
        CompletableFuture<T> result = new CompletableFuture<>();
        worker.execute(() -> {
            try {
                result.complete(read.apply(engine));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    public void shutdown() {
        if (worker instanceof ExecutorService service) {
            service.shutdownNow();
        }
    }

    // --- on the worker ---

    private CompletableFuture<Snapshot> submit(Runnable command) {
        CompletableFuture<Snapshot> done = new CompletableFuture<>();
        setBusy(queued.incrementAndGet() > 0);
        worker.execute(() -> {
            String error = null;
            try {
                command.run();
            } catch (RunDivergedException e) {
                error = e.getMessage();
            } catch (RuntimeException e) {
                error = e.getMessage() != null ? e.getMessage() : e.toString();
            }
            Snapshot s = engine == null ? null : capture();
            String message = error;
            Platform.runLater(() -> {
                if (s != null) {
                    snapshot.set(s);
                }
                setBusy(queued.decrementAndGet() > 0);
                if (message != null) {
                    errors.accept(message);
                    // callers that follow up on success (the window marking a loaded run as saved) must not
                    done.completeExceptionally(new IllegalStateException(message));
                } else {
                    done.complete(s);
                }
            });
        });
        return done;
    }

    private void setBusy(boolean b) {
        if (Platform.isFxApplicationThread()) {
            busy.set(b);
        } else {
            Platform.runLater(() -> busy.set(queued.get() > 0));
        }
    }

    private void install(RoundEngine e, Path source) {
        info = RunInfo.of(e, source);
        engine = e;
    }

    private Snapshot capture() {
        return Snapshot.of(engine, info);
    }
}
