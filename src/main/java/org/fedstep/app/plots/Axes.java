package org.fedstep.app.plots;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A linear axis from data values to pixels, and "nice" tick values (1, 2, 5 times a power of ten) for it.
 *
 * @param from  the data value at pixel p0
 * @param to    the data value at pixel p1
 */
public record Axes(double from, double to, double p0, double p1) {

    public double px(double v) {
        return p0 + (v - from) / (to - from) * (p1 - p0);
    }

    public double value(double px) {
        return from + (px - p0) / (p1 - p0) * (to - from);
    }

    /** About count ticks covering [from, to]. */
    public List<Double> ticks(int count) {
        double lo = Math.min(from, to);
        double hi = Math.max(from, to);
        double step = niceStep((hi - lo) / Math.max(count, 1));
        List<Double> out = new ArrayList<>();
        if (!(step > 0) || !Double.isFinite(step)) {
            return out;
        }
        for (double v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
            out.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
        }
        return out;
    }

    static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double m = raw / p;
        return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
    }

    /** A tick label without needless digits. */
    public static String label(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e5 || a < 1e-3) {
            return String.format(Locale.ROOT, "%.1e", v);
        }
        String s = String.format(Locale.ROOT, "%.4f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
