package org.fedstep.app.inspector;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.fedstep.app.run.RunInfo;
import org.fedstep.app.run.Snapshot;
import org.fedstep.core.data.ClientData;
import org.fedstep.core.data.FederatedData;
import org.fedstep.core.fl.Phase;
import org.fedstep.core.fl.Position;
import org.fedstep.core.fl.RoundEngine;
import org.fedstep.core.fl.RunDivergedException;
import org.fedstep.core.settings.BatchSize;
import org.fedstep.core.settings.ClientSettings;
import org.fedstep.core.settings.DatasetSettings;
import org.fedstep.core.settings.ModelSettings;
import org.fedstep.core.settings.Settings;
import org.fedstep.core.settings.SettingsValidator;
import org.fedstep.core.settings.StrategySettings;
import org.fedstep.core.settings.TrainingSettings;

/**
 * Real engines on hand-built federations, and snapshots made from them the way the run model makes them
 * (RunModel.install and capture), so the inspector's numbers can be checked against the core's records.
 */
final class TestRuns {

    String strategy = StrategySettings.FEDAVG;
    int[] sizes = {30, 50, 70, 100};
    int epochs = 2;
    BatchSize batch = BatchSize.FULL;
    double learningRate = 0.01;
    String optimizer = TrainingSettings.SGD;
    double fraction = 1.0;
    double dropout = 0.0;
    boolean standardize = false;
    long seed = 7;
    Double mu;
    String weighting;

    static TestRuns of(String strategy) {
        TestRuns r = new TestRuns();
        r.strategy = strategy;
        if (StrategySettings.FEDSGD.equals(strategy)) {
            r.epochs = 1;
        }
        return r;
    }

    TestRuns sizes(int... s) { sizes = s; return this; }
    TestRuns epochs(int e) { epochs = e; return this; }
    TestRuns batch(int b) { batch = BatchSize.of(b); return this; }
    TestRuns learningRate(double eta) { learningRate = eta; return this; }
    TestRuns optimizer(String o) { optimizer = o; return this; }
    TestRuns fraction(double c) { fraction = c; return this; }
    TestRuns dropout(double p) { dropout = p; return this; }
    TestRuns standardize() { standardize = true; return this; }
    TestRuns mu(double m) { mu = m; return this; }
    TestRuns weighting(String w) { weighting = w; return this; }

    /** Clients with different lines (non-IID), x on [0, 10), 3 test rows each. */
    FederatedData data() {
        Random r = new Random(11);
        List<ClientData> clients = new ArrayList<>();
        for (int k = 0; k < sizes.length; k++) {
            double slope = 2 + 0.3 * (k % 7);
            double intercept = 1 - 0.5 * (k % 5);
            double[][] train = rows(r, sizes[k], slope, intercept);
            double[][] test = rows(r, 3, slope, intercept);
            clients.add(new ClientData("Client " + (k + 1), train[0], train[1], test[0], test[1], null));
        }
        return new FederatedData("test", "x", "y", clients, 0);
    }

    private static double[][] rows(Random r, int n, double slope, double intercept) {
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 10 * r.nextDouble();
            y[i] = slope * x[i] + intercept + 0.5 * r.nextGaussian();
        }
        return new double[][] {x, y};
    }

    Settings settings() {
        return SettingsValidator.validate(new Settings(null, seed, 20, DatasetSettings.synthetic(2, 1, 0.5, 0, 10),
                ClientSettings.of(sizes.length, 10), null, new ModelSettings(0.0, 0.0, standardize),
                new TrainingSettings(epochs, batch, learningRate, optimizer, null, null, null, null),
                new StrategySettings(strategy, fraction, dropout, weighting, mu, null, null, null, null, null)));
    }

    RoundEngine engine() {
        return new RoundEngine(settings(), data());
    }

    /** An engine stepped to the given position (stopping early at a divergence). */
    RoundEngine at(int round, Phase phase) {
        RoundEngine e = engine();
        Position target = new Position(round, phase);
        try {
            while (e.position().compareTo(target) < 0 && e.canStepForward()) {
                e.stepPhase();
            }
        } catch (RunDivergedException stopped) {
            // the cursor stays on the phase where it diverged
        }
        return e;
    }

    Snapshot snapshotAt(int round, Phase phase) {
        return snapshot(at(round, phase));
    }

    /** As RunModel.install and RunModel.capture make it. */
    static Snapshot snapshot(RoundEngine e) {
        return Snapshot.of(e, RunInfo.of(e, null));
    }
}
