package org.fedstep.core.fl;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.fedstep.core.data.ClientData;
import org.fedstep.core.data.FederatedData;
import org.fedstep.core.model.Params;
import org.fedstep.core.settings.BatchSize;
import org.fedstep.core.settings.ClientSettings;
import org.fedstep.core.settings.DatasetSettings;
import org.fedstep.core.settings.ModelSettings;
import org.fedstep.core.settings.Settings;
import org.fedstep.core.settings.SettingsValidator;
import org.fedstep.core.settings.StrategySettings;
import org.fedstep.core.settings.TrainingSettings;

/**
 * Hand-built settings and federations for the round-engine tests, and the reference arithmetic the tests compare the
 * engine with. The reference arithmetic is written here from DESIGN.md's formulas with plain loops, and uses nothing
 * from the code under test (no Mse, LeastSquares, LocalTrainer or Standardization):
 * J = (1/n) sum (w x + b - y)^2, dJ/dw = (2/n) sum (w x + b - y) x, dJ/db = (2/n) sum (w x + b - y).
 */
final class EngineFixtures {

    private EngineFixtures() { }

    // ------------------------------------------------------------------ data

    /**
     * A federation whose clients hold the given numbers of training rows (and 2 test rows each): x uniform on [0, 10),
     * y = slope_k x + intercept_k + noise, with a different line per client (non-IID), from a fixed java.util.Random.
     */
    static FederatedData unequalClients(long dataSeed, int... trainSizes) {
        Random r = new Random(dataSeed);
        List<ClientData> clients = new ArrayList<>();
        for (int k = 0; k < trainSizes.length; k++) {
            double slope = 2 + 0.3 * k;
            double intercept = 1 - 0.5 * k;
            double[][] train = rows(r, trainSizes[k], slope, intercept);
            double[][] test = rows(r, 2, slope, intercept);
            clients.add(new ClientData("Client " + (k + 1), train[0], train[1], test[0], test[1], null));
        }
        return new FederatedData("hand-built", "x", "y", clients, 0);
    }

    /** K clients that all hold exactly the same training rows (and the same test rows). */
    static FederatedData identicalClients(long dataSeed, int clients, int rows) {
        Random r = new Random(dataSeed);
        double[][] train = rows(r, rows, 2.0, 1.0);
        double[][] test = rows(r, 3, 2.0, 1.0);
        List<ClientData> list = new ArrayList<>();
        for (int k = 0; k < clients; k++) {
            list.add(new ClientData("Client " + (k + 1), train[0], train[1], test[0], test[1], null));
        }
        return new FederatedData("identical", "x", "y", list, 0);
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

    // ------------------------------------------------------------------ settings

    static SettingsBuilder settings() {
        return new SettingsBuilder();
    }

    /** Settings built by hand, validated (so defaults are filled in exactly as the app would fill them). */
    static final class SettingsBuilder {
        private long seed = 42;
        private int clients = 5;
        private String strategy = StrategySettings.FEDAVG;
        private int epochs = 1;
        private BatchSize batch = BatchSize.FULL;
        private double learningRate = 0.01;
        private double fraction = 1.0;
        private double dropout = 0.0;
        private String weighting = StrategySettings.WEIGHT_BY_SAMPLES;
        private Double serverLearningRate;
        private Double serverMomentum;
        private Double mu;
        private double initialSlope = 0;
        private double initialIntercept = 0;
        private boolean standardize = false;
        private org.fedstep.core.settings.PrivacySettings privacy;
        private org.fedstep.core.settings.SecureAggregationSettings secure;
        private org.fedstep.core.settings.CompressionSettings compression;
        private org.fedstep.core.settings.AttackSettings attack;
        private String strategyOverride;
        private Double trim;
        private Integer byzantine;
        private Integer degree;

        SettingsBuilder seed(long s) { seed = s; return this; }
        SettingsBuilder clients(int k) { clients = k; return this; }
        SettingsBuilder strategy(String s) { strategy = s; return this; }
        SettingsBuilder epochs(int e) { epochs = e; return this; }
        SettingsBuilder batch(BatchSize b) { batch = b; return this; }
        SettingsBuilder learningRate(double eta) { learningRate = eta; return this; }
        SettingsBuilder fraction(double c) { fraction = c; return this; }
        SettingsBuilder dropout(double p) { dropout = p; return this; }
        SettingsBuilder weighting(String w) { weighting = w; return this; }
        SettingsBuilder server(double rate, double momentum) {
            serverLearningRate = rate;
            serverMomentum = momentum;
            return this;
        }
        SettingsBuilder mu(double m) { mu = m; return this; }
        SettingsBuilder initial(double w, double b) { initialSlope = w; initialIntercept = b; return this; }
        SettingsBuilder standardize(boolean s) { standardize = s; return this; }
        SettingsBuilder privacy(org.fedstep.core.settings.PrivacySettings p) { privacy = p; return this; }
        SettingsBuilder secure(org.fedstep.core.settings.SecureAggregationSettings a) { secure = a; return this; }
        SettingsBuilder compression(org.fedstep.core.settings.CompressionSettings c) { compression = c; return this; }
        SettingsBuilder attack(org.fedstep.core.settings.AttackSettings a) { attack = a; return this; }
        SettingsBuilder trim(double t) { trim = t; return this; }
        SettingsBuilder byzantine(int f) { byzantine = f; return this; }
        SettingsBuilder degree(int d) { degree = d; return this; }

        /** For a hand-built federation: the client count is taken from it. */
        Settings buildFor(FederatedData data) {
            clients = data.clientCount();
            return build();
        }

        Settings build() {
            return SettingsValidator.validate(raw());
        }

        Settings raw() {
            return new Settings(null, seed, 20, DatasetSettings.synthetic(2, 1, 0.5, 0, 10),
                    ClientSettings.of(clients, 10), null,
                    new ModelSettings(initialSlope, initialIntercept, standardize, degree),
                    new TrainingSettings(epochs, batch, learningRate, TrainingSettings.SGD, null, null, null, null),
                    new StrategySettings(strategy, fraction, dropout, weighting, mu, serverLearningRate,
                            serverMomentum, null, null, null, trim, byzantine, null),
                    privacy, secure, compression, attack);
        }
    }

    static RoundEngine engine(SettingsBuilder s, FederatedData data) {
        return new RoundEngine(s.buildFor(data), data);
    }

    // ------------------------------------------------------------------ reference arithmetic

    /** J = (1/n) sum (w x + b - y)^2. */
    static double mse(double w, double b, double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double r = w * x[i] + b - y[i];
            s += r * r;
        }
        return s / x.length;
    }

