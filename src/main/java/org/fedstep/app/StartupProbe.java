package org.fedstep.app;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;

/**
 * Measures a cold start: the time from the process's start to the first frame drawn with the start run on screen,
 * printed on one line, after which the app quits. installers/linux/measure-startup.sh runs the packaged app with
 * {@link FedStepApp#STARTUP_FLAG} several times and reports the median.
 */
final class StartupProbe {

    private StartupProbe() { }

    /** @param ready whether the window shows a run (the start preset has loaded) */
    static void reportFirstFrameAndExit(BooleanSupplier ready) {
        Instant started = ProcessHandle.current().info().startInstant().orElse(null);
        new AnimationTimer() {
            private boolean seenReady;

            @Override
            public void handle(long now) {
                if (!ready.getAsBoolean()) {
                    return;
                }
                if (!seenReady) {
                    // the pulse after this one draws the frame that shows the run
                    seenReady = true;
                    return;
                }
                stop();
                long ms = started == null ? -1 : Duration.between(started, Instant.now()).toMillis();
                System.out.printf(Locale.ROOT, "FedStep first frame: %d ms after the process started%n", ms);
                System.out.flush();
                Platform.exit();
            }
        }.start();
    }
}
