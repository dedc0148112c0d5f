package org.fedstep.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fedstep.core.data.DataFileException;
import org.fedstep.core.data.DataSets;
import org.fedstep.core.data.FederatedData;
import org.fedstep.core.fl.Divergence;
import org.fedstep.core.fl.RoundEngine;
import org.fedstep.core.fl.RoundSummary;
import org.fedstep.core.model.Params;
import org.fedstep.core.privacy.PrivacySweep;
import org.fedstep.core.settings.PrivacySettings;
import org.fedstep.core.settings.DatasetSettings;
import org.fedstep.core.settings.InvalidSettingsException;
import org.fedstep.core.settings.Settings;
import org.fedstep.core.settings.SettingsValidator;
import org.fedstep.io.AtomicFiles;
import org.fedstep.lesson.Answers;
import org.fedstep.lesson.HomeworkPack;
import org.fedstep.lesson.LessonException;
import org.fedstep.lesson.LessonLoader;
import org.fedstep.lesson.LessonRun;
import org.fedstep.io.BadFileException;
import org.fedstep.io.Exports;
import org.fedstep.io.SettingsFiles;

/**
 * The headless runner: {@code fedstep run --config FILE [--rounds N] [--seed S] --out DIR}. It computes exactly what
 * the app computes for the same settings and writes the exports of docs/exports.md.
 * Exit codes: 0 done; 2 bad arguments, settings or data (nothing written); 3 the run diverged (everything up to the
 * divergence written); 1 a file could not be written.
 */
public final class Runner {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;
    public static final int DIVERGED = 3;

    static final String USAGE = """
            Usage: fedstep run --config FILE [--rounds N] [--seed S] --out DIR
                   fedstep run --lesson DIR [--seed S] --out DIR
                   fedstep run --homework (--lesson DIR | --config FILE) [--seed S] --out DIR
                   fedstep run --sweep-noise Z1,Z2,... [--repeats N] --config FILE [--rounds N] [--seed S] --out DIR
                   fedstep run --help

            Runs federated learning headless, with the settings in FILE (docs/config.md), and writes to DIR:
              config.json        the effective settings, runnable again
              data.csv           client,split,x,y: every client's rows (original units)
              clients.csv        each client's size, x range, own least-squares line
              rounds.csv         the global model, losses and distance to the optimum per round (0 = start)
              client_rounds.csv  per round and client: selected, uploaded, n_k, p_k, models, local losses
              baselines.csv      centralised least squares, centralised training and local-only training
              session.json       everything; opens in the FedStep app
            (docs/exports.md describes every column.)

            Options:
              --config FILE   the settings file (JSON)
              --rounds N      run N rounds instead of the file's "rounds"
              --seed S        use seed S instead of the file's "seed"
              --out DIR       the folder to write to (created if needed; files in it are replaced)
              --homework      write a homework pack instead: config.json, data.csv and data/client-K.csv,
                              worksheet.en/zh.md and .html (questions, blank answers), answers.en/zh.md
                              (the answer key, computed by the engine); a different --seed gives each
                              student different data and answers
              --lesson DIR    run a lesson: every settings its steps use and every run they compare with,
                              each exported as above in DIR/run-1/, run-2/, ...; and the lesson as a script,
                              DIR/lesson.en.md and lesson.zh.md: each step's text with its numbers, its run
                              and its question with the engine's answer.
                              With --homework: the questions of this lesson folder (without --lesson, a
                              standard set of FedAvg questions on the --config settings)
              --sweep-noise Z1,Z2,...
                              the privacy-utility trade-off: the run once per noise multiplier z (or
                              "default": 0.3,0.5,0.7,1,1.5,2,3,5) and once without noise, all with the same
                              data; writes config.json and sweep.csv (epsilon after the last round, the mean
                              and spread of the final losses and of the distance to the least-squares line).
                              Settings without noise get central noise on updates clipped to S = 1 (or their
                              own clipping), with equal weights
              --repeats N     with --sweep-noise: runs per multiplier, seeds S, S+1, ... on the same data
                              (default 5), so that one lucky draw of the noise does not make the curve
              --help          show this text

            Exit codes: 0 done, 1 a file could not be written, 2 bad arguments, settings or data
            (nothing is written), 3 the run diverged (the rounds before it are written).
            """;

