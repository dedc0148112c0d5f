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
            System.out.println("Usage: fedstep [--lang=en|zh] [--preset=NAME] [--projector] [--lesson=ID [--step=N]]");
            System.out.println("                           start the desktop app (a lesson at a step, if asked)");
            System.out.println("       fedstep run ...     run headless (fedstep run --help)");
            System.out.println("       fedstep --version   print the version");
            return;
        }
        if (args.length > 0 && args[0].equals("--version")) {
            System.out.println("FedStep " + org.fedstep.io.Version.current());
            return;
        }
        org.fedstep.app.FedStepApp.launchApp(args);
    }
}