    static double mse(Params p, double[] x, double[] y) {
        return mse(p.w(), p.b(), x, y);
    }

    /** One full-batch gradient step theta - eta * grad J(theta). */
    static Params gdStep(Params p, double[] x, double[] y, double eta) {
        double gw = 0;
        double gb = 0;
        for (int i = 0; i < x.length; i++) {
            double r = p.w() * x[i] + p.b() - y[i];
            gw += r * x[i];
            gb += r;
        }
        gw = 2 * gw / x.length;
        gb = 2 * gb / x.length;
        return new Params(p.w() - eta * gw, p.b() - eta * gb);
    }

    /** Full-batch gradient descent for the given number of steps. */
    static Params gd(Params start, double[] x, double[] y, double eta, int steps) {
        Params p = start;
        for (int s = 0; s < steps; s++) {
            p = gdStep(p, x, y, eta);
        }
        return p;
    }

    /** The closed-form least-squares line: slope = cov(x, y) / var(x), intercept = mean(y) - slope * mean(x). */
    static Params leastSquares(double[] x, double[] y) {
        int n = x.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        double slope = sxy / sxx;
        return new Params(slope, my - slope * mx);
    }

    static double[] concat(double[]... parts) {
        int n = 0;
        for (double[] p : parts) {
            n += p.length;
        }
        double[] out = new double[n];
        int at = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    static double[] pooledTrainX(FederatedData d) {
        double[][] parts = new double[d.clientCount()][];
        for (int k = 0; k < parts.length; k++) {
            parts[k] = d.client(k).trainX();
        }
        return concat(parts);
    }

    static double[] pooledTrainY(FederatedData d) {
        double[][] parts = new double[d.clientCount()][];
        for (int k = 0; k < parts.length; k++) {
            parts[k] = d.client(k).trainY();
        }
        return concat(parts);
    }

    static double[] pooledTestX(FederatedData d) {
        double[][] parts = new double[d.clientCount()][];
        for (int k = 0; k < parts.length; k++) {
            parts[k] = d.client(k).testX();
        }
        return concat(parts);
    }

    static double[] pooledTestY(FederatedData d) {
        double[][] parts = new double[d.clientCount()][];
        for (int k = 0; k < parts.length; k++) {
            parts[k] = d.client(k).testY();
        }
        return concat(parts);
    }

    static boolean closeTo(Params a, Params b, double tol) {
        return Math.abs(a.w() - b.w()) <= tol && Math.abs(a.b() - b.b()) <= tol;
    }
}
