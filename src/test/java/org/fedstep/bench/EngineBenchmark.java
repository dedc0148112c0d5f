package org.fedstep.bench;

import java.io.IOException;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Arrays;
import java.util.Locale;
import org.fedstep.core.data.DataSets;
import org.fedstep.core.data.FederatedData;
import org.fedstep.core.fl.RoundEngine;
import org.fedstep.core.settings.Settings;
import org.fedstep.io.SettingsFiles;

/**
 * Speed and memory of the round engine, for README's "Benchmarks" section. Not a test: these machines are shared and
 * noisy, so it repeats every measurement and reports the median, and nothing fails on a number.
 *
 * <p>Run with {@code ./mvnw -q -Pbench test-compile exec:exec}. A sample-step is one row's contribution to one
 * gradient step (so a client with n rows and E epochs does E * n sample-steps per round, whatever the batch size).
 */
public final class EngineBenchmark {

    private static final int REPEATS = 9;
    private static final int WARMUP = 10;

    private EngineBenchmark() { }

    public static void main(String[] args) throws IOException {
        System.out.printf(Locale.ROOT, "FedStep engine benchmark: Java %s, %s %s, %d processors, max heap %d MB%n",
                System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);

        speed("(a) article preset: 10 clients x 100, E = 1, full batch, FedAvg", settings("""
                { "seed": 0, "dataset": { "kind": "synthetic-linear", "slope": 2, "intercept": 1, "noise": 1,
                    "noiseKind": "uniform", "xMin": 0, "xMax": 1 },
                  "clients": { "count": 10, "samplesPerClient": 100, "testFraction": 0 },
                  "training": { "localEpochs": 1, "batchSize": "full", "learningRate": 0.01, "optimizer": "sgd" },
                  "strategy": { "kind": "fedavg", "clientFraction": 1.0 } }"""), 2_000);

        speed("(b) 100 clients x 1,000, E = 5, B = 32, FedAvg", settings("""
                { "seed": 1, "dataset": { "kind": "synthetic-linear", "slope": 2, "intercept": 1, "noise": 0.5,
                    "xMin": 0, "xMax": 1 },
                  "clients": { "count": 100, "samplesPerClient": 1000, "testFraction": 0 },
                  "training": { "localEpochs": 5, "batchSize": 32, "learningRate": 0.05, "optimizer": "sgd" },
                  "strategy": { "kind": "fedavg", "clientFraction": 1.0 } }"""), 20);

        // the same federation with a cubic: four coordinates per gradient, the powers of x computed per row
        speed("(c) as (b), model.degree 3 (standardised)", settings("""
                { "seed": 1, "dataset": { "kind": "synthetic-linear", "slope": 2, "intercept": 1, "noise": 0.5,
                    "xMin": 0, "xMax": 1 },
                  "clients": { "count": 100, "samplesPerClient": 1000, "testFraction": 0 },
                  "model": { "degree": 3 },
                  "training": { "localEpochs": 5, "batchSize": 32, "learningRate": 0.01, "optimizer": "sgd" },
                  "strategy": { "kind": "fedavg", "clientFraction": 1.0 } }"""), 20);

        memory();
    }

    private static Settings settings(String json) throws IOException {
        return SettingsFiles.parse("benchmark", new StringReader(json)); // fills defaults and validates
    }

    /** Rounds per second and ns per sample-step of runRounds, and the cost of one fully recorded stepRound. */
    private static void speed(String title, Settings s, int roundsPerRun) {
        FederatedData data = DataSets.build(s, null);
        long sampleSteps = (long) s.training().localEpochs() * data.trainSize() * roundsPerRun;
        // warm up the JIT on the same code paths, recorded rounds included (their first use recompiles the trainer)
        for (int i = 0; i < WARMUP; i++) {
            RoundEngine warm = new RoundEngine(s, data);
            warm.runRounds(roundsPerRun);
            warm.stepRound();
        }
        double[] seconds = new double[REPEATS];
        double[] stepRoundMs = new double[REPEATS];
        for (int r = 0; r < REPEATS; r++) {
            RoundEngine engine = new RoundEngine(s, data);
            long t0 = System.nanoTime();
            engine.runRounds(roundsPerRun);
            seconds[r] = (System.nanoTime() - t0) / 1e9;
            // one more round as the app steps it: every phase record, every client's path
            long t1 = System.nanoTime();
            engine.stepRound();
            stepRoundMs[r] = (System.nanoTime() - t1) / 1e6;
        }
        double sec = median(seconds);
        System.out.printf(Locale.ROOT, "%n%s%n", title);
        System.out.printf(Locale.ROOT, "  runRounds(%d): median %.3f s (min %.3f, max %.3f) over %d runs%n",
                roundsPerRun, sec, min(seconds), max(seconds), REPEATS);
        System.out.printf(Locale.ROOT, "  %.0f rounds/s, %.2f ns per sample-step (%d sample-steps per round)%n",
                roundsPerRun / sec, sec * 1e9 / sampleSteps, sampleSteps / roundsPerRun);
        System.out.printf(Locale.ROOT, "  one stepRound with all phase records and client paths: median %.2f ms%n",
                median(stepRoundMs));
        System.out.printf(Locale.ROOT, "  every run (s): %s%n", Arrays.toString(seconds));
    }

    /** Heap held by a history of 10,000 rounds of 100 clients (20 rows each; the history does not grow with rows). */
    private static void memory() throws IOException {
        Settings s = settings("""
                { "seed": 2, "dataset": { "kind": "synthetic-linear", "slope": 2, "intercept": 1, "noise": 0.5,
                    "xMin": 0, "xMax": 1 },
                  "clients": { "count": 100, "samplesPerClient": 20, "testFraction": 0.2 },
                  "training": { "localEpochs": 1, "batchSize": "full", "learningRate": 0.05, "optimizer": "sgd" },
                  "strategy": { "kind": "fedavg", "clientFraction": 1.0 } }""");
        FederatedData data = DataSets.build(s, null);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        RoundEngine empty = new RoundEngine(s, data);
        long before = usedAfterGc(memory);
        RoundEngine engine = new RoundEngine(s, data);
        engine.runRounds(10_000);
        long after = usedAfterGc(memory);
        System.out.printf(Locale.ROOT, "%nHistory of %d rounds x %d clients: %.1f MB of heap (engine with its data "
                        + "and history, after GC)%n", engine.completedRounds(), engine.clientCount(),
                (after - before) / 1048576.0);
        // keep both engines reachable until measured
        if (empty.completedRounds() < 0 || engine.history().isEmpty()) {
            System.out.println();
        }
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }
}
