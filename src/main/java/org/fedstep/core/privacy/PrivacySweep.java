package org.fedstep.core.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.fedstep.core.data.FederatedData;
import org.fedstep.core.fl.RoundEngine;
import org.fedstep.core.fl.RoundSummary;
import org.fedstep.core.settings.PrivacySettings;
import org.fedstep.core.settings.Settings;
import org.fedstep.core.settings.SettingsValidator;
import org.fedstep.core.settings.StrategySettings;

/**
 * The privacy-utility trade-off: the same run repeated with each of several noise multipliers z, and for each the
 * privacy spent (epsilon at the run's delta after the last round) against what the model reached (final losses,
 * distance to the least-squares line). One noisy run is one draw of the noise, and a lucky draw can even help a run
 * that has not converged; so each z runs several times on the same data with seeds seed, seed + 1, ... (which change
 * the sampling, the shuffling and the noise, not the data), and the sweep reports the mean and the spread. The same
 * seeds serve every z, so the comparison between multipliers shares its randomness.
 */
public final class PrivacySweep {

    /** A usual grid, from little noise (much privacy spent) to much noise. */
    public static final List<Double> DEFAULT_MULTIPLIERS = List.of(0.3, 0.5, 0.7, 1.0, 1.5, 2.0, 3.0, 5.0);
    /** Runs per multiplier unless asked otherwise. */
    public static final int DEFAULT_REPEATS = 5;

    private PrivacySweep() { }

