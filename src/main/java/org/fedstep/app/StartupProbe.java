package org.fedstep.app;

import java.util.Locale;
import java.util.function.BooleanSupplier;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;

/**
 * Measures a cold start: prints, on one line, the wall-clock time (milliseconds since the epoch) of the first frame
 * drawn with the start run on screen, and quits. installers/linux/measure-startup.sh notes the time just before it
 * starts the packaged app with {@link FedStepApp#STARTUP_FLAG}, so the difference is the whole cold start, launcher and
 * JVM included. (The process's own start time is no help: Linux gives it to the second.)
 */
final class StartupProbe {

    private StartupProbe() { }

    /** @param ready whether the window shows a run (the start preset has loaded) */
    static void reportFirstFrameAndExit(BooleanSupplier ready) {
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
                System.out.printf(Locale.ROOT, "FedStep first frame at %d ms since the epoch%n",
                        System.currentTimeMillis());
                System.out.flush();
                Platform.exit();
            }
        }.start();
    }
}
