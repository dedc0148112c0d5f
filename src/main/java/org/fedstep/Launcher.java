package org.fedstep;

import java.util.Arrays;
import org.fedstep.cli.Runner;

/**
 * The jar's entry point. A plain class (not a JavaFX Application), so that "java -jar fedstep.jar" can start the
 * desktop app from the class path; "run ..." starts the headless runner without touching JavaFX at all.
 */
public final class Launcher {

    private Launcher() { }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("run")) {
            System.exit(new Runner(System.out, System.err).run(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println("Usage: fedstep [--lang=en|zh] [--preset=NAME] [--projector]   start the desktop app");
            System.out.println("       fedstep run ...    run headless (fedstep run --help)");
            return;
        }
        org.fedstep.app.FedStepApp.launchApp(args);
    }
}
