package org.fedstep.core.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fedstep.core.random.Rng;
import org.fedstep.core.settings.DatasetSettings;

/**
 * Generates each client's rows on the client: y = slope_k * x + intercept_k + noise, x uniform on the client's range.
 * <ul>
 *   <li>Concept shift: slope_k = slope + slopeSpread * z, intercept_k = intercept + interceptSpread * z' (z, z' standard
 *   normal, drawn per client).</li>
 *   <li>Feature shift with strictness s: client k of K draws x from a window of width L (1 - s + s / K) (L = xMax -
 *   xMin), the windows spread evenly from xMin to xMax; s = 0 gives every client the whole range (IID), s = 1 gives
 *   K disjoint ranges side by side.</li>
 *   <li>Noise skew: noise_k = noise * exp(noiseSkew * z''), or clientNoise[k] when given.</li>
 *   <li>Noise: Gaussian N(0, noise_k^2), or uniform U(0, noise_k) as numpy's rand in the source article, which
 *   lifts the least-squares intercept by noise_k / 2.</li>
 * </ul>
 * Each client's truth is drawn from its own stream, so changing one client's size changes none of the lines.
 */
public final class SyntheticGenerator {

    private SyntheticGenerator() { }

    public static List<ClientData> generate(DatasetSettings d, int[] sizes, List<String> names, double testFraction,
                                            long seed) {
        int clients = sizes.length;
        double range = d.xMax() - d.xMin();
        double s = d.featureShift();
        double width = range * (1 - s + s / clients);
        List<ClientData> out = new ArrayList<>(clients);
        for (int k = 0; k < clients; k++) {
            Rng truthRng = Rng.derive(seed, Rng.Stream.DATA, k, 0);
            double slope = d.slope() + d.slopeSpread() * truthRng.nextGaussian();
            double intercept = d.intercept() + d.interceptSpread() * truthRng.nextGaussian();
            double skewDraw = truthRng.nextGaussian();
            double noise = d.clientNoise() != null ? d.clientNoise().get(k) : d.noise() * Math.exp(d.noiseSkew() * skewDraw);
            double lo = clients == 1 ? d.xMin() : d.xMin() + k * (range - width) / (clients - 1);

            Rng rowRng = Rng.derive(seed, Rng.Stream.DATA, k, 1);
            double[] x = new double[sizes[k]];
            double[] y = new double[sizes[k]];
            boolean uniform = "uniform".equals(d.noiseKind());
            for (int i = 0; i < sizes[k]; i++) {
                x[i] = lo + width * rowRng.nextDouble();
                double e = uniform ? noise * rowRng.nextDouble() : noise * rowRng.nextGaussian();
                y[i] = slope * x[i] + intercept + e;
            }
            out.add(TrainTestSplit.split(names.get(k), x, y, testFraction, Rng.derive(seed, Rng.Stream.SPLIT, k, 0),
                    new ClientData.GeneratingLine(slope, intercept, noise)));
        }
        return out;
    }

    /** A title such as "Synthetic data: y = 2x + 1 + N(0, 0.5^2)". */
    public static String title(DatasetSettings d) {
        String noise = "uniform".equals(d.noiseKind())
                ? "U(0, " + num(d.noise()) + ")"
                : "N(0, " + num(d.noise()) + "^2)";
        String sign = d.intercept() < 0 ? " - " : " + ";
        return "Synthetic data: y = " + num(d.slope()) + "x" + sign + num(Math.abs(d.intercept())) + " + " + noise;
    }

    private static String num(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : Double.toString(v);
    }
}