    private final PrintStream out;
    private final PrintStream err;

    public Runner(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new Runner(System.out, System.err).run(args));
    }

    /** Runs with the arguments after "run"; returns the exit code. */
    public int run(String[] args) {
        try {
            return runChecked(args);
        } catch (RuntimeException e) {
            // a bug, not a user's mistake: say so plainly instead of a bare stack trace
            err.println("fedstep run: unexpected error (please report it): " + e);
            return FAILED;
        }
    }

    private int runChecked(String[] args) {
        Path config = null;
        Path dir = null;
        Integer rounds = null;
        Long seed = null;
        boolean homework = false;
        Path lesson = null;
        List<Double> sweep = null;
        int repeats = PrivacySweep.DEFAULT_REPEATS;
        boolean repeatsGiven = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                out.print(USAGE);
                return OK;
            }
            if (a.equals("--homework")) {
                homework = true;
                continue;
            }
            if (!a.equals("--config") && !a.equals("--out") && !a.equals("--rounds") && !a.equals("--seed")
                    && !a.equals("--lesson") && !a.equals("--sweep-noise") && !a.equals("--repeats")) {
                return usage("unknown option \"" + a + "\"");
            }
            if (i + 1 >= args.length) {
                return usage(a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--config" -> config = Path.of(v);
                case "--out" -> dir = Path.of(v);
                case "--lesson" -> lesson = Path.of(v);
                case "--repeats" -> {
                    try {
                        repeats = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        return usage("--repeats must be a whole number (found \"" + v + "\")");
                    }
                    if (repeats < 1 || repeats > 100) {
                        return usage("--repeats must be from 1 to 100 (found " + v + ")");
                    }
                    repeatsGiven = true;
                }
                case "--sweep-noise" -> {
                    sweep = PrivacySweep.parseMultipliers(v);
                    if (sweep == null) {
                        return usage("--sweep-noise takes noise multipliers of at least 0 separated by commas, e.g."
                                + " 0.5,1,2, or \"default\" (found \"" + v + "\")");
                    }
                }
                case "--rounds" -> {
                    try {
                        rounds = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        return usage("--rounds must be a whole number (found \"" + v + "\")");
                    }
                    if (rounds < 0 || rounds > SettingsValidator.MAX_ROUNDS) {
                        return usage("--rounds must be from 0 to " + SettingsValidator.MAX_ROUNDS + " (found " + v + ")");
                    }
                }
                default -> {
                    try {
                        seed = Long.parseLong(v);
                    } catch (NumberFormatException e) {
                        return usage("--seed must be a whole number (found \"" + v + "\")");
                    }
                }
            }
        }
        if (repeatsGiven && sweep == null) {
            return usage("--repeats goes with --sweep-noise");
        }
        if (sweep != null && (homework || lesson != null)) {
            return usage("--sweep-noise runs a settings file: leave out --homework and --lesson");
        }
        if (homework) {
            return homework(lesson, config, seed, dir);
        }
        if (lesson != null) {
            if (config != null || rounds != null) {
                return usage("--lesson takes its settings from the lesson: leave out --config and --rounds");
            }
            return lesson(lesson, seed, dir);
        }
        if (config == null || dir == null) {
            return usage("--config and --out are required");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            return fail(BAD_INPUT, "--out " + dir + " is a file, not a folder");
        }

        Settings settings;
        FederatedData data;
        try {
            settings = SettingsFiles.read(config);
            if (rounds != null) {
                settings = settings.withRounds(rounds);
            }
            if (seed != null) {
                settings = settings.withSeed(seed);
            }
            Path base = config.toAbsolutePath().getParent();
            data = DataSets.build(settings, base);
            settings = runnableFromAnywhere(DataSets.effective(settings, data), base);
        } catch (BadFileException | DataFileException e) {
            return fail(BAD_INPUT, e.getMessage());
        } catch (InvalidSettingsException e) {
            return fail(BAD_INPUT, config.getFileName() + ": " + String.join("; ", e.problems()));
        }

        if (sweep != null) {
            return sweep(config, settings, data, sweep, repeats, dir);
        }

        RoundEngine engine;
        try {
            engine = new RoundEngine(settings, data);
        } catch (InvalidSettingsException e) {
            return fail(BAD_INPUT, config.getFileName() + ": " + String.join("; ", e.problems()));
        }
        if (settings.rounds() > 0 && engine.canStepForward()) {
            engine.runRounds(settings.rounds());
        }
        try {
            Exports.writeAll(engine, settings, dir);
        } catch (IOException e) {
            return fail(FAILED, "could not write the results to " + dir + ": " + AtomicFiles.reason(e));
        }
        RoundSummary last = engine.history().get(engine.completedRounds());
        Divergence d = engine.divergence();
        Params finalModel = engine.units().toOriginal(last.global());
        StringBuilder higher = new StringBuilder();
        for (int j = 2; j <= finalModel.degree(); j++) {
            higher.append(", w").append(j).append(" = ").append(finalModel.coefficient(j));
        }
        out.printf(Locale.ROOT, "%s: %d clients, %d rounds of %s; final w = %s, b = %s%s, train loss %s%n",
                data.title(), data.clientCount(), engine.completedRounds(), engine.strategyKey(),
                finalModel.w(), finalModel.b(), higher, last.trainLoss());
        if (data.skippedRows() > 0) {
            boolean one = data.skippedRows() == 1;
            out.printf(Locale.ROOT, "%d %s of the data file %s skipped (missing or non-numeric values)%n",
                    data.skippedRows(), one ? "row" : "rows", one ? "was" : "were");
        }
        out.println("wrote " + String.join(", ", Exports.FILES) + " to " + dir);
        if (d != null) {
            err.println("the run " + d.message() + "; the rounds before it are written");
            return DIVERGED;
        }
        return OK;
    }

    private int sweep(Path config, Settings settings, FederatedData data, List<Double> multipliers, int repeats,
                      Path dir) {
        PrivacySweep.Result result;
        try {
            Settings base = PrivacySweep.baseOf(settings);
            result = PrivacySweep.run(base, data, multipliers, repeats, null);
        } catch (InvalidSettingsException e) {
            return fail(BAD_INPUT, config.getFileName() + ": --sweep-noise needs settings that can take noise: "
                    + String.join("; ", e.problems()));
        }
        try {
            Exports.writeSweep(result, dir);
        } catch (IOException e) {
            return fail(FAILED, "could not write the sweep to " + dir + ": " + AtomicFiles.reason(e));
        }
        PrivacySettings p = result.base().privacyOrOff();
        out.printf(Locale.ROOT, "privacy-utility sweep: %d settings x %d runs of %d rounds, %s noise on updates clipped"
                + " to S = %s, delta = %s%n", multipliers.size() + 1, repeats, result.base().rounds(), p.noise(),
                p.clipNorm(), p.delta());
        out.printf(Locale.ROOT, "%8s %10s %22s %22s%n", "z", "epsilon", "train loss (mean ± sd)",
                "distance to θ* (mean)");
        List<PrivacySweep.Point> rows = new ArrayList<>(result.points());
        rows.add(result.withoutNoise());
        for (int i = 0; i < rows.size(); i++) {
            PrivacySweep.Point pt = rows.get(i);
            boolean clean = i == rows.size() - 1;
            out.printf(Locale.ROOT, "%8s %10s %22s %22s%s%n", clean ? "no noise" : Double.toString(pt.noiseMultiplier()),
                    clean ? "∞" : String.format(Locale.ROOT, "%.4g", pt.epsilon()),
                    String.format(Locale.ROOT, "%.5g ± %.2g", pt.trainLoss(), pt.trainLossSd()),
                    String.format(Locale.ROOT, "%.5g", pt.distanceToOptimum()),
                    pt.diverged() > 0 ? "  (" + pt.diverged() + " of " + pt.runs() + " runs diverged)" : "");
        }
        out.println("wrote " + Exports.CONFIG + ", " + Exports.SWEEP + " to " + dir);
        return OK;
    }

    private int homework(Path lesson, Path config, Long seed, Path dir) {
        if (dir == null || (lesson == null) == (config == null)) {
            return usage("--homework needs --out and either --lesson DIR or --config FILE");
        }
        int code = writeLessonFiles(dir, "the homework pack", () -> {
            if (lesson != null) {
                HomeworkPack.write(LessonLoader.load(lesson), seed, dir);
            } else {
                Settings s = SettingsFiles.read(config);
                HomeworkPack.write(seed == null ? s : s.withSeed(seed), config.toAbsolutePath().getParent(), dir);
            }
        });
        if (code == OK) {
            out.println("wrote a homework pack (" + String.join(", ", HomeworkPack.FILES) + ", data/) to " + dir);
        }
        return code;
    }

    private int lesson(Path folder, Long seed, Path dir) {
        if (dir == null) {
            return usage("--lesson needs --out");
        }
        LessonRun.Written[] written = new LessonRun.Written[1];
        int code = writeLessonFiles(dir, "the lesson's runs", () -> written[0] = LessonRun.write(LessonLoader.load(folder),
                seed, dir));
        if (code != OK) {
            return code;
        }
        int n = written[0].runs().size();
        out.println("wrote " + n + " run" + (n == 1 ? "" : "s") + " (run-1" + (n > 1 ? " to run-" + n : "")
                + ") and the lesson's script (lesson.en.md, lesson.zh.md) to " + dir);
        for (int k : written[0].diverged()) {
            err.println("run-" + k + " diverged; the rounds before it are written (the lesson may mean it to)");
        }
        return OK;
    }

    /** Writes files made from a lesson or settings; says what went wrong, and how, as the exit code. */
    private interface LessonFiles {
        void write() throws IOException;
    }

    private int writeLessonFiles(Path dir, String what, LessonFiles files) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            return fail(BAD_INPUT, "--out " + dir + " is a file, not a folder");
        }
        try {
            files.write();
        } catch (LessonException | BadFileException | DataFileException | Answers.Unavailable e) {
            return fail(BAD_INPUT, e.getMessage());
        } catch (InvalidSettingsException e) {
            return fail(BAD_INPUT, String.join("; ", e.problems()));
        } catch (IOException e) {
            return fail(FAILED, "could not write " + what + " to " + dir + ": " + AtomicFiles.reason(e));
        }
        return OK;
    }

    /** A csv data set's path made absolute, so the written config.json runs from the output folder too. */
    private static Settings runnableFromAnywhere(Settings s, Path base) {
        DatasetSettings d = s.dataset();
        if (!DatasetSettings.CSV.equals(d.kind()) || Path.of(d.path()).isAbsolute()) {
            return s;
        }
        String absolute = base.resolve(d.path()).normalize().toString();
        return s.withDataset(new DatasetSettings(d.kind(), d.name(), d.title(), d.slope(), d.intercept(), d.noise(),
                d.noiseKind(), d.xMin(), d.xMax(), d.slopeSpread(), d.interceptSpread(), d.featureShift(),
                d.noiseSkew(), d.clientNoise(), absolute, d.xColumn(), d.yColumn(), d.groupColumn(), d.xLabel(),
                d.yLabel()));
    }

    private int usage(String problem) {
        err.println("fedstep run: " + problem);
        err.println("Try: fedstep run --help");
        return BAD_INPUT;
    }

    private int fail(int code, String message) {
        err.println("fedstep run: " + message);
        return code;
    }
}
