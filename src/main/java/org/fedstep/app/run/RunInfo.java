package org.fedstep.app.run;

import java.nio.file.Path;
import java.util.List;
import org.fedstep.core.data.ClientData;
import org.fedstep.core.data.ClientSummary;
import org.fedstep.core.data.FederatedData;
import org.fedstep.core.fl.RoundEngine;
import org.fedstep.core.model.Mse;
import org.fedstep.core.model.Params;
import org.fedstep.core.model.Standardization;
import org.fedstep.core.privacy.PrivacyMeter;
import org.fedstep.core.settings.Settings;

/**
 * What stays fixed for a whole run: its settings and data, and what the views compute once from them. Parameters
 * here are in original units.
 *
 * @param optimum          the centralised least-squares line or curve (null when it is not defined)
 * @param optimumLoss      the pooled training MSE of that line: the lowest training loss any line can reach
 * @param summaries        each client's training rows: size, x range, means, own least-squares line (or curve of the
 *                         model's degree)
 * @param stats            sums of the pooled training rows, for evaluating the global loss anywhere in (w, b); for a
 *                         curve, on the slice through theta* where w_2 .. w_d keep theta*'s values
 * @param source           the settings file or session the run came from, or null
 */
public record RunInfo(Settings settings, FederatedData data, Standardization units, Params optimum,
                      double optimumLoss, List<ClientSummary> summaries, LossSurface stats, Bounds bounds,
                      String strategy, int sampledPerRound, Path source, PrivacyMeter privacy,
                      org.fedstep.core.comm.Traffic traffic) {

    public RunInfo {
        summaries = List.copyOf(summaries);
    }

    /** What the views need to know about a run, worked out once when it is shown. */
    public static RunInfo of(RoundEngine e, Path source) {
        FederatedData data = e.data();
        double[] x = data.pooledTrainX();
        double[] y = data.pooledTrainY();
        Params optimum = e.optimum();
        int degree = e.settings().model().degreeOrLine();
        return new RunInfo(e.settings(), data, e.units(), optimum,
                optimum == null ? Double.NaN : Mse.loss(optimum, x, y), data.trainSummaries(degree),
                LossSurface.of(x, degree == 1 || optimum == null ? y : withoutHigherTerms(optimum, x, y)),
                Bounds.of(data, e.units().toOriginal(e.history().get(0).global())), e.strategyKey(),
                e.sampledPerRound(), source, e.privacyMeter(), e.traffic());
    }

    /**
     * How the phases read for this run: ".secure" under secure aggregation, ".async" for FedAsync, ".robust" with a
     * robust rule, "" otherwise; a suffix for the message keys of those phases (where a variant exists).
     */
    public String phaseVariant() {
        if (settings.secureAggregationOrOff().on()) {
            return ".secure";
        }
        if (settings.strategy().isAsync()) {
            return ".async";
        }
        return settings.strategy().isRobust() ? ".robust" : "";
    }

    public int clientCount() {
        return data.clientCount();
    }

    /** Client k's name as the app shows it: its own name, or "Client k" in the app's language. */
    public String clientName(int k) {
        return displayName(data.client(k).name(), k);
    }

    /** A name made of a word FedStep knows and a number: "Client 3", "Hospital 7". */
    private static final java.util.regex.Pattern NUMBERED = java.util.regex.Pattern.compile("([A-Za-z]+) (\\d+)");

    /**
     * A client's name for display: the numbered names FedStep itself gives (clients, the hospital preset's hospitals)
     * in the app's language, any other name as it is.
     */
    public static String displayName(String name, int k) {
        if (name == null) {
            return org.fedstep.app.i18n.I18n.t("clientName.Client", Integer.toString(k + 1));
        }
        java.util.regex.Matcher m = NUMBERED.matcher(name);
        String key = m.matches() ? "clientName." + m.group(1) : null;
        return key != null && org.fedstep.app.i18n.I18n.has(key) ? org.fedstep.app.i18n.I18n.t(key, m.group(2)) : name;
    }

    /** The model's degree: 1 for a line. */
    public int degree() {
        return settings.model().degreeOrLine();
    }

    /**
     * y minus theta*'s terms in x^2 .. x^d: the loss of (w, b) on these values is the loss of the curve that keeps
     * theta*'s higher coefficients, the slice of the loss surface through theta* that the parameter view draws.
     */
    private static double[] withoutHigherTerms(Params optimum, double[] x, double[] y) {
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i] - (optimum.valueAt(x[i]) - optimum.w() * x[i] - optimum.b());
        }
        return out;
    }

    /** The data's extent in original units, padded, for the data view's axes. */
    public record Bounds(double xMin, double xMax, double yMin, double yMax) {

        /**
         * @param start the initial model (original units): its line is included, so a run that starts far below the
         *              data (w = b = 0) shows its global line climbing towards the points from the first step
         */
        static Bounds of(FederatedData data, Params start) {
            double x0 = Double.POSITIVE_INFINITY;
            double x1 = Double.NEGATIVE_INFINITY;
            double y0 = Double.POSITIVE_INFINITY;
            double y1 = Double.NEGATIVE_INFINITY;
            for (ClientData c : data.clients()) {
                for (int i = 0; i < c.trainSize(); i++) {
                    x0 = Math.min(x0, c.trainX(i));
                    x1 = Math.max(x1, c.trainX(i));
                    y0 = Math.min(y0, c.trainY(i));
                    y1 = Math.max(y1, c.trainY(i));
                }
                for (int i = 0; i < c.testSize(); i++) {
                    x0 = Math.min(x0, c.testX(i));
                    x1 = Math.max(x1, c.testX(i));
                    y0 = Math.min(y0, c.testY(i));
                    y1 = Math.max(y1, c.testY(i));
                }
            }
            if (start != null && start.isFinite() && x1 >= x0) {
                for (double x : new double[] {x0, x1}) {
                    double y = start.valueAt(x);
                    y0 = Math.min(y0, y);
                    y1 = Math.max(y1, y);
                }
            }
            double dx = x1 > x0 ? (x1 - x0) * 0.05 : 1;
            double dy = y1 > y0 ? (y1 - y0) * 0.08 : 1;
            return new Bounds(x0 - dx, x1 + dx, y0 - dy, y1 + dy);
        }
    }

    /**
     * The pooled training MSE as a function of (w, b), from five sums, so contour plots cost nothing per point:
     * J(w, b) = (w^2 Sxx + 2 w b Sx + n b^2 - 2 w Sxy - 2 b Sy + Syy) / n.
     */
    public record LossSurface(double n, double sx, double sy, double sxx, double sxy, double syy) {

        static LossSurface of(double[] x, double[] y) {
            double sx = 0;
            double sy = 0;
            double sxx = 0;
            double sxy = 0;
            double syy = 0;
            for (int i = 0; i < x.length; i++) {
                sx += x[i];
                sy += y[i];
                sxx += x[i] * x[i];
                sxy += x[i] * y[i];
                syy += y[i] * y[i];
            }
            return new LossSurface(x.length, sx, sy, sxx, sxy, syy);
        }

        public double loss(double w, double b) {
            return (w * w * sxx + 2 * w * b * sx + n * b * b - 2 * w * sxy - 2 * b * sy + syy) / n;
        }
    }
}