    /**
     * Noise multipliers as a person writes them: "0.5, 1, 2" (commas, semicolons or spaces between) or "default" for
     * {@link #DEFAULT_MULTIPLIERS}; null when a part is not a number of at least 0, or there is none.
     */
    public static List<Double> parseMultipliers(String text) {
        if (text.trim().equals("default")) {
            return DEFAULT_MULTIPLIERS;
        }
        List<Double> out = new ArrayList<>();
        for (String part : text.split("[,;\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                double z = Double.parseDouble(part.trim());
                if (!(z >= 0) || Double.isInfinite(z)) {
                    return null;
                }
                out.add(z);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return out.isEmpty() ? null : out;
    }

    /**
     * The runs with one noise multiplier.
     *
     * @param noiseMultiplier z
     * @param epsilon         after the last completed round, the largest over the runs (infinite for z = 0)
     * @param runs            how many runs (seeds) were made
     * @param diverged        how many of them diverged; the means are over the others (NaN when all diverged)
     * @param trainLoss       the mean final training loss
     * @param trainLossSd     its standard deviation over the runs (0 for one run)
     * @param testLoss        the mean final test loss (NaN without test rows)
     * @param distanceToOptimum the mean final distance to the least-squares line
     * @param distanceSd      its standard deviation
     */
    public record Point(double noiseMultiplier, double epsilon, double delta, int rounds, int runs, int diverged,
                        double trainLoss, double trainLossSd, double testLoss, double distanceToOptimum,
                        double distanceSd) { }
    /** The sweep's answer: its points, in the order of the multipliers, and the run without noise to compare with. */
    public record Result(Settings base, List<Point> points, Point withoutNoise, double optimumLoss) {

        public Result {
            points = List.copyOf(points);
        }
    }

    /**
     * The settings a sweep varies: these settings when they add noise; otherwise the same run made private the
     * simplest way, central noise on the clipped updates (fixed clipping at S = 1 unless the settings clip already)
     * with equal weights, which central noise needs. Validated.
     *
     * @throws org.fedstep.core.settings.InvalidSettingsException when the run cannot take central noise (a strategy
     *                                                             that does not average, such as SCAFFOLD or the
     *                                                             robust rules), with the reason
     */
    public static Settings baseOf(Settings s) {
        PrivacySettings p = s.privacyOrOff();
        if (p.noisy()) {
            return SettingsValidator.validate(s);
        }
        boolean clips = p.clips();
        PrivacySettings made = new PrivacySettings(clips ? p.clipping() : PrivacySettings.FIXED,
                clips ? p.clipNorm() : Double.valueOf(1.0), p.targetQuantile(), p.clipLearningRate(),
                PrivacySettings.CENTRAL, 1.0, null);
        StrategySettings st = s.strategy();
        StrategySettings uniform = new StrategySettings(st.kind(), st.clientFraction(), st.dropoutProbability(),
                StrategySettings.WEIGHT_UNIFORM, st.mu(), st.serverLearningRate(), st.serverMomentum(), st.beta1(),
                st.beta2(), st.tau(), st.trim(), st.byzantine(), st.selected());
        return SettingsValidator.validate(s.withPrivacy(made).withStrategy(uniform));
    }

    /** The settings with another noise multiplier z. */
    public static Settings withMultiplier(Settings base, double z) {
        PrivacySettings p = base.privacyOrOff();
        return base.withPrivacy(new PrivacySettings(p.clipping(), p.clipNorm(), p.targetQuantile(),
                p.clipLearningRate(), p.noise(), z, p.delta()));
    }

    /**
     * Runs the base settings once per multiplier, and once without noise (clipping kept), each for its rounds.
     *
     * @param base        settings from {@link #baseOf}
     * @param data        the federation they run on
     * @param multipliers the z values, each at least 0
     * @param repeats     runs per multiplier, with seeds seed, seed + 1, ...
     * @param progress    told the number of runs finished so far (of (multipliers.size() + 1) * repeats); may be null
     */
    public static Result run(Settings base, FederatedData data, List<Double> multipliers, int repeats,
                             IntConsumer progress) {
        if (repeats < 1) {
            throw new IllegalArgumentException("a sweep needs at least one run per multiplier (found " + repeats + ")");
        }
        int[] done = {0};
        IntConsumer each = progress == null ? n -> { } : n -> progress.accept(++done[0]);
        List<Point> points = new ArrayList<>();
        for (double z : multipliers) {
            if (!(z >= 0) || Double.isInfinite(z)) {
                throw new IllegalArgumentException("a noise multiplier must be a number of at least 0 (found " + z
                        + ")");
            }
            points.add(point(withMultiplier(base, z), data, z, repeats, each));
        }
        PrivacySettings p = base.privacyOrOff();
        Settings clean = base.withPrivacy(new PrivacySettings(p.clipping(), p.clipNorm(), p.targetQuantile(),
                p.clipLearningRate(), PrivacySettings.NONE, null, null));
        Point without = point(clean, data, 0, repeats, each);
        RoundEngine probe = new RoundEngine(base, data);
        return new Result(base, points, without, probe.optimum() == null ? Double.NaN
                : org.fedstep.core.model.Mse.loss(probe.optimum(), data.pooledTrainX(), data.pooledTrainY()));
    }

    private static Point point(Settings s, FederatedData data, double z, int repeats, IntConsumer each) {
        double epsilon = 0;
        int rounds = Integer.MAX_VALUE;
        int diverged = 0;
        double[] train = new double[repeats];
        double[] test = new double[repeats];
        double[] distance = new double[repeats];
        int ok = 0;
        for (int r = 0; r < repeats; r++) {
            RoundEngine e = new RoundEngine(s.withSeed(s.seed() + r), data);
            if (s.rounds() > 0) {
                e.runRounds(s.rounds());
            }
            int done = e.completedRounds();
            rounds = Math.min(rounds, done);
            epsilon = Math.max(epsilon, e.privacyAfter(done).epsilon());
            if (e.divergence() != null) {
                diverged++;
            } else {
                RoundSummary last = e.summary(done);
                train[ok] = last.trainLoss();
                test[ok] = last.testLoss();
                distance[ok] = last.distanceToOptimum();
                ok++;
            }
            each.accept(r);
        }
        return new Point(z, epsilon, s.privacyOrOff().noisy() ? s.privacyOrOff().delta() : Double.NaN, rounds, repeats,
                diverged, mean(train, ok), sd(train, ok), mean(test, ok), mean(distance, ok), sd(distance, ok));
    }

    private static double mean(double[] v, int n) {
        if (n == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += v[i];
        }
        return sum / n;
    }

    /** The sample standard deviation (n - 1), 0 for one value. */
    private static double sd(double[] v, int n) {
        if (n < 2) {
            return n == 1 ? 0 : Double.NaN;
        }
        double m = mean(v, n);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += (v[i] - m) * (v[i] - m);
        }
        return Math.sqrt(sum / (n - 1));
    }
}
